"""The SPARQL service of one app: the Oxigraph store that matches the graph's current version
(built when the version changes, once however many requests ask meanwhile), and the workers that
answer queries over it within the limits."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from api.routes.linked_data import SingleFlight
from api.sparql.pool import WorkerAnswer, WorkerPool
from api.sparql.store import OxigraphFolder, graph_version
from graph.store import GraphStore
from schema.errors import PolicyKGError
from schema.jsonld import Vocabulary

log = logging.getLogger(__name__)

MB = 1024 * 1024


@dataclass(frozen=True)
class SparqlLimits:
    """What one query may cost. The seed graph's every triple as Turtle is 2.5 MB; the README's
    example queries answer in milliseconds."""

    timeout_s: float = 10.0  # evaluation and serialisation of one query, in its worker
    max_result_bytes: int = 16 * MB  # the serialised answer
    max_query_bytes: int = 100_000  # the query text, as for GraphQL documents
    workers: int = 2  # queries evaluated at once (the API's machine has two cores)
    worker_memory_bytes: int = 2 * 1024 * MB  # each worker's heap


class SparqlUnavailable(PolicyKGError):
    """No store to answer from: the graph store is down and nothing was built yet, or a build failed."""


class SparqlService:
    def __init__(
        self,
        data_dir: Path,
        base: str,
        limits: SparqlLimits | None = None,
        version_ttl_s: float = 1.0,
    ) -> None:
        self.base = base.rstrip("/")
        self.limits = limits or SparqlLimits()
        self.folder = OxigraphFolder(data_dir)
        self.version_ttl_s = version_ttl_s
        vocab = Vocabulary(self.base)
        # Queries may use the ontology's prefixes (pkg:, schema:, cpsv:, ...) without declaring them;
        # a declared PREFIX wins. Answers in Turtle are written with them, each namespace once (cccev
        # shares cv's, as in the JSON-LD context).
        self.prefixes = dict(vocab.prefixes)
        self.output_prefixes = {p: ns for p, ns in vocab.prefixes.items() if p != "cccev"}
        self._path: Path | None = None
        self._checked_at = float("-inf")
        self._builds = SingleFlight()
        self._pool: WorkerPool | None = None

    async def current_store(self, get_store: Callable[[], GraphStore | None]) -> Path:
        """The folder of the Oxigraph store for the graph's current version, built if need be. A
        version checked less than `version_ttl_s` ago is trusted (one Cypher query saved per query).
        With the graph store down, the last store built answers, if there is one."""
        if self._path is not None and time.monotonic() - self._checked_at < self.version_ttl_s:
            return self._path
        started = time.monotonic()

        def check() -> tuple[GraphStore | None, str | None]:
            store = get_store()  # may reopen a store that was down: not on the event loop
            if store is None:
                return None, None
            try:
                return store, graph_version(store, self.base)
            except PolicyKGError as exc:
                log.warning("SPARQL: the graph's version could not be read: %s", exc)
                return store, None

        store, version = await asyncio.to_thread(check)
        if store is None or version is None:
            fallback = self._path or await asyncio.to_thread(self.folder.current)
            if fallback is None:
                raise SparqlUnavailable("the graph store is not available; try again shortly")
            return fallback
        if self.folder.has(version):
            path = self.folder.path(version)
            if path != self._path:
                # Found, not built, by this process (after a restart): the folder to fall back on.
                with contextlib.suppress(OSError):
                    await asyncio.to_thread(self.folder.mark_current, version)
        else:
            try:
                path = await self._builds.run(version, lambda: self.folder.build(store, self.base, version))
            except PolicyKGError as exc:
                log.warning("SPARQL: %s", exc)
                raise SparqlUnavailable(
                    "the SPARQL store could not be brought up to date; try again shortly"
                ) from exc
        self._path, self._checked_at = path, started
        return path

    async def query(self, store: Path, text: str, results: str | None, graph: str | None) -> WorkerAnswer:
        """A worker's answer to `text` over `store`, in the results format (for SELECT and ASK) or
        the graph format (CONSTRUCT and DESCRIBE) named; raises api.sparql.pool's errors."""
        header = {
            "store": str(store),
            "results": results,
            "graph": graph,
            "max_bytes": self.limits.max_result_bytes,
            "prefixes": self.prefixes,
            "output_prefixes": self.output_prefixes,
        }
        limits = self.limits
        return await self.pool().ask(
            header, text.encode("utf-8"), timeout_s=limits.timeout_s, wait_s=limits.timeout_s
        )

    def pool(self) -> WorkerPool:
        """The workers of the running event loop (a test client may run an app on several loops)."""
        loop = asyncio.get_running_loop()
        if self._pool is None or self._pool.loop is not loop:
            self._pool = WorkerPool(self.limits.workers, self.limits.worker_memory_bytes)
        return self._pool

    async def close(self) -> None:
        if self._pool is not None and self._pool.loop is asyncio.get_running_loop():
            await self._pool.close()
        self._pool = None
