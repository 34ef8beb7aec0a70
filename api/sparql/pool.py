"""A few worker processes (api/sparql/worker.py) that answer SPARQL queries for the API, each query
within a time limit that is enforced by killing the worker that overruns it.

Workers start when first needed and are kept for the next query; one that was killed, or that died
(its memory limit reached), is replaced by a new one on demand. A request waits for a free worker
at most as long as a query may run, and is then told the endpoint is busy. Everything here runs on
the event loop that created the pool: waiting for a worker's answer holds no thread."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schema.errors import PolicyKGError

log = logging.getLogger(__name__)

WORKER_SCRIPT = Path(__file__).with_name("worker.py")
_LENGTH = struct.Struct(">I")
# A worker is a Python interpreter and pyoxigraph: it says it is ready within tens of milliseconds.
START_TIMEOUT_S = 30.0


class SparqlPoolError(PolicyKGError):
    """A query could not be answered by a worker; the message says why, for the client."""


class QueryTimeout(SparqlPoolError):
    """The query ran past the time limit; its worker was killed."""


class WorkersBusy(SparqlPoolError):
    """No worker became free in time."""


class WorkerFailed(SparqlPoolError):
    """The worker ended while answering (most likely at its memory limit), or could not start."""


@dataclass(frozen=True)
class WorkerAnswer:
    header: dict[str, Any]
    body: bytes


class WorkerProcess:
    """One worker: a child process spoken to in frames over its standard input and output."""

    def __init__(self, process: asyncio.subprocess.Process, isolated: bool) -> None:
        self.process = process
        self.isolated = isolated

    @classmethod
    async def start(cls, memory_bytes: int) -> WorkerProcess:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(WORKER_SCRIPT),
            str(memory_bytes),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        worker = cls(process, isolated=False)
        try:
            hello = await asyncio.wait_for(worker._read(), START_TIMEOUT_S)
        except (TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
            worker.kill()
            raise WorkerFailed("a SPARQL worker process could not start") from exc
        worker.isolated = bool(hello.header.get("isolated"))
        return worker

    async def ask(self, header: dict[str, Any], body: bytes) -> WorkerAnswer:
        assert self.process.stdin is not None
        encoded = json.dumps(header).encode("utf-8")
        self.process.stdin.write(_LENGTH.pack(len(encoded)) + encoded + _LENGTH.pack(len(body)) + body)
        await self.process.stdin.drain()
        return await self._read()

    async def _read(self) -> WorkerAnswer:
        assert self.process.stdout is not None
        parts = []
        for _ in range(2):
            (length,) = _LENGTH.unpack(await self.process.stdout.readexactly(_LENGTH.size))
            parts.append(await self.process.stdout.readexactly(length))
        return WorkerAnswer(json.loads(parts[0]), parts[1])

    def kill(self) -> None:
        if self.process.returncode is None:
            # SIGKILL: a query in Rust does not stop for anything gentler. (It may have just ended.)
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()


class WorkerPool:
    """At most `size` workers, each answering one query at a time."""

    def __init__(self, size: int, memory_bytes: int) -> None:
        self.size = size
        self.memory_bytes = memory_bytes
        self.loop = asyncio.get_running_loop()
        self._slots = asyncio.Semaphore(size)
        self._idle: list[WorkerProcess] = []
        # Whether the workers have left the network (None until one started): see worker.py.
        self.isolated: bool | None = None

    async def ask(
        self, header: dict[str, Any], body: bytes, *, timeout_s: float, wait_s: float
    ) -> WorkerAnswer:
        """The answer of a free worker to one query; raises QueryTimeout past `timeout_s` of work,
        WorkersBusy when no worker was free within `wait_s`, WorkerFailed when the worker ended."""
        try:
            await asyncio.wait_for(self._slots.acquire(), wait_s)
        except TimeoutError:
            raise WorkersBusy(
                f"all {self.size} SPARQL workers stayed busy for {wait_s:g} s; try again shortly"
            ) from None
        try:
            worker = self._idle.pop() if self._idle else await self._start()
            try:
                answer = await asyncio.wait_for(worker.ask(header, body), timeout_s)
            except TimeoutError:
                worker.kill()
                raise QueryTimeout(
                    f"the query ran for more than {timeout_s:g} s, the limit for one query, and was stopped: "
                    "narrow its patterns, or ask for fewer results with LIMIT"
                ) from None
            except (asyncio.IncompleteReadError, ConnectionError, ValueError) as exc:
                worker.kill()
                try:  # its exit status says why (SIGABRT: an allocation over the memory limit)
                    code: int | None = await asyncio.wait_for(worker.process.wait(), 1)
                except TimeoutError:
                    code = None
                log.warning("a SPARQL worker ended while answering (exit status %s): %s", code, exc)
                raise WorkerFailed(
                    "the query stopped the process answering it, most likely by needing more than "
                    f"{self.memory_bytes / 2**20:.0f} MB of memory: narrow it, or ask for fewer results"
                ) from None
            except BaseException:
                worker.kill()  # cancelled mid-answer: its state is unknown, do not reuse it
                raise
            self._idle.append(worker)
            return answer
        finally:
            self._slots.release()

    async def _start(self) -> WorkerProcess:
        worker = await WorkerProcess.start(self.memory_bytes)
        if not worker.isolated and self.isolated is not False:
            log.warning(
                "SPARQL workers could not leave the network on this system (no user namespaces): "
                "SERVICE clauses are still refused before a query reaches them"
            )
        self.isolated = worker.isolated
        return worker

    async def close(self) -> None:
        """End the idle workers (a busy one ends when its query is answered or cancelled)."""
        idle, self._idle = self._idle, []
        for worker in idle:
            if worker.process.stdin is not None:
                worker.process.stdin.close()  # the end of its input: it exits by itself
        for worker in idle:
            try:
                await asyncio.wait_for(worker.process.wait(), 5)
            except TimeoutError:
                worker.kill()
