"""The Neo4j backend, against a live Neo4j: these run only when NEO4J_URI is set."""

from __future__ import annotations

from graph.store import counts, export_graph
from tests.conftest import needs_neo4j
from tests.integration.test_store import _doc_graph

pytestmark = needs_neo4j


def test_replace_is_idempotent_on_neo4j(neo4j_store) -> None:
    neo4j_store.ensure_schema()
    neo4j_store.ensure_schema()  # idempotent
    doc, graph = _doc_graph("a.txt", "技术中心奖励")
    neo4j_store.replace_document(doc, graph)
    first = export_graph(neo4j_store)
    neo4j_store.replace_document(doc, graph)
    assert export_graph(neo4j_store) == first
    assert counts(neo4j_store) == {"Designation": 1, "Document": 1, "Program": 1}
