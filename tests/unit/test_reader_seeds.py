"""The readers on the five seed documents: unit counts, known titles, offsets, no junk."""

from __future__ import annotations

import difflib
import json
import re
import time
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from extraction.document import DocFormat, FieldName, SourceDocument, UnitKind
from extraction.readers import read_document

SEED = Path(__file__).resolve().parents[2] / "seed"


@cache
def doc(prefix: str) -> SourceDocument:
    (path,) = SEED.glob(f"{prefix}_*.txt")
    return read_document(path)


def _kinds(d: SourceDocument) -> Counter[str]:
    return Counter(u.kind.value for u in d.units)


def _by_title(d: SourceDocument, title: str):
    hits = [u for u in d.units if u.title == title]
    assert len(hits) == 1, [u.title for u in d.units]
    return hits[0]


def test_000_compilation() -> None:
    d = doc("000")
    assert d.format is DocFormat.MARKDOWN
    assert d.issuer == "徐州市工业和信息化局"
    assert d.published_at == "2024-04"
    assert "政策汇编" in d.title
    # 38 programs with fields, the 16 paid measures the 彭城英才计划 digest summarises and the 2 of the
    # 技术创新示范企业 digest (its measures sit in groups: （一）着力夯实基础… 1.持续加大创新研发投入。…)
    assert _kinds(d) == {"policy": 23, "program": 38 + 16 + 2}
    measures = [u for u in d.units if u.measure]
    assert len(measures) == 16 + 2 and "顶级支持“攀峰”领军人才" in {u.title for u in measures}
    u = _by_title(d, "江苏省制造业贷款财政贴息实施方案")
    assert u.kind is UnitKind.PROGRAM
    assert "83735577" in u.text_of(FieldName.CONTACT)
    assert u.section == "第二章 资金支持升级"
    assert "苏工信综合〔2024〕98号" in u.text_of(FieldName.BASIS)
    p = _by_title(d, "关于推动未来产业创新发展的实施意见")
    assert p.kind is UnitKind.POLICY
    assert p.published_at == "2024-01-18"
    # the in-program contact table appendix stays with its program
    big = _by_title(d, "江苏省工业和信息产业转型升级专项资金申报入库项目")
    assert "83843295" in big.text_of(FieldName.CONTACT)
    # a field cut by "## » 第三章 ..." is rejoined
    ins = _by_title(d, "国家重点新材料首批次应用保险补偿机制试点")
    assert "原则上单个品种的保险金额不低于 5000 万元" in ins.text_of(FieldName.CONDITIONS)


def test_001_articles() -> None:
    d = doc("001")
    assert d.format is DocFormat.ARTICLES
    # 84 articles; four reprint policies and are their measures: 南京's 若干政策（2026年版） (28),
    # the 省补 notice (13), the “人工智能＋”行动方案 (4) and the 增资扩产 实施意见 (2)
    articles = [u for u in d.units if u.kind is UnitKind.ARTICLE]
    measures = [u for u in d.units if u.measure]
    # (47 before 四、组织实施's 明确资金渠道 / 规范资金使用 / 营造…氛围 were read as measures)
    assert (len(articles), len(measures), len(d.units)) == (80, 44, 124)
    assert measures[0].title == "构建战新产业集群矩阵"
    assert "最高500万元" in measures[0].text_of(FieldName.BENEFIT)
    assert sum(1 for u in articles if u.published_at) == 80
    u = _by_title(d, "2025年市工业企业重大设备技改项目奖补资金正在申报")
    assert "025-68788776" in u.text_of(FieldName.CONTACT)
    assert "独立法人资格" in u.text_of(FieldName.CONDITIONS)


def test_002_guide() -> None:
    d = doc("002")
    titles = [u.title for u in d.units]
    assert len(titles) == 27
    for t in (
        "高端化改造升级项目",
        "智能制造示范工厂项目",
        "“5G+工业互联网”融合应用项目",
        "关键核心技术（装备）工程化攻关",
        "免费诊断服务项目",
        "车联网示范应用项目",
        "产业人才培养项目",
    ):
        assert t in titles
    u = _by_title(d, "智能制造示范工厂项目")
    assert "省级（含）以上智能制造示范工厂" in u.text_of(FieldName.CONDITIONS)
    assert "最高不超过2000万元" in u.text_of(FieldName.BENEFIT)
    # the annex contact table (附件 6) is attached to the programs it names
    assert "025-69652756" in u.text_of(FieldName.CONTACT)
    assert "0515-68800590" in u.text_of(FieldName.CONTACT)
    # blank forms in the annexes (承诺书, 核查表, 任务书) are not programs
    assert not any("承诺" in t or "核查" in t or "任务书" in t or t.endswith("计划") for t in titles)


