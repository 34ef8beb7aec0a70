"""Application windows and validity read from short real snippets: the seeds (named by file prefix),
the corpus fixtures and the 北京 导引 PDF (tests/fixtures/corpus)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import XSD, Literal, URIRef

from api.linked_data import RdfFormat, parse, serialise, to_rdf, validate
from extraction.components.windows import find_points, find_validity, find_windows, parse_window
from extraction.extract import extract_file
from schema.graph import GraphDocument, Node
from schema.ids import make_id

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def window(text: str, reference: date | None = None) -> tuple[object, ...]:
    found = parse_window(text, reference)
    assert found is not None, text
    return (found.opens_on, found.closes_on, found.recurring, found.year_inferred)


def prose(text: str, reference: date | None = None) -> list[tuple[object, ...]]:
    return [
        (rank, w.opens_on, w.closes_on, w.recurring, w.year_inferred)
        for rank, w in find_windows(text, reference)
    ]


def validity(text: str, issued: date | None = None) -> list[tuple[object, ...]]:
    return [(v.valid_from, v.valid_until, v.whole_policy) for v in find_validity(text, issued)]


# ----------------------------------------------------------------------------- 申报时间 fields


@pytest.mark.parametrize(
    ("printed", "months"),
    [
        ("3 月（具体时间以每年通知为准）", (3,)),  # 000, spaces before 月
        ("12月（具体时间以每年通知为准）", (12,)),  # 000
        ("1月(仅供参考,具体时间以每年通知为准)", (1,)),  # 000, half-width brackets
        ("9-10月\n(时间仅供参考，具体申报时间以当年通知为准)", (9, 10)),  # 003
        ("6-8月\n(时间仅供参考, 具体申报时间以当年通知为准)", (6, 7, 8)),  # 003
        ("每年8月左右，特色园每年评定一次", (8,)),  # 北京 导引
        ("每年3月左右公布，4月左右申报", (4,)),  # 北京 导引: March is when the call is published
    ],
)
def test_months_without_a_year_recur_every_year(printed: str, months: tuple[int, ...]) -> None:
    # a reference date changes nothing: 3月 in a compilation of 2024 means every March
    assert window(printed, date(2024, 4, 1)) == (None, None, months, False)


def test_a_window_across_the_new_year_wraps() -> None:
    # constructed: no seed prints one, but 11-1月 is a run of three months, not of ten
    assert window("11-1月（具体时间以每年通知为准）") == (None, None, (11, 12, 1), False)


@pytest.mark.parametrize(
    ("printed", "opens", "closes"),
    [
        ("2026年2月1日-10日", date(2026, 2, 1), date(2026, 2, 10)),  # 001: the end prints its day only
        ("2023年10月11日起至2025年12月31日止", date(2023, 10, 11), date(2025, 12, 31)),  # 北京 导引
        ("从2019年6月1日起至2025年12月31日。", date(2019, 6, 1), date(2025, 12, 31)),  # 北京 导引
        ("从2023年9月起", date(2023, 9, 1), None),  # 北京 导引: open from a month on
        ("从2023年10月1日起，定期申报。", date(2023, 10, 1), None),  # 北京 导引
        (
            "２０２４年３月",
            date(2024, 3, 1),
            date(2024, 3, 31),
        ),  # constructed: full-width digits, a whole month
    ],
)
def test_dated_windows(printed: str, opens: date | None, closes: date | None) -> None:
    assert window(printed) == (opens, closes, (), False)


@pytest.mark.parametrize(
    "printed",
    [
        "每三年评定一次",
        "定期发布",
        "每年一至三次",
        "按季度兑现（一般达标次季度启动申报），具体以后续办事指南为准。",
    ],
)
def test_a_window_without_a_date_gives_none(printed: str) -> None:
    assert parse_window(printed, date(2024, 1, 1)) is None  # 北京 导引 and 11-广州花都


def test_points_keep_their_offsets_and_skip_impossible_dates() -> None:
    # constructed: 30 February is no date (a typo in a notice must not become one)
    text = "于2025年2月30日前或2024.1.18"
    assert [(text[p.start : p.end], p.year, p.month, p.day) for p in find_points(text)] == [
        ("2024.1.18", 2024, 1, 18)
    ]


# ----------------------------------------------------------------------------- windows in prose


def test_a_stated_window_and_a_later_review_deadline() -> None:
    # 001 南京 重大设备技改 (published 2025-12-08)
    text = (
        "网上申报受理时间为2025年12月9日-12月23日，逾期将不予受理。（二）区级审核按照属地化管理原则，"
        "各区（开发区）工信部门和财政部门于12月29日前通过“江苏省数字工信一体化平台（南京）”管理系统对本区项目完成线上审核。"
    )
    assert prose(text, date(2025, 12, 8)) == [
        (0, date(2025, 12, 9), date(2025, 12, 23), (), False),
        (2, None, date(2025, 12, 29), (), True),  # 12月29日: the year of the notice
    ]


def test_a_closing_time_and_the_recommenders_deadline() -> None:
    # 001 2025年省级企业技术中心评价
    text = "（二）评价材料提交截止时间为2026年1月30日，各地工信部门于2026年2月10日前完成线上提交操作，正式行文报送我厅"
    assert prose(text) == [(1, None, date(2026, 1, 30), (), False), (2, None, date(2026, 2, 10), (), False)]


def test_a_window_with_times_of_day() -> None:
    # 001 国家重点研发计划 申报指南
    text = "项目申报单位网上填报申报书的受理时间为：2026年1月4日8:00至2026年2月5日16:00。"
    assert prose(text) == [(0, date(2026, 1, 4), date(2026, 2, 5), (), False)]


def test_a_day_without_its_year_takes_the_notices_year_or_the_next() -> None:
    # 001 三走进 (published 2026-01-14); the same words in a notice of late December mean next January
    text = "拟定活动主题（主题名称、内容尽量具体细化）并填写推荐表和汇总表（见附件），于1月23日前报省工信厅服务体系建设处。"
    assert prose(text, date(2026, 1, 14)) == [(2, None, date(2026, 1, 23), (), True)]
    assert prose(text, date(2025, 12, 20)) == [(2, None, date(2026, 1, 23), (), True)]
    # no date to take the year from: only the month is known, as a yearly window
    assert prose(text) == [(2, None, None, (1,), False)]


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        # 04-东莞: a weekday in brackets
        (
            "申报单位将申报资料一式三份（含电子版一份）于2016年5月20日（周五）前报送至市经信局技术进步与质量科",
            date(2016, 5, 20),
        ),
        # 004 鄂州: what is handed in follows in the next clause
        (
            "形成推荐文件,于2022年9月27日前,将推荐表和推荐单位申报书的 word 版本和加盖公章的电子扫描 pdf 版本发送至省经信厅",
            date(2022, 9, 27),
        ),
        # 001 首版次软件
        (
            "请各推荐单位于2026年1月16日前报送审核材料至工业和信息化部信息技术发展司，逾期将顺延受理。",
            date(2026, 1, 16),
        ),
    ],
)
def test_deadlines_for_handing_in(text: str, closes: date) -> None:
    assert prose(text) == [(2, None, closes, (), False)]


def test_a_yearly_deadline_for_an_application_recurs() -> None:
    # 004 鄂州 国家级绿色工厂
    text = "第三方评价合格后,于每年6月底前向各省辖市、省直管县(市)工业和信息化主管部门提交申报材料(自评价报告和第三方评价报告)"
    assert prose(text) == [(2, None, None, (6,), False)]


@pytest.mark.parametrize(
    "text",
    [
        # 001 贷款贴息: money claimed by provinces and banks, not an application window
        "相关省级财政部门汇总对口经办银行资金申请，于2027年2月20日前报送财政部。",
        # 001 绿色工厂细则: a yearly report, not a call
        "国家、省级绿色制造单位填报情况于每年4月10日前报送省工业和信息化厅；",
        # 004 鄂州: what evaluators report
        "参与绿色制造评价工作的第三方机构,请于2023年8月15日前登录管理平台填报“评价机构年度工作情况”报送工业和信息化部",
        # 002: a completion period and an "as of" date are conditions
        "③项目实施周期不超过3年，须在2021年1月1日（含）至2022年6月30日（含）期间完工，并在项目申报截止日期前由项目推荐单位完成验收工作",
        "①项目已开工建设但尚未竣工，总投入不低于 500 万元，截至 2022 年 6 月 30 日已投入不少于总投入的 20%",
        # 001 省补: a registration date of the car
        "消费者所报废的符合条件的旧车，应当于2025年1月8日（含）前登记在申请人名下",
    ],
)
def test_dates_that_open_no_window(text: str) -> None:
    assert prose(text, date(2026, 1, 20)) == []


def test_a_long_sentence_keeps_the_clause_that_states_the_window() -> None:
    lead = "各设区市工信局根据本地区中小企业服务需求，" * 10  # a sentence over 200 characters
    text = lead + "于1月23日前报省工信厅服务体系建设处。"
    ((_rank, found),) = find_windows(text, date(2026, 1, 14))
    assert text[found.start : found.end] == "于1月23日前报省工信厅服务体系建设处"


# ----------------------------------------------------------------------------- validity


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        # 001 绿色工厂细则: both in one sentence
        (
            "第二十一条 本细则自2026年2月1日起施行，有效期至2031年1月31日。",
            (date(2026, 2, 1), date(2031, 1, 31), True),
        ),
        # 001: a year only ends with the year; 本贴息政策 is the whole policy
        (
            "（四）贴息期限。本贴息政策暂定执行至2026年，2027年及以后政策将根据执行情况优化完善后发布。",
            (None, date(2026, 12, 31), True),
        ),
        ("政策实施至2026年12月31日，后续可视情延长实施期限。", (None, date(2026, 12, 31), False)),  # 001
        ("办法将于2026年4月1日起实施。", (date(2026, 4, 1), None, False)),  # 001
        ("政策执行期限至2025年12月底。", (None, date(2025, 12, 31), False)),  # 23-国办
        # 北京 导引: a term counted from its start
        ("2022年8月11日起，有效期3年", (date(2022, 8, 11), date(2025, 8, 10), False)),
        ("从2022年9月起，有效期三年", (date(2022, 9, 1), date(2025, 8, 31), False)),
        ("2022年8月26日起，2025年失效", (date(2022, 8, 26), date(2025, 12, 31), False)),
        # 004 鄂州: the period a tax measure applies
        (
            "一、自2023年1月1日至2027年12月31日,对生产销售先进工业母机主机、关键功能部件、数控系统",
            (date(2023, 1, 1), date(2027, 12, 31), False),
        ),
    ],
)
def test_validity_statements(text: str, stated: tuple[object, ...]) -> None:
    assert validity(text) == [stated]


def test_from_the_day_it_was_issued_needs_that_day() -> None:
    text = "本办法自印发之日起施行，有效期至2025年11月28日。"  # 16-南沙
    assert validity(text) == [(None, date(2025, 11, 28), True)]
    assert validity(text, date(2024, 11, 28)) == [(date(2024, 11, 28), date(2025, 11, 28), True)]


@pytest.mark.parametrize(
    "text",
    [
        "发证日期为2025年11月18日，有效期为三年。",  # 001: a certificate's term
        "经认定的专精特新中小企业和专精特新“小巨人”企业有效期3年",  # 001: a title's term
        "截至2026年12月31日未用完的消费品以旧换新资金额度将予以收回。",  # 001: money, not the policy
        "自公布之日起3年内有效。",  # 001: a list's term, and no day to count from
    ],
)
def test_terms_that_are_not_the_policys(text: str) -> None:
    assert validity(text) == []


# ----------------------------------------------------------------------------- in the graph


def _programs(graph: GraphDocument) -> dict[str, dict[str, object]]:
    return {str(n.properties["name"]): dict(n.properties) for n in graph.nodes if n.label == "Program"}


def test_the_program_of_a_prose_scheme_has_its_validity() -> None:
    path = CORPUS / "16-guangzhou-nansha-yuanyuzhou-xiandao-shifanqu-ruzhu-guanli-banfa-2025.txt"
    text = path.read_text(encoding="utf-8")
    programs = _programs(extract_file(path))
    # 基本情况 / 准入条件 / 考核及退出机制 are the sections of one scheme's rules: one program
    assert list(programs) == ["南沙元宇宙产业先导示范区入驻管理暂行办法"]
    for props in programs.values():
        assert props["validUntil"] == "2025-11-28"
        start, end = props["validitySpan"]  # type: ignore[misc]
        assert text[start:end] == props["validity"] == "本办法自印发之日起施行，有效期至2025年11月28日"


def test_the_first_deadline_of_a_notice_is_its_window() -> None:
    # 可在2016年10月10日前另行单独提供 (materials) comes first in the text, 于2016年5月20日前报送 closes
    path = CORPUS / "04-dongguan-jiqiren-zhuanxiang-zijin-shenbao-2016.txt"
    text = path.read_text(encoding="utf-8")
    programs = _programs(extract_file(path))
    assert {p.get("closesOn") for p in programs.values()} == {"2016-05-20"}
    for props in programs.values():
        start, end = props["windowSpan"]  # type: ignore[misc]
        assert text[start:end] == props["window"]
        assert "于2016年5月20日（周五）前报送" in str(props["window"])


def test_a_window_field_without_a_date_keeps_its_words_only() -> None:
    path = CORPUS / "26-jinan-gaoxinqu-chuangxin-chuangye-ruogan-zhengce-shishi-xize-2019.txt"
    printed = [p for p in _programs(extract_file(path)).values() if "每年申报一次" in str(p.get("window"))]
    assert printed, "the 申报时间 field of 26-济南 is not read"
    for props in printed:
        assert not {"opensOn", "closesOn", "recurring"} & set(props), props


def test_dates_become_typed_linked_data_that_conforms() -> None:
    # 001 三走进 as extraction stores it, with the validity of 001's 绿色工厂细则 and two months added
    base = "https://policykg.example"
    doc = make_id("Document", "001_930237a1bb36e36f.txt")
    pid = make_id("Program", "001_930237a1bb36e36f.txt", "三走进")
    program = Node(
        id=pid,
        label="Program",
        properties={
            "id": pid,
            "name": "省工信厅组织开展2026年全省“三走进”公益服务行活动推荐报送工作",
            "window": "于1月23日前报省工信厅服务体系建设处",
            "windowSpan": [120, 138],
            "closesOn": "2026-01-23",
            "windowYearInferred": True,
            "recurring": [1, 2],
            "validFrom": "2026-02-01",
            "validUntil": "2031-01-31",
            "validity": "本细则自2026年2月1日起施行，有效期至2031年1月31日",
        },
    )
    document = Node(id=doc, label="Document", properties={"id": doc, "name": "001.txt", "sha256": "0" * 64})
    rdf = to_rdf(GraphDocument(nodes=[program, document]), base)
    assert validate(rdf, base).conforms
    subject = URIRef(f"{base}/id/program/{pid}")
    deadline = URIRef("https://schema.org/applicationDeadline")
    assert set(rdf.objects(subject, deadline)) == {Literal("2026-01-23", datatype=XSD.date)}
    lapse = URIRef("http://data.europa.eu/eli/ontology#date_no_longer_in_force")
    assert set(rdf.objects(subject, lapse)) == {Literal("2031-01-31", datatype=XSD.date)}
    months = set(rdf.objects(subject, URIRef(f"{base}/vocab#recurringMonth")))
    assert months == {Literal(1, datatype=XSD.integer), Literal(2, datatype=XSD.integer)}
    # the JSON-LD context names every new term, so the JSON-LD round-trips to the same triples
    again = parse(serialise(rdf, RdfFormat.JSONLD, base), RdfFormat.JSONLD)
    assert len(again) == len(rdf) and (subject, deadline, Literal("2026-01-23", datatype=XSD.date)) in again


def test_a_closing_article_states_the_validity_of_every_measure(tmp_path: Path) -> None:
    # the shape of 实施细则 with 第三章 附则 (26-jinan, 14-huangpu): the article is no program's
    path = tmp_path / "xize.txt"
    path.write_text(
        "TITLE: 芜湖市鸠江区促进数字经济发展若干政策实施细则\n第一章 总则\n第一条 为加快数字经济发展，制定本细则。\n"
        "第二章 支持内容\n第二条 【支持企业上云】对获评省级星级上云企业的，给予5万元奖励。\n"
        "第三条 【支持数字化车间建设】对新认定为省级数字化车间的企业，给予30万元奖励。\n"
        "第三章 附则\n第四条 本细则自2024年1月1日起施行，有效期3年。\n",
        encoding="utf-8",
    )
    programs = _programs(extract_file(path))
    assert len(programs) == 2
    for props in programs.values():
        assert (props["validFrom"], props["validUntil"]) == ("2024-01-01", "2026-12-31")
