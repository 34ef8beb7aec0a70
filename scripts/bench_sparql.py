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
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
NAMES = ("q1 programs of 鄂州市", "q2 requirements+evidence", "q3 programs of a department")


def readme_queries() -> list[str]:
    """The ```sparql blocks of the README's SPARQL section (the queries the tests check too)."""
    section = README.read_text(encoding="utf-8").split("\n## SPARQL\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", section, re.DOTALL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_environment"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=os.environ.copy())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the API server did not become healthy in 60 s")


class Connection:
    """One keep-alive HTTP/1.1 connection that POSTs SPARQL forms."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        return cls(*await asyncio.open_connection("127.0.0.1", port))

    async def query(self, text: str) -> tuple[int, bytes]:
        body = urlencode({"query": text}).encode()
        head = (
            "POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Accept: application/sparql-results+json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def timed(connections: list[Connection], requests: int, text: str) -> list[float]:
    """Latencies (ms) of `requests` queries sent by as many clients as there are connections."""
    samples: list[float] = []
    remaining = requests

    async def client(connection: Connection) -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            status, body = await connection.query(text)
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
    server = start_server(port)
    connections = [await Connection.open(port) for _ in range(max(args.concurrency))]
    try:
        for name, text in queries.items():
            started = time.perf_counter()
            status, body = await connections[0].query(text)
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
