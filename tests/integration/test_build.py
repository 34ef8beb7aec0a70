"""Building the graph from real documents: idempotent, per-document replacement, bad files by name."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from api.build import build, needs_build
from extraction.extract import document_id
from graph.embedded import FalkorStore
from graph.store import export_graph
from schema.graph import GraphDocument

SEED = Path(__file__).resolve().parents[2] / "seed"
SMALL_SEEDS = ("004_477b3b47acea63bc.txt", "003_97b894576b5ab4d7.txt")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in SMALL_SEEDS:
        shutil.copy(SEED / name, folder / name)
    return folder


def _facts_by_doc(graph: GraphDocument) -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = defaultdict(set)
    for rel in graph.relationships:
        out[str(rel.properties.get("doc"))].add(
            (rel.type, rel.start, rel.end, json.dumps(rel.properties, sort_keys=True, ensure_ascii=False))
        )
    return out


def test_building_twice_gives_identical_graphs(store: FalkorStore, corpus: Path) -> None:
    first = build(store, [corpus])
    assert first.ok and sorted(first.built) == sorted(SMALL_SEEDS)
    assert first.counts["Program"] > 0 and first.counts["Department"] > 0
    graph1 = export_graph(store)
    second = build(store, [corpus], force=True)
    assert second.counts == first.counts
    assert export_graph(store) == graph1
    # Without --force, unchanged files are not even re-extracted.
    third = build(store, [corpus])
    assert sorted(third.unchanged) == sorted(SMALL_SEEDS) and not third.built
    assert not needs_build(store, [corpus])


def test_editing_one_document_changes_only_its_facts(store: FalkorStore, corpus: Path) -> None:
    build(store, [corpus])
    before = _facts_by_doc(export_graph(store))
    edited, other = corpus / SMALL_SEEDS[1], SMALL_SEEDS[0]
    text = edited.read_text(encoding="utf-8")
    # Drop the second half of the brochure: its programs and their facts must go, the table's stay.
    edited.write_text(text[: len(text) // 2], encoding="utf-8")
    assert needs_build(store, [corpus])
    report = build(store, [corpus])
    assert report.built == [edited.name] and report.unchanged == [other]
    after = _facts_by_doc(export_graph(store))
    assert after[document_id(other)] == before[document_id(other)]
    assert after[document_id(edited.name)] != before[document_id(edited.name)]
    programs = [
        {f[1] for f in facts if f[0] == "EXTRACTED_FROM" and f[1].startswith("program-")}
        for facts in (before[document_id(edited.name)], after[document_id(edited.name)])
    ]
    assert programs[1] < programs[0]


def test_bad_files_are_reported_by_name_and_the_rest_lands(store: FalkorStore, corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.pdf").write_bytes(b"%PDF-1.7\x00\x01\x02\xff\xfe" * 50)
    (corpus / "broken.json").write_text('[{"标题title": "x", "finalContent": "未闭合', encoding="utf-8")
    report = build(store, [corpus])
    assert sorted(report.built) == sorted(SMALL_SEEDS)
    assert set(report.failed) == {"empty.txt", "binary.pdf", "broken.json"}
    for name, message in report.failed.items():
        assert name in message
    assert report.counts["Program"] > 0


def test_jobs_extract_in_parallel_into_the_same_graph(store: FalkorStore, corpus: Path) -> None:
    (corpus / "broken.json").write_text('[{"标题title": "x", "finalContent": "未闭合', encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    one = build(store, [corpus], force=True)
    graph1 = export_graph(store)
    store.clear()
    two = build(store, [corpus], force=True, jobs=2)
    assert export_graph(store) == graph1
    assert two.built == one.built == sorted(SMALL_SEEDS)
    # An error raised in a worker process comes back whole, naming its file.
    assert two.failed == one.failed and set(two.failed) == {"broken.json", "empty.txt"}


def test_a_file_gone_bad_keeps_its_old_facts(store: FalkorStore, corpus: Path) -> None:
    build(store, [corpus])
    before = export_graph(store)
    (corpus / SMALL_SEEDS[0]).write_bytes(b"\x00\x01\x02binary now")
    report = build(store, [corpus])
    assert SMALL_SEEDS[0] in report.failed
    assert export_graph(store) == before


def test_gbk_text_is_read(store: FalkorStore, tmp_path: Path) -> None:
    folder = tmp_path / "gbk"
    folder.mkdir()
    utf8 = (SEED / SMALL_SEEDS[0]).read_text(encoding="utf-8")
    (folder / "gbk.txt").write_bytes(utf8.encode("gb18030"))
    (folder / "utf8.txt").write_text(utf8, encoding="utf-8")
    report = build(store, [folder])
    assert report.ok
    names = defaultdict(set)
    for row in store.run_text(
        "MATCH (p:Program)-[:EXTRACTED_FROM]->(d:Document) RETURN d.name AS doc, p.name AS name"
    ):
        names[row["doc"]].add(row["name"])
    assert names["gbk.txt"] == names["utf8.txt"] and names["gbk.txt"]


def test_the_real_pdf_guide_builds_into_the_store_one_program_per_card(
    store: FalkorStore, tmp_path: Path
) -> None:
    corpus = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
    folder = tmp_path / "pdf"
    folder.mkdir()
    shutil.copy(corpus / "beijing-chanye-zhengce-daoyin-2024.pdf", folder / "guide.pdf")
    pages: list[tuple[int, int]] = []
    report = build(store, [folder], on_page=lambda _path, done, total: pages.append((done, total)))
    assert report.ok and report.built == ["guide.pdf"]
    assert pages[-1] == (331, 331) and len(pages) == 331
    graph = export_graph(store)
    names = {n.id: n.properties.get("name") for n in graph.nodes}
    programs = [n for n in graph.nodes if n.label == "Program"]
    assert len(programs) >= 140
    card = next(n for n in programs if n.properties["name"] == "北京市低效楼宇改造项目促进产业高质量发展")
    rels = {(r.type, names[r.end]) for r in graph.relationships if r.start == card.id}
    assert ("ADMINISTERED_BY", "北京市发展和改革委员会") in rels
    contact = next(r for r in graph.relationships if r.start == card.id and r.type == "HAS_CONTACT")
    assert contact.properties["phone"] == "010-55590088"
    offers = [r for r in graph.relationships if r.start == card.id and r.type == "OFFERS"]
    assert offers and all("万元" in str(r.properties["evidence"]) for r in offers)
