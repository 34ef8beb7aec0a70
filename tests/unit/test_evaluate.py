"""The scorer itself, on tiny hand-made graphs: independent of the extractor's quality."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from schema.graph import GraphDocument, Node, Relationship

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "evaluate.py"
DOC = "x.txt"


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def gold_program(name: str = "江苏省企业技术中心认定", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": name,
        "requires": [{"name": "高新技术企业", "level": "national"}],
        "prefers": [{"name": "专精特新小巨人企业", "level": "national"}],
        "grants": [{"name": "企业技术中心", "level": "provincial"}],
        "excludes": [],
        "offers": [{"type": "grant", "amountMaxWan": 100.0}],
        "contacts": ["0516-83735577"],
        "administeredBy": ["江苏省工业和信息化厅科技处"],
    }
    base.update(extra)
    return base


def graph(programs: list[dict[str, Any]]) -> dict[str, Any]:
    """A GraphDocument (validated by the schema) built from gold-shaped programs."""
    nodes = {"doc": Node(id="doc", label="Document", properties={"name": DOC, "sha256": "0"})}
    rels: list[Relationship] = []

    def node(nid: str, label: str, **props: Any) -> str:
        props = {k: v for k, v in props.items() if v is not None}  # stores hold no nulls
        nodes.setdefault(nid, Node(id=nid, label=label, properties=props))
        return nid

    for i, prog in enumerate(programs):
        pid = node(f"p{i}", "Program", name=prog["name"])
        rels.append(Relationship(type="EXTRACTED_FROM", start=pid, end="doc"))
        for rtype, key in (
            ("REQUIRES", "requires"),
            ("PREFERS", "prefers"),
            ("GRANTS", "grants"),
            ("EXCLUDES", "excludes"),
        ):
            for d in prog.get(key, []):
                did = node(f"d-{d['name']}-{d['level']}", "Designation", name=d["name"], level=d["level"])
                rels.append(Relationship(type=rtype, start=pid, end=did, properties={"doc": "doc"}))
        for j, o in enumerate(prog.get("offers", [])):
            props = {"type": o["type"], "text": "t"}
            if o["amountMaxWan"] is not None:
                props["amountMaxWan"] = o["amountMaxWan"]
            bid = node(f"b{i}-{j}", "Benefit", **props)
            rels.append(Relationship(type="OFFERS", start=pid, end=bid))
        for phone in prog.get("contacts", []):
            cid = node(f"c-{phone}", "ContactOffice", name="office", phones=[phone])
            rels.append(Relationship(type="HAS_CONTACT", start=pid, end=cid, properties={"phone": phone}))
        for dept in prog.get("administeredBy", []):
            rels.append(
                Relationship(type="ADMINISTERED_BY", start=pid, end=node(dept, "Department", name=dept))
            )
    return GraphDocument(nodes=list(nodes.values()), relationships=rels).model_dump(mode="json")


def score(ev: ModuleType, gold: list[dict[str, Any]], found: list[dict[str, Any]]) -> Any:
    return ev.score_document({"document": DOC, "programs": gold}, graph(found))


def test_perfect_match_scores_one(ev: ModuleType) -> None:
    rep = score(ev, [gold_program()], [gold_program()])
    assert rep.program_recall == 1.0
    for counts in rep.counts.values():
        assert counts.fp == counts.fn == 0
        assert counts.f1 == 1.0
    assert rep.counts["REQUIRES"].tp == 1


def test_missed_edge_lowers_recall_only(ev: ModuleType) -> None:
    gold = gold_program(
        requires=[{"name": "高新技术企业", "level": "national"}, {"name": "绿色工厂", "level": "provincial"}]
    )
    rep = score(ev, [gold], [gold_program()])
    req = rep.counts["REQUIRES"]
    assert (req.tp, req.fp, req.fn) == (1, 0, 1)
    assert req.recall == 0.5 and req.precision == 1.0


def test_extra_edge_lowers_precision_only(ev: ModuleType) -> None:
    found = gold_program(
        offers=[{"type": "grant", "amountMaxWan": 100.0}, {"type": "reward", "amountMaxWan": 50.0}]
    )
    rep = score(ev, [gold_program()], [found])
    offers = rep.counts["OFFERS"]
    assert (offers.tp, offers.fp, offers.fn) == (1, 1, 0)
    assert offers.precision == 0.5 and offers.recall == 1.0


def test_wrong_level_or_amount_is_both_fp_and_fn(ev: ModuleType) -> None:
    found = gold_program(
        grants=[{"name": "企业技术中心", "level": "national"}],
        offers=[{"type": "grant", "amountMaxWan": 10.0}],
    )
    rep = score(ev, [gold_program()], [found])
    assert (rep.counts["GRANTS"].fp, rep.counts["GRANTS"].fn) == (1, 1)
    assert (rep.counts["OFFERS"].fp, rep.counts["OFFERS"].fn) == (1, 1)


def test_designation_names_are_normalised(ev: ModuleType) -> None:
    found = gold_program(prefers=[{"name": "专精特新“小巨人”企业", "level": "national"}])
    assert score(ev, [gold_program()], [found]).counts["PREFERS"].tp == 1


def test_name_matching_picks_the_most_similar_program(ev: ModuleType) -> None:
    golds = [
        gold_program("江苏省企业技术中心认定"),
        gold_program("江苏省工业设计中心认定", contacts=["025-1111111"]),
    ]
    found = [
        gold_program("（二）江苏省工业设计中心认定", contacts=["025-1111111"]),
        gold_program("江苏省企业技术中心"),
    ]
    rep = score(ev, golds, found)
    assert rep.matched_programs == 2
    assert rep.counts["HAS_CONTACT"].fn == 0 and rep.counts["HAS_CONTACT"].fp == 0


def test_dissimilar_name_is_not_matched(ev: ModuleType) -> None:
    rep = score(ev, [gold_program("江苏省企业技术中心认定")], [gold_program("首台套保险补偿")])
    assert rep.matched_programs == 0 and rep.program_recall == 0.0
    assert rep.counts["REQUIRES"].fn == 1 and rep.counts["REQUIRES"].fp == 0


def test_matching_is_one_to_one(ev: ModuleType) -> None:
    golds = [gold_program("绿色工厂认定"), gold_program("绿色工厂认定（省级）")]
    rep = score(ev, golds, [gold_program("绿色工厂认定")])
    assert rep.matched_programs == 1


def test_program_of_another_document_is_ignored(ev: ModuleType) -> None:
    g = graph([gold_program()])
    rep = ev.score_document({"document": "other.txt", "programs": [gold_program()]}, g)
    assert rep.matched_programs == 0


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("051683735577", "83735577", True),  # area code missing
        ("02583735577", "83735577", True),
        ("051683735577", "3735577", True),  # seven digits still count
        ("051683735577", "735577", False),  # six do not
        ("051683735577", "051683735578", False),
    ],
)
def test_phone_suffix_matching(ev: ModuleType, a: str, b: str, same: bool) -> None:
    assert ev.phones_match(a, b) is same


def test_phone_without_area_code_counts(ev: ModuleType) -> None:
    rep = score(ev, [gold_program()], [gold_program(contacts=["83735577"])])
    assert rep.counts["HAS_CONTACT"].tp == 1


def test_departments_match_leniently(ev: ModuleType) -> None:
    found = gold_program(administeredBy=["科技处"])
    assert score(ev, [gold_program()], [found]).counts["ADMINISTERED_BY"].tp == 1
    found = gold_program(administeredBy=["江苏省财政厅"])
    assert score(ev, [gold_program()], [found]).counts["ADMINISTERED_BY"].tp == 0


def test_division_is_named_with_its_parent(ev: ModuleType) -> None:
    g = graph([gold_program(administeredBy=[])])
    g["nodes"] += [
        {"id": "div", "label": "Department", "properties": {"name": "科技处"}},
        {"id": "par", "label": "Department", "properties": {"name": "江苏省工业和信息化厅"}},
    ]
    g["relationships"] += [
        {"type": "ADMINISTERED_BY", "start": "p0", "end": "div", "properties": {}},
        {"type": "PART_OF", "start": "div", "end": "par", "properties": {}},
    ]
    progs = ev.extracted_programs(g, DOC)
    assert progs[0].facts["ADMINISTERED_BY"] == ["江苏省工业和信息化厅科技处"]


def test_main_reads_graph_files(ev: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "x.json").write_text(json.dumps({"document": DOC, "programs": [gold_program()]}), "utf-8")
    graph_file = tmp_path / "g.json"
    graph_file.write_text(json.dumps(graph([gold_program()])), "utf-8")
    assert ev.main(["--gold", str(gold_dir), "--graph", str(graph_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["program_recall"] == 1.0
    assert out["overall"]["relations"]["REQUIRES"]["f1"] == 1.0


def test_gold_files_are_well_formed(ev: ModuleType) -> None:
    """Every shipped gold file names a seed document and uses the ontology's levels and benefit types."""
    levels = {"national", "provincial", "municipal", "district", None}
    types = {
        "grant",
        "reward",
        "interest_subsidy",
        "tax_credit",
        "tax_refund",
        "guarantee",
        "loan",
        "insurance_subsidy",
        "voucher",
        "other",
    }
    for path in sorted(ev.GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        assert (ev.SEED_DIR / gold["document"]).is_file(), path
        for prog in gold["programs"]:
            for key in ("requires", "prefers", "grants", "excludes"):
                assert all(d["level"] in levels for d in prog.get(key, [])), (path, prog["name"])
            assert all(o["type"] in types for o in prog.get("offers", [])), (path, prog["name"])


def test_gold_level_none_accepts_any_level(ev: ModuleType) -> None:
    gold = gold_program(requires=[{"name": "高新技术企业", "level": None}])
    assert score(ev, [gold], [gold_program()]).counts["REQUIRES"].tp == 1
    # but a level the gold states must be found: None from the extractor is not enough
    found = gold_program(grants=[{"name": "企业技术中心", "level": None}])
    assert score(ev, [gold_program()], [found]).counts["GRANTS"].tp == 0


def test_trailing_enterprise_word_is_ignored(ev: ModuleType) -> None:
    gold = gold_program(grants=[{"name": "制造业单项冠军企业", "level": "national"}])
    found = gold_program(grants=[{"name": "国家级制造业单项冠军", "level": "national"}])
    assert score(ev, [gold], [found]).counts["GRANTS"].tp == 1


def test_amount_scored_without_type(ev: ModuleType) -> None:
    found = gold_program(offers=[{"type": "reward", "amountMaxWan": 100.0}])
    rep = score(ev, [gold_program()], [found])
    assert rep.counts["OFFERS"].tp == 0
    assert rep.counts["OFFERS_AMOUNT"].tp == 1


def test_cli_mode_reads_what_the_command_writes(
    ev: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--cli runs `<command> extract PATH --format json -o FILE`; a stand-in command proves the wiring."""
    graph_file = tmp_path / "g.json"
    graph_file.write_text(json.dumps(graph([gold_program()])), "utf-8")
    fake = tmp_path / "fake_policykg.py"
    fake.write_text(
        "import shutil, sys\n"
        "assert sys.argv[1] == 'extract' and sys.argv[3:5] == ['--format', 'json']\n"
        f"shutil.copy({str(graph_file)!r}, sys.argv[sys.argv.index('-o') + 1])\n",
        "utf-8",
    )
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "x.json").write_text(json.dumps({"document": DOC, "programs": [gold_program()]}), "utf-8")
    (tmp_path / DOC).write_text("文本", "utf-8")
    argv = [
        "--gold",
        str(gold_dir),
        "--seed-dir",
        str(tmp_path),
        "--cli",
        f"{sys.executable} {fake}",
        "--json",
    ]
    assert ev.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["matched_programs"] == 1
    assert out["overall"]["relations"]["HAS_CONTACT"]["f1"] == 1.0
    assert out["overall"]["chars"] == 2  # the speed figure counts the document's characters


def test_gold_files_score_perfectly_against_themselves(ev: ModuleType) -> None:
    """Each shipped gold file, turned into a graph, must score 1.0: no label the scorer cannot match."""
    for path in sorted(ev.GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        g = graph(gold["programs"])
        g["nodes"][0]["properties"]["name"] = gold["document"]
        rep = ev.score_document(gold, g)
        assert rep.program_recall == 1.0, path
        for rtype, counts in rep.counts.items():
            assert counts.fp == counts.fn == 0, (path, rtype, rep.errors[:3])
