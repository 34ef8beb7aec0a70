"""A node several documents state (a designation, a department, a policy, a contact office) takes its
properties from all of them, whatever order they were written in, and none from a deleted document:
an incremental build equals a clean build (issue 8, part 5)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from extraction.extract import document_id, extract_file
from graph.embedded import FalkorStore
from graph.store import export_graph
from graph.writer import STATED, merge_statements
from schema import GraphDocument, Node, Relationship

SEED = Path(__file__).resolve().parents[2] / "seed"


def _export(store: FalkorStore) -> str:
    return export_graph(store).to_json()


def _write(store: FalkorStore, docs: list[tuple[str, GraphDocument]]) -> str:
    store.clear()
    store.ensure_schema()
    for doc_id, graph in docs:
        store.replace_document(doc_id, graph)
    return _export(store)


# --------------------------------------------------------------------------- two small documents


def _doc(doc: str, **designation: object) -> tuple[str, GraphDocument]:
    """A document stating one shared designation (with `designation` as its properties) and a
    program of its own that requires it."""
    doc_id, program = f"document-{doc}", f"program-{doc}"
    prov = {"doc": doc_id, "evidence": f"{doc} 须为省级企业技术中心", "span": [0, 10]}
    return doc_id, GraphDocument(
        nodes=[
            Node(id=doc_id, label="Document", properties={"name": f"{doc}.txt", "sha256": doc}),
            Node(id=program, label="Program", properties={"name": f"{doc} 奖励"}),
            Node(id="designation-shared", label="Designation", properties=designation),
        ],
        relationships=[
            Relationship(type="EXTRACTED_FROM", start=program, end=doc_id, properties=prov),
            Relationship(type="EXTRACTED_FROM", start="designation-shared", end=doc_id, properties=prov),
            Relationship(type="REQUIRES", start=program, end="designation-shared", properties=prov),
        ],
    )


A = _doc("a", name="企业技术中心", level="provincial", aliases=["省级企业技术中心", "技术中心"])
B = _doc("b", name="企业技术中心", aliases=["省企业技术中心", "技术中心"])
C = _doc("c", name="企业技术中心（省级）", level="national")


def _shared(store: FalkorStore) -> dict[str, object]:
    rows = store.run_text("MATCH (d:Designation {id: 'designation-shared'}) RETURN properties(d) AS p")
    return rows[0]["p"] if rows else {}


def test_merge_statements_is_a_function_of_the_statements() -> None:
    stated = {
        "document-b": {"name": "B", "aliases": ["y", "x"]},
        "document-a": {"aliases": ["x", "z"], "k": 1},
    }
    # The smallest document id's scalar, lists united with the first document's items first.
    assert merge_statements(stated) == {"aliases": ["x", "z", "y"], "k": 1, "name": "B"}
    assert merge_statements(dict(reversed(stated.items()))) == merge_statements(stated)


def test_order_of_writes_does_not_matter(store: FalkorStore) -> None:
    exports = {_write(store, list(order)) for order in itertools.permutations([A, B, C])}
    assert len(exports) == 1
    assert _shared(store) == {
        "id": "designation-shared",
        "name": "企业技术中心",  # document-a's, the smallest id stating a name
        "level": "provincial",
        "aliases": ["省级企业技术中心", "技术中心", "省企业技术中心"],
    }


# Stating what the node already holds: these writes skip reading the others (settled_nodes). SHUFFLED
# has the smallest id, so its order of the aliases wins over the first one written.
A_AGAIN = _doc("a2", name="企业技术中心", level="provincial", aliases=["省级企业技术中心", "技术中心"])
MERGED = _doc(
    "m", name="企业技术中心", level="provincial", aliases=["省级企业技术中心", "技术中心", "省企业技术中心"]
)
SHUFFLED = _doc("0", name="企业技术中心", aliases=["技术中心", "省级企业技术中心"])


def test_statements_a_node_already_holds_change_nothing_in_any_order(store: FalkorStore) -> None:
    for docs in ([A, B, MERGED], [A, A_AGAIN, SHUFFLED], [B, MERGED, SHUFFLED, A_AGAIN]):
        written = {_write(store, list(order)) for order in itertools.permutations(docs)}
        assert len(written) == 1, [doc_id for doc_id, _ in docs]
    # Taking the first statement away again reads every other one.
    clean = _write(store, [B, A_AGAIN, MERGED])
    _write(store, [A, B, A_AGAIN, MERGED])
    store.delete_document(A[0])
    assert _export(store) == clean


def test_a_deleted_document_leaves_no_value_behind(store: FalkorStore) -> None:
    clean = _write(store, [B, C])
    _write(store, [A, B, C])
    store.delete_document(A[0])
    assert _export(store) == clean
    assert _shared(store) == {
        "id": "designation-shared",
        "name": "企业技术中心",
        "level": "national",  # document-c's now that document-a is gone
        "aliases": ["省企业技术中心", "技术中心"],
    }


def test_a_document_that_stops_stating_a_node_takes_its_values_away(store: FalkorStore) -> None:
    clean = _write(store, [B, C])
    _write(store, [A, B, C])
    doc_id, graph = A
    # A rebuilt without the designation: the node is B's and C's alone again.
    without = GraphDocument(
        nodes=[n for n in graph.nodes if n.label != "Designation"],
        relationships=[r for r in graph.relationships if "designation-shared" not in (r.start, r.end)],
    )
    store.replace_document(doc_id, without)
    store.delete_document(doc_id)
    assert _export(store) == clean


def test_a_store_written_before_statements_were_kept_keeps_its_values(store: FalkorStore) -> None:
    _write(store, [A])
    # As a store built before this change: EXTRACTED_FROM carries no statement.
    store.run_text(f"MATCH ()-[r:EXTRACTED_FROM]->() SET r.{STATED} = NULL", write=True)
    store.replace_document(*B)
    store.delete_document(B[0])
    assert _shared(store)["level"] == "provincial"  # A's values stand in for its missing statement
    assert _shared(store)["aliases"] == ["省级企业技术中心", "技术中心"]


def test_statements_stay_out_of_exports_and_linked_data(store: FalkorStore) -> None:
    _write(store, [A, B])
    stated = store.run_text(
        f"MATCH ()-[r:EXTRACTED_FROM]->() WHERE r.{STATED} IS NOT NULL RETURN count(r) AS n"
    )
    assert stated[0]["n"] == 4  # the store keeps them ...
    graph = export_graph(store)
    assert all(STATED not in rel.properties for rel in graph.relationships)  # ... no output shows them
    assert any(rel.type == "EXTRACTED_FROM" and rel.properties.get("evidence") for rel in graph.relationships)
    with TestClient(create_app(Settings(), store=store)) as client:
        for path in ("/id/designation/designation-shared", "/id/document/document-a"):
            for accept in ("text/turtle", "application/ld+json"):
                response = client.get(path, headers={"Accept": accept})
                assert response.status_code == 200, response.text
                assert "技术中心" in response.text
                assert STATED not in response.text
                assert "a 须为省级企业技术中心" in response.text  # the EXTRACTED_FROM evidence is still there


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seed_graphs() -> list[tuple[str, GraphDocument]]:
    return [(document_id(p.name), extract_file(p)) for p in sorted(SEED.glob("*.txt"))]


def test_seed_shares_nodes_the_documents_describe_differently(
    seed_graphs: list[tuple[str, GraphDocument]],
) -> None:
    """The premise of the tests below: some node of the seed is stated differently by two documents."""
    seen: dict[str, dict[str, object]] = {}
    differ = set()
    for _, graph in seed_graphs:
        for node in graph.nodes:
            if node.id in seen and seen[node.id] != node.properties:
                differ.add(node.label)
            seen.setdefault(node.id, node.properties)
    assert "Designation" in differ


def test_seed_builds_in_any_order_and_incrementally_alike(
    store: FalkorStore, seed_graphs: list[tuple[str, GraphDocument]]
) -> None:
    clean = _write(store, seed_graphs)
    assert _write(store, list(reversed(seed_graphs))) == clean
    middle = len(seed_graphs) // 2
    assert _write(store, seed_graphs[middle:] + seed_graphs[:middle]) == clean
    # A rebuild of one document, and a delete then rebuild, in the store built in reverse order.
    doc_id, graph = seed_graphs[0]
    store.replace_document(doc_id, graph)
    assert _export(store) == clean
    store.delete_document(doc_id)
    assert _export(store) == _write(store, seed_graphs[1:])
    store.replace_document(doc_id, graph)
    assert _export(store) == clean