def test_003_brochure() -> None:
    d = doc("003")
    assert d.issuer == "江苏省中小企业发展中心"
    programs = [u.title for u in d.units if u.kind is UnitKind.PROGRAM]
    assert len(programs) == 27
    assert programs[0] == "享受增值税加计抵减政策的集成电路企业清单"
    assert programs[-1] == "省应急管理科技项目"
    # the policy infographics before the items have no title line of their own: policy units
    assert [u.title for u in d.units if u.kind is UnitKind.POLICY] == [
        "江苏省巩固增强经济回升向好态势进一步推动高质量发展若干政策措施",
        "“百园百校万企”创新合作行动(江苏)",
    ]
    u = _by_title(d, "省专精特新中小企业（第二批）")
    assert "025-69652765" in u.text_of(FieldName.CONTACT)
    assert u.text_of(FieldName.WINDOW).startswith("9-10月")


def test_004_table() -> None:
    d = doc("004")
    assert d.format is DocFormat.TABLE
    assert len(d.units) == 43
    u = _by_title(d, "国家级专精特新“小巨人”企业申报")
    assert "027-60830052" in u.text_of(FieldName.CONTACT)
    assert "100万元" in u.text_of(FieldName.BENEFIT)
    assert Counter(u.section for u in d.units) == {
        "税收支持和服务措施": 5,
        "金融支持和服务措施": 4,
        "项目支持和服务措施": 34,
    }


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_offsets_round_trip(prefix: str) -> None:
    d = doc(prefix)
    checked = 0
    for u in d.units:
        pairs = list(zip(u.title, u.title_offsets, strict=True))
        for f in u.fields:
            pairs.extend(zip(f.text, f.offsets, strict=True))
            # in document order, so any slice of a field has a well-formed span
            assert list(f.offsets) == sorted(f.offsets), (u.title, f.name)
        for ch, off in pairs:
            src = d.text[off]
            if ch.isspace() or src in "&\\<" or (src != ch and unicodedata.normalize("NFKC", src) == ch):
                continue  # an entity, an escape, or a full-width digit read as ASCII
            assert src == ch, (u.title, ch, d.text[max(0, off - 10) : off + 10])
            checked += 1
    assert checked > 10000


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_titles_are_clean(prefix: str) -> None:
    for u in doc(prefix).units:
        assert u.title
        assert not re.match(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．])", u.title), u.title
        assert not re.search(r"(?:\.{2,}|…|\t)\s*\d*$|\s\d{1,3}$", u.title), u.title
        assert "<" not in u.title and "*" not in u.title and "#" not in u.title


def test_reading_all_seeds_is_fast() -> None:
    t0 = time.perf_counter()
    for path in sorted(SEED.glob("*.txt")):
        read_document(path)
    assert time.perf_counter() - t0 < 3.0


GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold"


@pytest.mark.skipif(not GOLD.is_dir(), reason="no gold labels in tests/fixtures/gold")
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_gold_program_has_a_unit_with_its_phones(prefix: str) -> None:
    """Hand-labelled programs: each has a unit of a similar name whose CONTACT fields print each
    labelled phone (the readers must not lose a contact the extractor is scored on)."""
    (gold_path,) = GOLD.glob(f"{prefix}_*.json")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    units = [u for u in doc(prefix).units if u.kind in (UnitKind.PROGRAM, UnitKind.ARTICLE)]
    for program in gold["programs"]:
        ratio, unit = max(
            (difflib.SequenceMatcher(None, program["name"], u.title).ratio(), i) for i, u in enumerate(units)
        )
        assert ratio >= 0.8, program["name"]
        digits = re.sub(r"\D", "", units[unit].text_of(FieldName.CONTACT))
        for phone in program["contacts"]:
            assert re.sub(r"\D", "", phone)[-8:] in digits, (program["name"], phone)
