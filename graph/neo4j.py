"""Neo4j through the official driver: the production store and the one analysts browse."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from graph.config import StoreConfig
from graph.dialect import NEO4J
from graph.queries import load_query
from graph.store import Row
from graph.writer import (
    Statements,
    WritePlan,
    plan_document_delete,
    plan_document_write,
    plan_statements_read,
    statements_from_rows,
)
from schema.errors import StoreError
from schema.graph import GraphDocument


def _plain(value: Any) -> Any:
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship)):
        return dict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Neo4jStore:
    backend = "neo4j"
    dialect = NEO4J

    def __init__(self, config: StoreConfig) -> None:
        self.config = config
        self.query_count = 0
        self._driver = neo4j.GraphDatabase.driver(
            config.neo4j_uri, auth=(config.neo4j_user, config.neo4j_password)
        )

    @property
    def address(self) -> str:
        return f"{self.config.neo4j_uri}/{self.config.neo4j_database or ''}"

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.config.neo4j_database)

    def run_text(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[Row]:
        self.query_count += 1
        try:
            records, _, _ = self._driver.execute_query(
                query,
                params or {},
                database_=self.config.neo4j_database,
                routing_=neo4j.RoutingControl.WRITE if write else neo4j.RoutingControl.READ,
            )
        except ServiceUnavailable as exc:
            raise StoreError(f"Neo4j at {self.address} is not answering: {exc}") from exc
        except Neo4jError as exc:
            raise StoreError(f"Neo4j at {self.address} refused a query: {exc.message}") from exc
        return [{k: _plain(v) for k, v in record.items()} for record in records]

    def run(self, name: str, **params: Any) -> list[Row]:
        query = load_query(name)
        write = any(word in query.upper() for word in ("MERGE ", "CREATE ", "DELETE", "SET "))
        return self.run_text(query, params, write=write)

    def _apply(
        self, doc_id: str, graph: GraphDocument | None, planner: Callable[[Statements], WritePlan]
    ) -> None:
        """Read what the other documents state about the nodes, then write, in one transaction."""
        read = plan_statements_read(doc_id, graph)

        def work(tx: neo4j.ManagedTransaction) -> None:
            rows = [{k: _plain(v) for k, v in record.items()} for record in tx.run(read.query, read.params)]
            plan = planner(statements_from_rows(rows))
            self.query_count += 1 + len(plan.statements)
            for statement in plan.statements:
                tx.run(statement, plan.params).consume()

        try:
            with self._session() as session:
                session.execute_write(work)
        except ServiceUnavailable as exc:
            raise StoreError(f"Neo4j at {self.address} is not answering: {exc}") from exc
        except Neo4jError as exc:
            raise StoreError(f"Neo4j at {self.address} refused a write: {exc.message}") from exc

    def replace_document(self, doc_id: str, graph: GraphDocument) -> None:
        self._apply(doc_id, graph, lambda others: plan_document_write(doc_id, graph, others))

    def delete_document(self, doc_id: str) -> None:
        self._apply(doc_id, None, lambda others: plan_document_delete(doc_id, others))

    def ensure_schema(self) -> None:
        for _, statement in self.dialect.schema_statements():
            self.run_text(statement, write=True)

    def compact(self) -> None:
        """Neo4j keeps its own store files compact; nothing to do."""

    def ping(self) -> bool:
        try:
            self._driver.verify_connectivity()
            return True
        except Exception:
            return False

    def clear(self) -> None:
        self.run_text("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", write=True)

    def close(self) -> None:
        self._driver.close()
