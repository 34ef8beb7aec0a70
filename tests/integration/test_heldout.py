"""The extractor on held-out documents from regions and in wordings the seeds do not have.

tests/fixtures/heldout/ holds five documents written for this test (杭州 compilation, 深圳 brochure,
青岛 tab-separated list, 成都 WeChat JSON, 湖南 notice) with hand-labelled gold programs in
tests/fixtures/heldout/gold/ (same format and conventions as tests/fixtures/gold/). The full score
table is printed by

    .venv/bin/python scripts/evaluate.py --gold tests/fixtures/heldout/gold \\
        --seed-dir tests/fixtures/heldout --verbose

Here only robust properties are asserted: the document extracts; program recall >= 0.8 by the
scorer's name matching; every phone carries its region's area code; "市经信局"/"市工信局" resolve to
the document's own city body; the printed phone form is the printed text. The issue's F1 gate for
unseen documents (>= 0.80 for REQUIRES, GRANTS, amounts, contacts) is checked per document too.
Every assertion that fails today is an xfail(strict=True) naming the weakness: when the extractor
is fixed the test XPASSes, fails, and the marker must go.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
HELDOUT = REPO / "tests" / "fixtures" / "heldout"
GOLD = HELDOUT / "gold"
SCRIPT = REPO / "scripts" / "evaluate.py"

# document stem -> (city or province of the document, its area code, the body 市经信局/市工信局 means)
REGION: dict[str, tuple[str, str, str | None]] = {
    "h01_hangzhou_compilation": ("杭州市", "0571", "杭州市经济和信息化局"),
    "h02_shenzhen_brochure": ("深圳市", "0755", "深圳市工业和信息化局"),
    "h03_qingdao_service_list": ("青岛市", "0532", "青岛市工业和信息化局"),
    "h04_chengdu_wechat": ("成都市", "028", "成都市经济和信息化局"),
    "h05_hunan_notice": ("湖南省", "0731", None),
}
STEMS = sorted(REGION)
MOBILE = re.compile(r"^1[3-9]\d{9}$")
GATED = ("REQUIRES", "GRANTS", "OFFERS_AMOUNT", "HAS_CONTACT")


def _xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


# (document stem, relation) -> the weakness that keeps its F1 below 0.80 today
WEAK_F1: dict[tuple[str, str], str] = {}
WEAK_RECALL: dict[str, str] = {}  # program recall >= 0.8 holds everywhere today
WEAK_ALL_PROGRAMS: dict[str, str] = {}
WEAK_PRINTED: dict[str, str] = {
    "h02_shenzhen_brochure": (
        "a phone printed as (0755)88127316 keeps the printed form '0755)88127316' (opening bracket lost)"
    ),
}


def _params(weak: dict[Any, str], keys: list[Any]) -> list[Any]:
    return [
        pytest.param(*(k if isinstance(k, tuple) else (k,)), marks=_xfail(weak[k]))
        if k in weak
        else pytest.param(*(k if isinstance(k, tuple) else (k,)))
        for k in keys
    ]


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate_heldout_scorer", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


_GRAPHS: dict[str, dict[str, Any]] = {}


def graph_of(stem: str) -> dict[str, Any]:
    """The extracted graph of one held-out document (JSON form), extracted once per session."""
    if stem not in _GRAPHS:
        from extraction.extract import extract_file

        _GRAPHS[stem] = extract_file(HELDOUT / f"{stem}.txt").model_dump(mode="json")
    return _GRAPHS[stem]


def gold_of(stem: str) -> dict[str, Any]:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


def nodes_of(graph: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["id"]: n for n in graph["nodes"]}


# ----------------------------------------------------------------------------- the fixtures themselves


def test_every_heldout_document_has_a_gold_file() -> None:
    docs = sorted(p.stem for p in HELDOUT.glob("*.txt"))
    assert docs == STEMS
    for stem in STEMS:
        gold = gold_of(stem)
        assert gold["document"] == f"{stem}.txt"
        assert 3 <= len(gold["programs"]) <= 10
        keys = {"name", "requires", "prefers", "grants", "excludes", "offers", "contacts", "administeredBy"}
        assert all(set(p) == keys for p in gold["programs"])


# ----------------------------------------------------------------------------- robust properties


@pytest.mark.parametrize("stem", STEMS)
def test_extracts_without_error(stem: str) -> None:
    graph = graph_of(stem)
    assert any(n["label"] == "Program" for n in graph["nodes"])
    ids = {n["id"] for n in graph["nodes"]}
    assert all(r["start"] in ids and r["end"] in ids for r in graph["relationships"])


@pytest.mark.parametrize("stem", _params(WEAK_RECALL, STEMS))
def test_program_recall(ev: ModuleType, stem: str) -> None:
    report = ev.score_document(gold_of(stem), graph_of(stem))
    missing = [e["program"] for e in report.errors if e["kind"] == "MISSING"]
    assert report.program_recall >= 0.8, missing


@pytest.mark.parametrize("stem", _params(WEAK_ALL_PROGRAMS, STEMS))
def test_every_gold_program_is_found(ev: ModuleType, stem: str) -> None:
    """The issue's target is recall >= 0.95; on documents this small that means every program."""
    report = ev.score_document(gold_of(stem), graph_of(stem))
    assert [e["program"] for e in report.errors if e["kind"] == "MISSING"] == []


