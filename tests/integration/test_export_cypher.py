"""The Cypher script export, loaded into the real embedded FalkorDB (its schema lines are Neo4j
syntax and are replaced by the store's own `ensure_schema`), and checked against the graph."""

from __future__ import annotations

import json

import pytest

from graph.embedded import FalkorStore
from graph.export.cypher_literal import ExportError, cypher_literal
from graph.export.cypher_script import cypher_script, split_statements
from graph.store import export_graph
from schema.graph import GraphDocument, Node, Relationship
from tests.unit.test_linked_data_sample import DOC, sample_graph


def _canonical(graph: GraphDocument) -> tuple[list[str], list[str]]:
    nodes = sorted(json.dumps([n.id, n.label, n.properties], sort_keys=True) for n in graph.nodes)
    rels = sorted(
        json.dumps([r.type, r.start, r.end, r.properties], sort_keys=True) for r in graph.relationships
    )
    return nodes, rels


def _load(store: FalkorStore, script: str) -> int:
    """Run the script's statements on FalkorDB; the Neo4j-only schema statements are skipped."""
    ran = 0
    for statement in split_statements(script):
        if statement.startswith(("CREATE CONSTRAINT", "CREATE INDEX")):
            assert "IF NOT EXISTS" in statement  # idempotent on Neo4j
            continue
        store.run_text(statement, write=True)
        ran += 1
    return ran


def _tricky_graph() -> GraphDocument:
    """Text that breaks naive quoting: quotes, backslashes, semicolons, comment marks, line breaks."""
    base = sample_graph()
    doc = next(n for n in base.nodes if n.label == "Document")
    tricky = Node(
        id="program-tricky",
        label="Program",
        properties={
            "id": "program-tricky",
            "name": 'it\'s \\ a "quoted"; // not a comment\n第二行\t“专精特新”😀',
            "summary": "'; MATCH (n) DETACH DELETE n; //",
        },
    )
    rel = Relationship(
        type="EXTRACTED_FROM",
        start="program-tricky",
        end=doc.id,
        properties={"doc": DOC, "evidence": "a ';' and a `tick`", "span": [0, 3]},
    )
    return GraphDocument(nodes=[*base.nodes, tricky], relationships=[*base.relationships, rel])


def test_script_loads_into_falkordb_and_equals_the_graph(store: FalkorStore) -> None:
    graph = sample_graph()
    script = cypher_script(graph, batch_size=4)
    ran = _load(store, script)
    assert ran > len(graph.counts())  # several batches per label at this batch size
    assert _canonical(export_graph(store)) == _canonical(graph)


def test_script_is_idempotent(store: FalkorStore) -> None:
    graph = sample_graph()
    script = cypher_script(graph)
    _load(store, script)
    first = _canonical(export_graph(store))
    _load(store, script)
    assert _canonical(export_graph(store)) == first
    assert len(first[0]) == len(graph.nodes) and len(first[1]) == len(graph.relationships)


def test_hostile_text_survives_the_script(store: FalkorStore) -> None:
    graph = _tricky_graph()
    _load(store, cypher_script(graph))
    assert _canonical(export_graph(store)) == _canonical(graph)


def test_script_starts_with_the_neo4j_constraints_then_merges() -> None:
    statements = split_statements(cypher_script(sample_graph()))
    kinds = [s.split()[0] + " " + s.split()[1] for s in statements]
    first_unwind = kinds.index("UNWIND [")
    assert all(k.startswith("CREATE ") for k in kinds[:first_unwind])
    assert all(k == "UNWIND [" for k in kinds[first_unwind:])
    assert any("REQUIRE n.id IS UNIQUE" in s for s in statements[:first_unwind])
    assert not any("$" in s for s in statements)  # a script cannot take parameters


def test_splitter_respects_strings_and_comments() -> None:
    script = '// a; comment\nRETURN \'a;b\' AS x;\nRETURN "c;\\"d" AS y; // trailing;\nRETURN `we;ird` AS z'
    assert split_statements(script) == ["RETURN 'a;b' AS x", 'RETURN "c;\\"d" AS y', "RETURN `we;ird` AS z"]
    with pytest.raises(ExportError):
        split_statements("RETURN 'open")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object(), {1, 2}])
def test_values_without_a_literal_are_refused(value: object) -> None:
    with pytest.raises(ExportError):
        cypher_literal(value)


def test_literals() -> None:
    assert (
        cypher_literal({"a b": [1, 2.5, True], "c": "x'y\\z\n"})
        == "{`a b`: [1, 2.5, true], c: 'x\\'y\\\\z\\n'}"
    )
