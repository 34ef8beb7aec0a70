"""The embedded FalkorDB store: atomic, idempotent document replacement and persistence."""

from __future__ import annotations

import pytest

from graph import StoreConfig
from graph.embedded import FalkorStore
from graph.server import EmbeddedServer
from graph.store import counts, export_graph
from schema.errors import QueryNotFoundError, StoreError
from schema.graph import GraphDocument, Node, Relationship
from schema.ids import make_id


def _doc_graph(name: str, program: str, designation: str = "企业技术中心") -> tuple[str, GraphDocument]:
    doc = make_id("Document", name)
    prog = make_id("Program", name, program)
    des = make_id("Designation", designation, "provincial")
    prov = {"doc": doc, "evidence": f"须为省级{designation}", "span": [0, 8]}
    return doc, GraphDocument(
        nodes=[
            Node(id=doc, label="Document", properties={"id": doc, "name": name, "sha256": "0" * 64}),
            Node(id=prog, label="Program", properties={"id": prog, "name": program}),
            Node(
                id=des,
                label="Designation",
                properties={"id": des, "name": designation, "level": "provincial"},
            ),
        ],
        relationships=[
            Relationship(type="REQUIRES", start=prog, end=des, properties={**prov, "levelMin": "provincial"}),
            Relationship(type="EXTRACTED_FROM", start=prog, end=doc, properties=prov),
            Relationship(type="EXTRACTED_FROM", start=des, end=doc, properties=prov),
        ],
    )


def test_replace_is_idempotent(store: FalkorStore) -> None:
    doc, graph = _doc_graph("a.txt", "技术中心奖励")
    store.replace_document(doc, graph)
    first = export_graph(store)
    store.replace_document(doc, graph)
    second = export_graph(store)
    assert first == second
    assert counts(store) == {"Designation": 1, "Document": 1, "Program": 1}


def test_replacing_one_document_leaves_the_other_intact(store: FalkorStore) -> None:
    doc_a, graph_a = _doc_graph("a.txt", "技术中心奖励")
    doc_b, graph_b = _doc_graph("b.txt", "示范企业奖励")
    store.replace_document(doc_a, graph_a)
    store.replace_document(doc_b, graph_b)
    # a.txt now states a different program; the shared designation must survive through b.txt.
    _, graph_a2 = _doc_graph("a.txt", "新的项目", designation="绿色工厂")
    store.replace_document(doc_a, graph_a2)
    names = {row["name"] for row in store.run_text("MATCH (p:Program) RETURN p.name AS name")}
    assert names == {"新的项目", "示范企业奖励"}
    designations = {row["name"] for row in store.run_text("MATCH (d:Designation) RETURN d.name AS name")}
    assert designations == {"企业技术中心", "绿色工厂"}
    evidence = store.run_text(
        "MATCH (:Program {name: $name})-[r:REQUIRES]->() RETURN r.doc AS doc, r.evidence AS evidence",
        {"name": "示范企业奖励"},
    )
    assert evidence == [{"doc": doc_b, "evidence": "须为省级企业技术中心"}]


def test_delete_document_removes_only_its_facts(store: FalkorStore) -> None:
    doc_a, graph_a = _doc_graph("a.txt", "技术中心奖励")
    doc_b, graph_b = _doc_graph("b.txt", "示范企业奖励")
    store.replace_document(doc_a, graph_a)
    store.replace_document(doc_b, graph_b)
    store.delete_document(doc_a)
    assert counts(store) == {"Designation": 1, "Document": 1, "Program": 1}


def test_a_failing_write_changes_nothing(store: FalkorStore) -> None:
    doc, graph = _doc_graph("a.txt", "技术中心奖励")
    store.replace_document(doc, graph)
    before = export_graph(store)
    # A unique-id constraint violation inside the single write query must roll the whole query back.
    with pytest.raises(StoreError):
        store.run_text(
            "MATCH ()-[r]->() WHERE r.doc = $doc DELETE r WITH count(*) AS _ CREATE (:Program {id: $id})",
            {"doc": doc, "id": make_id("Program", "a.txt", "技术中心奖励")},
            write=True,
        )
    assert export_graph(store) == before


def test_unknown_query_name_fails_loudly(store: FalkorStore) -> None:
    with pytest.raises(QueryNotFoundError, match="no_such_query"):
        store.run("no_such_query")


def test_data_survives_a_restart(tmp_path) -> None:
    config = StoreConfig(data_dir=tmp_path / "data", graph_name="restart")
    store = FalkorStore(config)
    try:
        doc, graph = _doc_graph("a.txt", "技术中心奖励")
        store.replace_document(doc, graph)
        before = export_graph(store)
        pid = store.server.running().pid
        assert store.server.stop()
        assert store.server.running() is None
        again = FalkorStore(config)
        assert again.server.running().pid != pid
        assert export_graph(again) == before
    finally:
        EmbeddedServer(config.data_dir).stop()


def test_reuses_a_running_server_and_recovers_from_a_stale_state_file(tmp_path) -> None:
    config = StoreConfig(data_dir=tmp_path / "data", graph_name="stale")
    server = EmbeddedServer(config.data_dir)
    try:
        first = server.ensure_running()
        assert server.ensure_running() == first  # reused, not started twice
        server.stop()
        # A state file left by a crashed run names a dead pid and a port nobody serves.
        server.state_path.write_text('{"pid": 999999, "port": 1}', encoding="utf-8")
        fresh = server.ensure_running()
        assert fresh.pid != 999999
        assert FalkorStore(config).ping()
    finally:
        server.stop()


def test_a_store_that_is_down_gives_a_clear_error(tmp_path) -> None:
    config = StoreConfig(data_dir=tmp_path / "data", graph_name="down")
    store = FalkorStore(config)
    store.server.stop()
    with pytest.raises(StoreError, match="not answering"):
        store.run("count_labels")
    assert not store.ping()


def test_the_store_follows_a_restarted_server(tmp_path) -> None:
    config = StoreConfig(data_dir=tmp_path / "data", graph_name="moved")
    store = FalkorStore(config)
    try:
        doc, graph = _doc_graph("a.txt", "技术中心奖励")
        store.replace_document(doc, graph)
        old = store.address
        store.server.stop()
        with pytest.raises(StoreError):
            store.run("count_labels")
        store.server.ensure_running()  # a new process, on a new free port
        assert counts(store) == {"Designation": 1, "Document": 1, "Program": 1}
        assert store.address != old
    finally:
        store.server.stop()


def test_a_data_folder_that_is_a_file_is_a_store_error(tmp_path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot start FalkorDB"):
        FalkorStore(StoreConfig(data_dir=blocker / "inner", graph_name="x"))
