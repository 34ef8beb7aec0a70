"""Latency of the planners' questions through the GraphQL API (eligible, unlocks, pathways, contacts,
search, a region's programs), the first four also asked as raw Cypher through the same store client.

    .venv/bin/policykg build                      # the seed graph, once
    .venv/bin/python scripts/bench_api.py         # or: POLICYKG_DATA=/tmp/x ... --requests 500
    .venv/bin/python scripts/bench_api.py --url http://127.0.0.1:8000   # a server already running

Without --url the API runs as a uvicorn server in a child process on loopback (on --port, else a
free one), so client and server do not share one interpreter lock; the script then also prints how
long the server took to answer /health and its first eligibility question after starting, and the
server's peak RSS. Prints p50/p95/p99 per question at each concurrency, and GraphQL/raw ratios where
there is a raw query. A script, not a timed test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
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
from urllib.parse import urlsplit

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from api.settings import Settings  # noqa: E402
from graph.store import counts, open_store  # noqa: E402

QUESTIONS: dict[str, tuple[str, dict[str, Any], str | None, dict[str, Any]]] = {
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
    # No raw twin: the store has no Chinese-aware search, and paging is the API's own.
    "q5 search 专精特新": (
        """{ search(text: "专精特新", first: 20) { score node { __typename
            ... on Program { name } ... on Designation { name level } } } }""",
        {},
        None,
        {},
    ),
    "q6 programs 鄂州 first 50": (
        """{ programs(filter: {region: "鄂州"}, first: 50) { totalCount edges { node {
            name level benefits { benefit { text amountMaxWan } } } } } }""",
        {},
        None,
        {},
    ),
}


def _payload(query: str, variables: dict[str, Any]) -> bytes:
    return json.dumps({"query": query, "variables": variables}).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int = 1) -> tuple[subprocess.Popen[bytes], float]:
    """The API server (`workers` processes, as `policykg serve --workers` runs it), and the seconds
    it took to answer /health."""
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_environment"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=os.environ.copy())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("the API server did not become healthy in 60 s")


def peak_rss_mb(pid: int) -> float:
    """Peak RSS of a process and its children (the workers of a multi-process server), summed."""
    total = 0.0
    for p in (pid, *_children(pid)):
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) / 1024
    return total


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


class Connection:
    """A minimal HTTP/1.1 keep-alive client: httpx costs more CPU per request than the API itself,
    and on a small machine the client's CPU is the server's too. A server may close a keep-alive
    connection that sat idle (uvicorn does after 5 s): the request is then sent again on a new one."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        connection = cls(host, port)
        await connection._connect()
        return connection

    async def _connect(self) -> None:
        self.close()
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def post_json(self, path: str, body: bytes) -> tuple[int, bytes]:
        return await self.post(path, body, "application/json")

    async def post(self, path: str, body: bytes, content_type: str, accept: str = "*/*") -> tuple[int, bytes]:
        try:
            return await self._post(path, body, content_type, accept)
        except (ConnectionError, asyncio.IncompleteReadError):
            await self._connect()
            return await self._post(path, body, content_type, accept)

    async def _post(self, path: str, body: bytes, content_type: str, accept: str) -> tuple[int, bytes]:
        if self.reader is None or self.writer is None or self.writer.is_closing():
            await self._connect()
        assert self.reader is not None and self.writer is not None
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: {content_type}\r\n"
            f"Accept: {accept}\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:  # closed while idle: nothing was read, so sending again is safe
            raise ConnectionResetError("the server closed the connection")
        status = int(status_line.split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


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
    parser.add_argument("--url", help="an API already serving, e.g. http://127.0.0.1:8000 (no raw queries)")
    parser.add_argument("--port", type=int, help="the port of the server this script starts")
    parser.add_argument(
        "--workers", type=int, default=1, help="worker processes of the server this script starts"
    )
    parser.add_argument("--only", nargs="+", help="questions whose name starts with one of these (q1 q5 ...)")
    parser.add_argument(
        "--answers",
        type=Path,
        help="a folder to write each question's first answer to (q1.json ...), to compare runs",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="make every request new to the server's kept answers: its query ends in a comment that "
        "numbers it (the selection, and so the answer, stays the same)",
    )
    args = parser.parse_args()
    requests = max(20, min(args.requests, 5000))
    questions = {
        name: q for name, q in QUESTIONS.items() if not args.only or name.startswith(tuple(args.only))
    }

    store = None
    server = None
    if args.url:
        url = urlsplit(args.url)
        host, port = url.hostname or "127.0.0.1", url.port or 80
        print(f"API at {args.url}; {requests} requests per cell; load average {os.getloadavg()[0]:.2f}")
    else:
        settings = Settings()
        store = open_store(settings.store_config())
        nodes = sum(counts(store).values())
        if not nodes:
            raise SystemExit(f"the graph at {store.address} is empty: run `policykg build` first")
        host, port = "127.0.0.1", args.port or free_port()
        server, healthy_s = start_server(port, args.workers)
        print(
            f"graph {store.address}: {nodes} nodes; API on {host}:{port} ({args.workers} uvicorn worker(s)); "
            f"{requests} requests per cell; load average {os.getloadavg()[0]:.2f}"
        )
    pool = ThreadPoolExecutor(max_workers=max(args.concurrency))
    loop = asyncio.get_running_loop()
    connections = [await Connection.open(host, port) for _ in range(max(args.concurrency))]
    try:
        for name, (query, variables, _, _) in questions.items():
            started = time.perf_counter()
            status, body = await connections[0].post_json("/graphql", _payload(query, variables))
            if status != 200 or b'"errors"' in body:
                raise SystemExit(f"{name}: HTTP {status}: {body[:500]!r}")
            if args.answers is not None:
                args.answers.mkdir(parents=True, exist_ok=True)
                (args.answers / f"{name.split()[0]}.json").write_bytes(body)
            if server is not None and name == next(iter(questions)):
                print(
                    f"after start: /health in {healthy_s:.2f} s, then the first {name} in "
                    f"{time.perf_counter() - started:.2f} s"
                )
        header = (
            f"{'question':<26}{'conc':>5} | {'GraphQL p50':>11}{'p95':>8}{'p99':>8} | "
            f"{'raw p50':>8}{'p95':>8}{'p99':>8} | {'ratio p50':>9}{'p99':>6}"
        )
        print(header)
        print("-" * len(header))
        numbers = itertools.count()  # --fresh
        for concurrency in args.concurrency:
            for name, (query, variables, raw_name, raw_params) in questions.items():
                payload = _payload(query, variables)

                async def graphql_call(
                    worker: int, payload: bytes = payload, query: str = query, variables: Any = variables
                ) -> None:
                    if args.fresh:
                        payload = _payload(f"{query}\n# {next(numbers)}", variables)
                    status, _ = await connections[worker].post_json("/graphql", payload)
                    if status != 200:
                        raise SystemExit(f"HTTP {status}")

                await timed(concurrency, 20, graphql_call)  # warm-up
                g = percentiles(await timed(concurrency, requests, graphql_call))
                line = f"{name:<26}{concurrency:>5} | {g[0]:>9.1f}ms{g[1]:>6.1f}ms{g[2]:>6.1f}ms |"
                if store is not None and raw_name is not None:

                    async def raw_call(
                        worker: int, raw_name: str = raw_name, raw_params: dict[str, Any] = raw_params
                    ) -> None:
                        await loop.run_in_executor(pool, lambda: store.run(raw_name, **raw_params))

                    await timed(concurrency, 20, raw_call)
                    r = percentiles(await timed(concurrency, requests, raw_call))
                    line += (
                        f"{r[0]:>6.1f}ms{r[1]:>6.1f}ms{r[2]:>6.1f}ms | {g[0] / r[0]:>9.2f}{g[2] / r[2]:>6.2f}"
                    )
                print(line, flush=True)
        if args.answers is not None:  # asked again after the load: kept answers must be the same bytes
            for name, (query, variables, _, _) in questions.items():
                _, body = await connections[0].post_json("/graphql", _payload(query, variables))
                (args.answers / f"{name.split()[0]}.last.json").write_bytes(body)
        if server is not None:
            print(f"server peak RSS {peak_rss_mb(server.pid):.0f} MB")
    finally:
        for connection in connections:
            connection.close()
        if server is not None:
            server.terminate()
            server.wait(10)
        pool.shutdown()
        if store is not None:
            store.close()


if __name__ == "__main__":
    asyncio.run(main())