@pytest.mark.parametrize("stem", STEMS)
def test_contact_phones_carry_the_region_area_code(stem: str) -> None:
    _, code, _ = REGION[stem]
    graph = graph_of(stem)
    phones = [r["properties"]["phone"] for r in graph["relationships"] if r["type"] == "HAS_CONTACT"]
    assert phones
    wrong = [p for p in phones if not MOBILE.match(re.sub(r"\D", "", p)) and not p.startswith(code + "-")]
    assert not wrong, f"expected {code}-…: {wrong}"


ALIAS = re.compile(r"(?<![杭州青岛成都深圳])市(?:经信局|工信局)([\u4e00-\u9fff]{1,10}?[处科])")


def _uses_city_alias(stem: str) -> bool:
    return bool(ALIAS.search((HELDOUT / f"{stem}.txt").read_text(encoding="utf-8")))


@pytest.mark.parametrize("stem", [s for s in STEMS if REGION[s][2] and _uses_city_alias(s)])
def test_city_bureau_alias_resolves_to_the_document_city(stem: str) -> None:
    """市经信局X处 / 市工信局X处 in the text become `<city body>X处` nodes, never another city's."""
    city, _, body = REGION[stem]
    assert body is not None
    text = (HELDOUT / f"{stem}.txt").read_text(encoding="utf-8")
    graph = graph_of(stem)
    names = {
        n["properties"].get("name") for n in graph["nodes"] if n["label"] in ("Department", "ContactOffice")
    }
    assert body in names
    divisions = {m.group(1) for m in ALIAS.finditer(text)}
    missing = sorted(body + d for d in divisions if body + d not in names)
    assert not missing
    municipal = [
        n["properties"]["name"]
        for n in graph["nodes"]
        if n["label"] == "Department" and n["properties"].get("level") == "municipal"
    ]
    assert all(name.startswith(city) for name in municipal), municipal


WEAK_OFFICE_NAMES: dict[str, str] = {
    "h02_shenzhen_brochure": (
        "a brochure's 📞 line naming a body the lexicon lacks (深圳市地方金融管理局) with the phone on its "
        "own 电话：0755—… line: the contact office is named '联系电话' and the body is lost"
    ),
}
FIELD_LABELS = ("联系电话", "电话", "联系方式", "联系人", "手机")


@pytest.mark.parametrize("stem", _params(WEAK_OFFICE_NAMES, STEMS))
def test_contact_offices_are_named_bodies(stem: str) -> None:
    """No contact office is a field label or an unresolved 市…/省…/区… abbreviation."""
    names = [
        n["properties"].get("name") or "" for n in graph_of(stem)["nodes"] if n["label"] == "ContactOffice"
    ]
    assert names
    bad = [name for name in names if name in FIELD_LABELS or name.startswith(("市", "省", "区"))]
    assert bad == []


SEED_REGIONS = ("江苏", "徐州", "南京", "无锡", "湖北", "鄂州", "武汉")


@pytest.mark.parametrize("stem", STEMS)
def test_no_seed_region_leaks_into_departments(stem: str) -> None:
    """省工信厅 / 市工信局 in a 浙江 or 湖南 document never become the seeds' 江苏 or 鄂州 bodies."""
    names = [
        n["properties"].get("name") or ""
        for n in graph_of(stem)["nodes"]
        if n["label"] in ("Department", "ContactOffice")
    ]
    assert [name for name in names if name.startswith(SEED_REGIONS)] == []


@pytest.mark.parametrize("stem", _params(WEAK_PRINTED, STEMS))
def test_printed_phone_forms_are_the_printed_text(stem: str) -> None:
    text = (HELDOUT / f"{stem}.txt").read_text(encoding="utf-8")
    printed = [
        p
        for n in graph_of(stem)["nodes"]
        if n["label"] == "ContactOffice"
        for p in n["properties"].get("phonesPrinted") or []
    ]
    assert printed

    def balanced(p: str) -> bool:
        return p.count("(") == p.count(")") and p.count("（") == p.count("）")

    assert [p for p in printed if p not in text or not balanced(p)] == []


# ----------------------------------------------------------------------------- the gate


@pytest.mark.parametrize(("stem", "relation"), _params(WEAK_F1, [(s, r) for s in STEMS for r in GATED]))
def test_unseen_document_f1_gate(ev: ModuleType, stem: str, relation: str) -> None:
    """F1 >= 0.80 per gated relation (integer arithmetic: 2TP / (2TP + FP + FN) >= 4/5)."""
    report = ev.score_document(gold_of(stem), graph_of(stem))
    c = report.counts[relation]
    errors = [
        (e["kind"], e.get("value"), e["program"])
        for e in report.errors
        if e.get("relation") == relation or e["kind"] == "MISSING"
    ]
    assert 5 * 2 * c.tp >= 4 * (2 * c.tp + c.fp + c.fn), errors
