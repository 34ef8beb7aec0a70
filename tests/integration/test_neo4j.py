"""The Neo4j backend, against a live Neo4j: these run only when NEO4J_URI is set."""

from __future__ import annotations

import os

import pytest

from graph import StoreConfig, open_store
from graph.store import counts, export_graph
from tests.integration.test_store import _doc_graph

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not os.environ.get("NEO4J_URI"),
        reason="NEO4J_URI is not set: no Neo4j server can be installed here; set it to run these",
    ),
]


@pytest.fixture
def neo4j_store():
    config = StoreConfig(
        neo4j_uri=os.environ["NEO4J_URI"],
        neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("NEO4J_PASSWORD", "neo4j"),
        neo4j_database=os.environ.get("NEO4J_DATABASE"),
    )
    store = open_store(config)
    store.clear()
    store.ensure_schema()
    store.ensure_schema()  # idempotent
    yield store
    store.clear()
    store.close()


def test_replace_is_idempotent_on_neo4j(neo4j_store) -> None:
    doc, graph = _doc_graph("a.txt", "技术中心奖励")
    neo4j_store.replace_document(doc, graph)
    first = export_graph(neo4j_store)
    neo4j_store.replace_document(doc, graph)
    assert export_graph(neo4j_store) == first
    assert counts(neo4j_store) == {"Designation": 1, "Document": 1, "Program": 1}
