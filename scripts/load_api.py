"""Load: many concurrent clients asking the acceptance questions for a while, with a rebuild of the
graph in the middle. Prints throughput, p50/p99 latency and the error count (the target is 0).

    .venv/bin/policykg build                                  # the seed graph, once
    .venv/bin/python scripts/load_api.py --clients 64 --seconds 60

The API runs as `policykg serve` does (one uvicorn worker in a child process, on loopback, over the
store in POLICYKG_DATA); halfway through, `policykg build --force` re-extracts and rewrites every seed
document while the clients keep asking. An error is a failed connection, a status other than 200,
or a GraphQL answer with `errors`. A script, not a timed test: figures vary by machine and load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from bench_api import QUESTIONS, Connection, _payload, free_port, start_server  # noqa: E402


async def _ask(port: int, conn: Connection | None, body: bytes) -> tuple[Connection, int, bytes]:
    """One request on a keep-alive connection, opening a new one when the server closed the old."""
    for attempt in (1, 2):
        try:
            conn = conn or await Connection.open(port)
            status, payload = await conn.post_json("/graphql", body)
            return conn, status, payload
        except (ConnectionError, asyncio.IncompleteReadError, IndexError, ValueError):
            if conn is not None:
                conn.close()
            conn = None
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


async def run(port: int, clients: int, seconds: float, rebuild_at: float) -> None:
    bodies = [_payload(q, v) for q, v, _raw, _params in QUESTIONS.values()]
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    stop = time.monotonic() + seconds
    rebuild: dict[str, float | int | None] = {"started": None, "seconds": None, "code": None}

    async def client(number: int) -> None:
        conn: Connection | None = None
        k = number
        while time.monotonic() < stop:
            body = bodies[k % len(bodies)]
            k += 1
            start = time.perf_counter()
            try:
                conn, status, payload = await _ask(port, conn, body)
            except Exception as exc:  # every failure counts; the run goes on
                errors[type(exc).__name__] += 1
                conn = None
                continue
            latencies.append((time.perf_counter() - start) * 1000)
            if status != 200:
                errors[f"HTTP {status}"] += 1
            elif b'"errors"' in payload and json.loads(payload).get("errors"):
                errors["GraphQL errors"] += 1
        if conn is not None:
            conn.close()

    async def rebuilder() -> None:
        await asyncio.sleep(rebuild_at)
        rebuild["started"] = rebuild_at
        began = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            str(REPO / ".venv" / "bin" / "policykg"),
            "build",
            "--force",
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        rebuild["code"] = await proc.wait()
        rebuild["seconds"] = time.monotonic() - began

    began = time.monotonic()
    await asyncio.gather(rebuilder(), *(client(n) for n in range(clients)))
    wall = time.monotonic() - began
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else [0.0] * 99
    print(f"clients {clients}, {wall:.1f} s, {len(latencies)} answers: {len(latencies) / wall:.1f} req/s")
    print(f"latency ms: p50 {cuts[49]:.1f}  p99 {cuts[98]:.1f}  max {max(latencies, default=0):.1f}")
    print(
        f"rebuild: started at {rebuild['started']} s, took {rebuild['seconds'] or 0:.1f} s, "
        f"exit code {rebuild['code']}"
    )
    print(f"errors: {sum(errors.values())}" + (f" {dict(errors)}" if errors else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=0, help="an API already serving; default: start one")
    args = parser.parse_args()
    port = args.port or free_port()
    server = None if args.port else start_server(port)
    try:
        asyncio.run(run(port, args.clients, args.seconds, rebuild_at=args.seconds / 2))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
