"""Latency of the four acceptance questions through the GraphQL API, against the same questions asked
as raw Cypher through the same store client, in the same run.

    .venv/bin/policykg build                      # the seed graph, once
    .venv/bin/python scripts/bench_api.py         # or: POLICYKG_DATA=/tmp/x ... --requests 500

The API runs as a uvicorn server in a child process on loopback (so client and server do not share
one interpreter lock); this process sends the requests. Prints p50/p95/p99 per question at
concurrency 1 and 16, and GraphQL/raw ratios. A script, not a timed test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from api.settings import Settings  # noqa: E402
from graph.store import counts, open_store  # noqa: E402

QUESTIONS: dict[str, tuple[str, dict[str, Any], str, dict[str, Any]]] = {
    # name: (GraphQL query, variables, raw Cypher query name, its parameters)
    "q1 eligible 鄂州": (
        """query ($h: [DesignationInput!]!) { eligible(holding: $h, region: "鄂州") { ... on EligiblePrograms {
            programs { program { name benefits { benefit { text amountMaxWan } evidence }
                contacts { office { name } phone evidence } } met { evidence } } } } }""",
        {"h": [{"name": "专精特新中小企业", "level": "PROVINCIAL"}]},
        "api_bench_eligible",
        {"regions": ["鄂州", "鄂州市"], "designation": "专精特新中小企业", "level": "provincial"},
    ),
    "q2 unlocks 企业技术中心": (
        """{ designation(name: "企业技术中心", level: PROVINCIAL) {
            unlocks { program { name } evidence span document { name } } } }""",
        {},
        "api_bench_unlocks",
        {"designation": "企业技术中心", "level": "provincial"},
    ),
    "q3 pathways ≥100万": (
        """{ pathways(from: [{name: "创新型中小企业"}], to: {benefitMinWan: 100}) { ... on Pathways {
            pathways { length amountMaxWan steps { program { name } met { evidence span }
                grants { designation { name } evidence } benefits { benefit { text } evidence } } } } } }""",
        {},
        "api_bench_pathways",
        {"designation": "创新型中小企业", "level": "provincial", "min": 100.0},
    ),
    "q4 contacts 贷款贴息": (
        """{ programs(filter: {text: "江苏省制造业贷款财政贴息实施方案"}) { edges { node {
            name contacts { office { name } phone evidence } } } } }""",
        {},
        "api_bench_contacts",
        {"program": "江苏省制造业贷款财政贴息实施方案"},
    ),
}


def _payload(query: str, variables: dict[str, Any]) -> bytes:
    return json.dumps({"query": query, "variables": variables}).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen[bytes]:
    # One worker, as `policykg serve` runs it. (uvicorn's multi-worker mode answered every request
    # in 40-50 ms here: a Nagle/delayed-ACK stall, so it is not offered.)
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
    proc.kill()
    raise SystemExit("the API server did not become healthy in 60 s")


class Connection:
    """A minimal HTTP/1.1 keep-alive client: httpx costs more CPU per request than the API itself,
    and on a small machine the client's CPU is the server's too."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        return cls(*await asyncio.open_connection("127.0.0.1", port))

    async def post_json(self, path: str, body: bytes) -> tuple[int, bytes]:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
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


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


async def timed(concurrency: int, requests: int, call: Callable[[int], Awaitable[None]]) -> list[float]:
    """Latencies (ms) of `requests` calls made by `concurrency` workers (each passes its number)."""
    samples: list[float] = []
    remaining = requests

    async def worker(number: int) -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            start = time.perf_counter()
            await call(number)
            samples.append((time.perf_counter() - start) * 1000)

    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return samples


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--requests", type=int, default=300, help="requests per question and concurrency (max 5000)"
    )
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    args = parser.parse_args()
    requests = max(20, min(args.requests, 5000))

    settings = Settings()
    store = open_store(settings.store_config())
    nodes = sum(counts(store).values())
    if not nodes:
        raise SystemExit(f"the graph at {store.address} is empty: run `policykg build` first")
    port = free_port()
    server = start_server(port)
    pool = ThreadPoolExecutor(max_workers=max(args.concurrency))
    loop = asyncio.get_running_loop()
    print(
        f"graph {store.address}: {nodes} nodes; API on 127.0.0.1:{port} (one uvicorn worker); "
        f"{requests} requests per cell; load average {os.getloadavg()[0]:.2f}"
    )
    connections = [await Connection.open(port) for _ in range(max(args.concurrency))]
    try:
        for name, (query, variables, _, _) in QUESTIONS.items():
            status, body = await connections[0].post_json("/graphql", _payload(query, variables))
            if status != 200 or b'"errors"' in body:
                raise SystemExit(f"{name}: HTTP {status}: {body[:500]!r}")
        header = (
            f"{'question':<24}{'conc':>5} | {'GraphQL p50':>11}{'p95':>8}{'p99':>8} | "
            f"{'raw p50':>8}{'p95':>8}{'p99':>8} | {'ratio p50':>9}{'p99':>6}"
        )
        print(header)
        print("-" * len(header))
        for concurrency in args.concurrency:
            for name, (query, variables, raw_name, raw_params) in QUESTIONS.items():
                payload = _payload(query, variables)

                async def graphql_call(worker: int, payload: bytes = payload) -> None:
                    status, _ = await connections[worker].post_json("/graphql", payload)
                    if status != 200:
                        raise SystemExit(f"HTTP {status}")

                async def raw_call(
                    worker: int, raw_name: str = raw_name, raw_params: dict[str, Any] = raw_params
                ) -> None:
                    await loop.run_in_executor(pool, lambda: store.run(raw_name, **raw_params))

                await timed(concurrency, 20, graphql_call)  # warm-up
                await timed(concurrency, 20, raw_call)
                g = percentiles(await timed(concurrency, requests, graphql_call))
                r = percentiles(await timed(concurrency, requests, raw_call))
                print(
                    f"{name:<24}{concurrency:>5} | {g[0]:>9.1f}ms{g[1]:>6.1f}ms{g[2]:>6.1f}ms |"
                    f"{r[0]:>6.1f}ms{r[1]:>6.1f}ms{r[2]:>6.1f}ms | {g[0] / r[0]:>9.2f}{g[2] / r[2]:>6.2f}"
                )
    finally:
        for connection in connections:
            connection.close()
        server.terminate()
        server.wait(10)
        pool.shutdown()
        store.close()


if __name__ == "__main__":
    asyncio.run(main())
