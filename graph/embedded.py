"""The default store: FalkorDB, embedded (started by policykg itself, see graph/server.py)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from typing import Any

import falkordb
import redis
from redis.backoff import ConstantBackoff
from redis.retry import Retry

from graph.config import StoreConfig
from graph.dialect import FALKORDB, FALKORDB_CONSTRAINTS, FALKORDB_INDEXES, join_statements
from graph.queries import load_query
from graph.server import EmbeddedServer, ServerInfo
from graph.store import Row
from graph.writer import (
    Statements,
    WritePlan,
    plan_document_delete,
    plan_document_write,
    plan_probe,
    plan_statements_read,
    settled_nodes,
    statements_from_rows,
)
from schema.errors import StoreError
from schema.graph import GraphDocument

# Held while a document is read and written (FalkorStore._writing), next to the start/stop lock.
WRITE_LOCK = "write.lock"
# Writes since the last rewrite of the append-only file that make a build end with one (compact).
COMPACT_AFTER_BYTES = 256 * 1024


def _plain(value: Any) -> Any:
    """FalkorDB client objects (Node, Edge) to plain data, so callers see dicts and lists."""
    if isinstance(value, falkordb.Node):
        return dict(value.properties)
    if isinstance(value, falkordb.Edge):
        return dict(value.properties)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class FalkorStore:
    backend = "falkordb"
    dialect = FALKORDB

    def __init__(self, config: StoreConfig, *, start: bool = True) -> None:
        self.config = config
        self.server = EmbeddedServer(config.data_dir, config.start_timeout_s)
        self.query_count = 0
        info = self.server.ensure_running() if start else self.server.running()
        if info is None:
            raise StoreError(f"no embedded FalkorDB is running for {self.server.data_dir}")
        self._connect(info)

    def _connect(self, info: ServerInfo) -> None:
        self._info = info
        self._db = falkordb.FalkorDB(
            host=info.host,
            port=info.port,
            password=info.password or None,
            socket_timeout=60,
            socket_connect_timeout=1,
            # One quick retry: a store that is down should be reported in well under a second.
            retry=Retry(ConstantBackoff(0.05), 1),
        )
        self._graph = self._db.select_graph(self.config.graph_name)

    def _reconnect_if_moved(self) -> bool:
        """After a restart the embedded server is another process, likely on another port and
        perhaps with a new password: follow it."""
        info = self.server.running()
        if info is None or info == self._info:
            return False
        self._connect(info)
        return True

    @property
    def address(self) -> str:
        """Where the store listens, for the operator (CLI output, errors); never shown to the public."""
        return f"falkordb://{self._info.host}:{self._info.port}/{self.config.graph_name}"

    def _query(self, query: str, params: dict[str, Any] | None, *, write: bool) -> list[Row]:
        self.query_count += 1
        try:
            result = self._send(query, params, write=write)
        except redis.ConnectionError as exc:
            if not self._reconnect_if_moved():
                raise StoreError(f"the graph store at {self.address} is not answering: {exc}") from exc
            try:
                result = self._send(query, params, write=write)
            except redis.ConnectionError as again:
                raise StoreError(f"the graph store at {self.address} is not answering: {again}") from again
        except redis.ResponseError as exc:
            if "empty key" in str(exc) or "Invalid graph operation on empty key" in str(exc):
                return []  # the graph does not exist yet: no rows
            raise StoreError(f"the graph store at {self.address} refused a query: {exc}") from exc
        header = [col[1] if isinstance(col, (list, tuple)) else col for col in result.header]
        return [dict(zip(header, (_plain(v) for v in row), strict=False)) for row in result.result_set]

    def _send(self, query: str, params: dict[str, Any] | None, *, write: bool) -> Any:
        if write:
            return self._graph.query(query, params or {})
        return self._graph.ro_query(query, params or {})

    def run(self, name: str, **params: Any) -> list[Row]:
        query = load_query(name)
        write = any(word in query.upper() for word in ("MERGE ", "CREATE ", "DELETE", "SET "))
        return self._query(query, params, write=write)

    def run_text(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[Row]:
        return self._query(query, params, write=write)

    def _apply(self, plan: WritePlan) -> None:
        # One GRAPH.QUERY is atomic in FalkorDB: the document lands whole or not at all.
        self._query(join_statements(plan.statements), plan.params, write=True)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the folder's write lock from reading the other documents' statements to writing the
        merge: a build in another process cannot write between the two (graph/writer.py)."""
        fd = os.open(
            self.server.data_dir / WRITE_LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
        )
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock

    def _stated_elsewhere(self, doc_id: str, graph: GraphDocument | None) -> Statements:
        read = plan_statements_read(doc_id, graph)
        return statements_from_rows(self._query(read.query, read.params, write=False))

    def replace_document(self, doc_id: str, graph: GraphDocument) -> None:
        with self._writing():
            # First the cheap probe, then the other documents' statements of only the nodes whose
            # merge this write may change (graph/writer.py: settled_nodes).
            probe = plan_probe(doc_id, graph)
            rows = self._query(probe.query, probe.params, write=False) if probe else []
            settled = settled_nodes(doc_id, graph, rows)
            read = plan_statements_read(doc_id, graph, settled, existing={row["id"] for row in rows})
            others = statements_from_rows(self._query(read.query, read.params, write=False))
            self._apply(plan_document_write(doc_id, graph, others, settled))

    def delete_document(self, doc_id: str) -> None:
        with self._writing():
            self._apply(plan_document_delete(doc_id, self._stated_elsewhere(doc_id, None)))

    def ensure_schema(self) -> None:
        """Create the indexes and constraints that are missing, and only those (see FALKORDB_INDEXES)."""
        indexed = {
            (row["label"], prop)
            for row in self._query(FALKORDB_INDEXES, None, write=False)
            for prop, types in (row["types"] or {}).items()
            if "RANGE" in types  # a full-text index on the property does not serve exact lookups
        }
        constrained = {
            (row["label"], tuple(row["properties"]))
            for row in self._query(FALKORDB_CONSTRAINTS, None, write=False)
            if row["type"] == "UNIQUE" and row["entitytype"] == "NODE"
        }
        created_constraint = False
        for item in self.dialect.schema_items():
            try:
                if item.kind == "constraint":
                    if (item.label, (item.prop,)) in constrained:
                        continue
                    self.query_count += 1
                    self._db.connection.execute_command(
                        "GRAPH.CONSTRAINT", "CREATE", self.config.graph_name, *item.statement.split()
                    )
                    created_constraint = True
                elif (item.label, item.prop) not in indexed:
                    self._query(item.statement, None, write=True)
            except (StoreError, redis.ResponseError) as exc:
                # Another build may have created it since we looked: that one is as good as ours.
                if "already" not in str(exc).lower():
                    raise StoreError(f"creating {item.statement!r} on {self.address} failed: {exc}") from exc
        if created_constraint:
            # FalkorDB writes each GRAPH.CONSTRAINT CREATE to the append-only file twice, so every
            # replay would log "Constraint already exists" as CRITICAL: rewriting the file now (the
            # graph is new, so this is cheap) keeps the constraints in its snapshot instead.
            self._rewrite_append_only_file()

    def _rewrite_append_only_file(self, wait_s: float = 10.0) -> None:
        """Start an append-only file rewrite; when one is already running (a new server rewrites its
        file at start), wait for it to end, since it began before the constraints were written."""
        deadline = time.monotonic() + wait_s
        while True:
            try:
                self._db.connection.execute_command("BGREWRITEAOF")
                return
            except redis.ResponseError as exc:
                if "in progress" not in str(exc).lower() or time.monotonic() > deadline:
                    return  # the constraints stay in the incremental file: a replay logs a warning
                time.sleep(0.05)

    def compact(self, wait_s: float = 120.0) -> None:
        """Rewrite the append-only file when a build has grown it, and wait for the rewrite: a
        restart then loads a snapshot of the graph (about a second at ×100 of the seeds) instead of
        replaying every write since the last rewrite (minutes, full-scan deletes included)."""
        info = self._db.connection.info("persistence")
        grown = int(info.get("aof_current_size", 0)) - int(info.get("aof_base_size", 0))
        if grown < COMPACT_AFTER_BYTES:
            return
        self._rewrite_append_only_file()
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            info = self._db.connection.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                return
            time.sleep(0.05)

    def ping(self) -> bool:
        """True when the store answers; follows a server restarted on another port, as queries do."""
        try:
            return bool(self._db.connection.ping())
        except redis.RedisError:
            if not self._reconnect_if_moved():
                return False
        try:
            return bool(self._db.connection.ping())
        except redis.RedisError:
            return False

    def clear(self) -> None:
        with contextlib.suppress(redis.ResponseError):
            self._graph.delete()
        self._graph = self._db.select_graph(self.config.graph_name)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._db.connection.close()
