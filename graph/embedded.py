"""The default store: FalkorDB, embedded (started by policykg itself, see graph/server.py)."""

from __future__ import annotations

import contextlib
from typing import Any

import falkordb
import redis
from redis.backoff import ConstantBackoff
from redis.retry import Retry

from graph.config import StoreConfig
from graph.dialect import FALKORDB, join_statements
from graph.queries import load_query
from graph.server import EmbeddedServer
from graph.store import Row
from graph.writer import WritePlan, plan_document_delete, plan_document_write
from schema.errors import StoreError
from schema.graph import GraphDocument


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
        self._connect(info.host, info.port)

    def _connect(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._db = falkordb.FalkorDB(
            host=host,
            port=port,
            socket_timeout=60,
            socket_connect_timeout=1,
            # One quick retry: a store that is down should be reported in well under a second.
            retry=Retry(ConstantBackoff(0.05), 1),
        )
        self._graph = self._db.select_graph(self.config.graph_name)

    def _reconnect_if_moved(self) -> bool:
        """After a restart the embedded server may listen on another port: follow it."""
        info = self.server.running()
        if info is None or (info.host, info.port) == (self._host, self._port):
            return False
        self._connect(info.host, info.port)
        return True

    @property
    def address(self) -> str:
        return f"falkordb://{self._host}:{self._port}/{self.config.graph_name}"

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

    def replace_document(self, doc_id: str, graph: GraphDocument) -> None:
        self._apply(plan_document_write(doc_id, graph))

    def delete_document(self, doc_id: str) -> None:
        self._apply(plan_document_delete(doc_id))

    def ensure_schema(self) -> None:
        for kind, statement in self.dialect.schema_statements():
            try:
                if kind == "constraint":
                    self.query_count += 1
                    self._db.connection.execute_command(
                        "GRAPH.CONSTRAINT", "CREATE", self.config.graph_name, *statement.split()
                    )
                else:
                    self._query(statement, None, write=True)
            except (StoreError, redis.ResponseError) as exc:
                # Both report an index or constraint that exists already as an error.
                if "already" not in str(exc).lower():
                    raise StoreError(f"creating {statement!r} on {self.address} failed: {exc}") from exc

    def ping(self) -> bool:
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
