"""The store protocol every backend implements, and the one function that picks a backend."""

from __future__ import annotations

import json
from typing import Any, Protocol, runtime_checkable

from graph.config import StoreConfig
from graph.writer import public_properties
from schema.graph import GraphDocument, Node, Relationship

Row = dict[str, Any]


@runtime_checkable
class GraphStore(Protocol):
    """What the CLI and the API need of a graph database."""

    backend: str
    query_count: int  # how many queries this store object has sent: the API's N+1 tests read it

    def ensure_schema(self) -> None:
        """Create the ontology's indexes and unique-id constraints (idempotent)."""

    def replace_document(self, doc_id: str, graph: GraphDocument) -> None:
        """Atomically replace everything `doc_id` stated with `graph`."""

    def delete_document(self, doc_id: str) -> None:
        """Remove a document and every fact only it supported."""

    def run(self, name: str, **params: Any) -> list[Row]:
        """Run the named query from cypher/ with parameters; rows as dicts."""

    def run_text(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[Row]:
        """Run Cypher text built from trusted parts (schema enums, cypher/ files), never user text."""

    def compact(self) -> None:
        """After a build: make what was written quick to load again (a no-op where loading is not
        the store's cost)."""

    def ping(self) -> bool:
        """True when the store answers."""

    def clear(self) -> None:
        """Delete the whole graph (tests and `build --clean`)."""

    def close(self) -> None: ...

    @property
    def address(self) -> str: ...


def counts(store: GraphStore) -> dict[str, int]:
    return {row["label"]: row["count"] for row in store.run("count_labels")}


def relationship_counts(store: GraphStore) -> dict[str, int]:
    return {row["type"]: row["count"] for row in store.run("count_relationships")}


def export_graph(store: GraphStore) -> GraphDocument:
    nodes = [
        # Sorted keys: a store keeps a node's keys in the order they were first set, which depends on
        # the order documents were written; the export must not (an incremental build equals a clean one).
        Node(id=r["id"], label=r["label"], properties=dict(sorted(r["properties"].items())))
        for r in store.run("export_nodes")
    ]
    rels = sorted(
        (
            Relationship(
                type=r["type"], start=r["start"], end=r["end"], properties=public_properties(r["properties"])
            )
            for r in store.run("export_relationships")
        ),
        # Parallel edges (same ends, type and document) come back in storage order: sort them too.
        key=lambda rel: json.dumps([rel.type, rel.start, rel.end, rel.properties], sort_keys=True),
    )
    return GraphDocument(nodes=nodes, relationships=rels)


def open_store(config: StoreConfig) -> GraphStore:
    """Neo4j when a URI is configured, otherwise the embedded FalkorDB (started if needed)."""
    if config.neo4j_uri:
        from graph.neo4j import Neo4jStore

        return Neo4jStore(config)
    from graph.embedded import FalkorStore

    return FalkorStore(config)
