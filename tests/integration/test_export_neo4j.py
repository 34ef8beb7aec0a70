"""The Cypher script export against a live Neo4j 5: these run only when NEO4J_URI is set."""

from __future__ import annotations

import json

from api.linked_data import fetch_entity
from api.routes.browser import STEPS
from graph.export.cypher_script import cypher_script, split_statements
from graph.queries import load_query
from graph.store import export_graph
from schema.graph import GraphDocument
from tests.conftest import needs_neo4j
from tests.unit.test_linked_data_sample import sample_graph

pytestmark = needs_neo4j


def _canonical(graph: GraphDocument) -> tuple[list[str], list[str]]:
    nodes = sorted(json.dumps([n.id, n.label, n.properties], sort_keys=True) for n in graph.nodes)
    rels = sorted(
        json.dumps([r.type, r.start, r.end, r.properties], sort_keys=True) for r in graph.relationships
    )
    return nodes, rels


def test_cypher_script_loads_whole_and_twice_into_neo4j(neo4j_store) -> None:
    """Every statement as cypher-shell would send it, constraints included, run twice."""
    graph = sample_graph()
    statements = split_statements(cypher_script(graph, batch_size=5))
    for _ in range(2):
        for statement in statements:
            neo4j_store.run_text(statement, write=True)
    assert _canonical(export_graph(neo4j_store)) == _canonical(graph)
    constraints = neo4j_store.run_text("SHOW CONSTRAINTS YIELD labelsOrTypes RETURN labelsOrTypes")
    assert {row["labelsOrTypes"][0] for row in constraints} >= {"Program", "Designation", "Document"}


def test_guide_and_entity_queries_answer_on_neo4j(neo4j_store) -> None:
    """The Browser guide's queries and the /id/ pages' queries, in Neo4j's own dialect."""
    graph = sample_graph()
    for statement in split_statements(cypher_script(graph)):
        neo4j_store.run_text(statement, write=True)
    for step in STEPS:
        for name in step.queries:
            assert neo4j_store.run_text(load_query(name), dict(step.params)), name
    program = next(n for n in graph.nodes if n.properties.get("name") == "国家企业技术中心")
    view = fetch_entity(neo4j_store, "Program", program.id)
    assert view is not None and view.node.properties["name"] == "国家企业技术中心"
    assert {link.type for link in view.outgoing} >= {"REQUIRES", "GRANTS", "HAS_CONTACT"}
