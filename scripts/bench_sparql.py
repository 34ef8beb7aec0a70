"""Latency of the README's three SPARQL queries through /sparql, at concurrency 1 and 16.

    .venv/bin/policykg build                           # the seed graph, once
    .venv/bin/python scripts/bench_sparql.py           # or: POLICYKG_DATA=/tmp/x ... --requests 500

The API runs as a uvicorn server in a child process on loopback (one worker, as `policykg serve`
runs it), with its two SPARQL worker processes; this process sends the requests over keep-alive
connections (a small HTTP/1.1 client: httpx would cost more CPU than the queries, and the machine's
CPU is the server's too). The first query after start is timed on its own: it brings the Oxigraph
store up to date when the graph changed since the last one. A script, not a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# The same loopback server and keep-alive client as the GraphQL benchmark.
from scripts.bench_api import Connection, free_port, start_server  # noqa: E402

README = REPO / "README.md"
NAMES = ("q1 programs of 鄂州市", "q2 requirements+evidence", "q3 programs of a department")


def readme_queries() -> list[str]:
    """The ```sparql blocks of the README's SPARQL section (the queries the tests check too)."""
    section = README.read_text(encoding="utf-8").split("\n## SPARQL\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", section, re.DOTALL)


async def query(connection: Connection, text: str) -> tuple[int, bytes]:
    """POST a SPARQL query as a form, asking for SPARQL JSON results."""
    body = urlencode({"query": text}).encode()
    return await connection.post(
        "/sparql", body, "application/x-www-form-urlencoded", "application/sparql-results+json"
    )


async def timed(connections: list[Connection], requests: int, text: str) -> list[float]:
    """Latencies (ms) of `requests` queries sent by as many clients as there are connections."""
    samples: list[float] = []
    remaining = requests

    async def client(connection: Connection) -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            status, body = await query(connection, text)
            samples.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise SystemExit(f"HTTP {status}: {body[:300]!r}")

    await asyncio.gather(*(client(c) for c in connections))
    return samples


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300, help="requests per query and concurrency")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    args = parser.parse_args()
    queries = dict(zip(NAMES, readme_queries(), strict=True))
    port = free_port()
    server, _ = start_server(port)
    connections = [await Connection.open("127.0.0.1", port) for _ in range(max(args.concurrency))]
    try:
        for name, text in queries.items():
            started = time.perf_counter()
            status, body = await query(connections[0], text)
            if status != 200 or b'"bindings":[]' in body:
                raise SystemExit(f"{name}: HTTP {status}, or no rows: {body[:300]!r}")
            print(f"first {name}: {(time.perf_counter() - started) * 1000:.0f} ms, {len(body)} bytes")
        print(f"{args.requests} requests per cell; load average {os.getloadavg()[0]:.2f}")
        header = f"{'query':<30}{'conc':>5} | {'p50 ms':>8}{'p99 ms':>8}{'req/s':>8}"
        print(header)
        print("-" * len(header))
        for concurrency in args.concurrency:
            for name, text in queries.items():
                await timed(connections[:concurrency], min(args.requests, 20), text)  # warm
                started = time.perf_counter()
                samples = await timed(connections[:concurrency], args.requests, text)
                rate = len(samples) / (time.perf_counter() - started)
                cuts = statistics.quantiles(samples, n=100, method="inclusive")
                print(f"{name:<30}{concurrency:>5} | {cuts[49]:>8.1f}{cuts[98]:>8.1f}{rate:>8.0f}")
    finally:
        for connection in connections:
            connection.close()
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    asyncio.run(main())
