"""Measured on the seeds: every application window that prints a date is parsed, listed by document.

A program's window is its 申报时间 field when it has one (38 in 000, 1 in 001, 26 in 003, every one
printing a month or a date); a program without one states its window in its text, if anywhere.
Those statements are found here by a scan of this test's own, broader than the parser: a sentence
with a month or a date and a window word (申报时间, 截止日期 …), or a date followed by 前/止. Each
sentence the scan finds is listed below: either as the program's window, with what it must parse to,
or as a date that opens no window, with the reason. A sentence the listing lacks fails the test, and
so does a listed one the scan no longer finds.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from extraction.assemble import _program_name, assemble_document
from extraction.components.clauses import sentences
from extraction.document import FieldName, SourceDocument, Unit
from extraction.readers import read_document

SEED = Path(__file__).resolve().parents[2] / "seed"


class Expected(NamedTuple):
    opens_on: str | None = None
    closes_on: str | None = None
    recurring: tuple[int, ...] = ()
    year_inferred: bool | None = None


def every(*months: int) -> Expected:
    return Expected(recurring=months)


def dated(opens: str | None, closes: str | None, *, inferred: bool = False) -> Expected:
    return Expected(opens, closes, (), inferred)


# The 申报时间 fields, by document and program.
FIELD_WINDOWS: dict[str, dict[str, Expected]] = {
    "000_7a2f4ff3c5f69e6c.txt": {  # 3 月（具体时间以每年通知为准）: every year
        "江苏省制造强省建设专项资金申报项目": every(3),
        "江苏省制造业贷款财政贴息实施方案": every(3),
        "江苏省工业和信息产业转型升级专项资金申报入库项目": every(10),
        "徐州市工业和信息产业转型升级专项资金申报项目": every(9),
        "国家重点新材料首批次应用保险补偿机制试点": every(1),
        "老年用品产品推广目录": every(4),
        "铅蓄电池行业规范公告": every(4),
        "印染企业规范公告申报及复核": every(2),
        "江苏省智能制造领军服务机构": every(3),
        "江苏省首台（套）重大装备认定": every(3),
        "江苏省制造业“智改数转网联”示范企业": every(3),
        "江苏省两化融合贯标示范企业培育对象": every(2),
        "江苏省星级上云企业创建": every(2),
        "江苏省“互联网+先进制造业”特色产业基地": every(10),
        "国家企业技术中心": every(3),
        "国家技术创新示范企业": every(9),
        "江苏省企业技术中心": every(6),
        "徐州市企业技术中心": every(3),
        "国家制造业单项冠军示范企业及产品": every(9),
        "专精特新小巨人企业": every(3),
        "江苏省小型微型企业创业创新示范基地": every(6),
        "江苏省中小企业公共服务示范平台": every(5),
        "专精特新中小企业认定": every(8),
        "优质中小企业入库培育和创新型中小企业": every(2),
        "徐州市中小企业公共服务示范平台": every(3),
        "徐州市小型微型企业创业创新示范基地": every(3),
        "国家绿色制造名单": every(7),
        "国家工业产品绿色设计示范企业": every(4),
        "国家重点行业能效“领跑者”企业": every(12),
        "国家低噪声施工设备推荐项目": every(1),
        "江苏省绿色工厂暨绿色工业园区": every(4),
        "江苏省再生资源综合利用行业规范企业": every(2),
        "国家级服务型制造示范申报项目": every(3),
        "国家工业遗产认定申报项目": every(12),
        "国家级工业设计中心认定申报项目": every(7),
        "江苏省服务型制造示范项目申报": every(7),
        "江苏省首批工业遗产认定申报项目": every(6),
        "江苏省工业设计中心认定申报项目": every(6),
    },
    "001_930237a1bb36e36f.txt": {
        "先进制造业企业增值税加计抵减政策2026年2月申报提示": dated("2026-02-01", "2026-02-10"),
    },
    "003_97b894576b5ab4d7.txt": {  # 9-10月 (时间仅供参考，具体申报时间以当年通知为准)
        "享受增值税加计抵减政策的集成电路企业清单": every(9, 10),
        "5G工厂": every(7, 8, 9),
        "制造业单项冠军": every(8, 9, 10),
        "工业领域数据要素应用场景": every(8, 9),
        "全国中小企业融资促进典型案例": every(7, 8),
        "中小企业数字化转型典型案例": every(7, 8),
        "中小企业人才培训“名师优课”": every(7),
        "重点“小巨人”企业": every(7),
        "省专精特新中小企业（第二批）": every(9, 10),
        "省重点领域首版次软件": every(6, 7),
        "信息技术应用创新项目": every(8, 9),
        "国际杰青计划": every(8, 9),
        "省科技重大专项": every(7, 8),
        "省创新联合体": every(6, 7, 8),
        "省技术先进型企业": every(8),
        "省科技副总": every(8, 9, 10),
        "部省合作项目": every(8, 9),
        "绿色债券贴息": every(9),
        "省科技创新券": every(9),
        "绿色低碳先进技术示范项目": every(9, 10),
        "省智能建造试点项目": every(7, 8),
        "省建设系统科研项目": every(7, 8),
        "专利密集型产品": every(8, 9),
        "省数字技术工程师培育项目培训机构": every(4),
        "省未来产业（技术）研究院": every(8),
        "省应急管理科技项目": every(8, 9, 10),
    },
}

# Windows stated in the text of programs without a 申报时间 field: (words of the sentence, window).
PROSE_WINDOWS: dict[str, dict[str, tuple[str, Expected]]] = {
    "001_930237a1bb36e36f.txt": {
        # published 2026-01-14: 1月23日 is of 2026, which the text does not print
        "省工信厅组织开展2026年全省“三走进”公益服务行活动推荐报送工作": (
            "于1月23日前报省工信厅",
            dated(None, "2026-01-23", inferred=True),
        ),
        "2026年度绿色工厂入库培育申报": (
            "于2026年2月26日前将绿色工厂培育计划汇总表",
            dated(None, "2026-02-26"),
        ),
        "2025年省级企业技术中心评价": ("评价材料提交截止时间为2026年1月30日", dated(None, "2026-01-30")),
        "2025年首版次软件": ("请各推荐单位于2026年1月16日前报送审核材料", dated(None, "2026-01-16")),
        "第七批产业技术基础公共服务平台": ("请于2025年12月26日前将推荐函", dated(None, "2025-12-26")),
        "工信部发布国家重点研发计划7个重点专项2025年度项目申报指南": (
            "受理时间为：2026年1月4日8:00至2026年2月5日16:00",
            dated("2026-01-04", "2026-02-05"),
        ),
        "2025年市工业企业重大设备技改项目奖补资金正在申报": (
            "网上申报受理时间为2025年12月9日-12月23日",
            dated("2025-12-09", "2025-12-23"),
        ),
    },
    "004_477b3b47acea63bc.txt": {
        "国家级绿色工厂项目申报": ("于每年6月底前向各省辖市", every(6)),
        "湖北省绿色制造项目申报": ("各区经信部门请于2023年8月14日前汇总报送", dated(None, "2023-08-14")),
        "湖北省上云标杆企业项目申报": ("于2022年9月27日前", dated(None, "2022-09-27")),
    },
}

# Dates in those programs' text that open no application window: (program, words, why).
_CLAIMED_BY_BANKS = "the subsidy is claimed by banks and finance departments (免申即享), no company applies"
_HOLDERS_REPORT = "a yearly report of holders, not a call"
_LATER_STEP = "a step after the applicants' window (review, recommendation, report upwards)"
_CONDITION = "a condition on the project or the applicant, not a window"
NOT_WINDOWS: dict[str, list[tuple[str, str, str]]] = {
    "001_930237a1bb36e36f.txt": [
        # the 省补 notice's measures, one program each
        ("支持汽车报废更新", "2013年6月30日前注册登记的汽油乘用车", "which cars qualify"),
        ("支持汽车报废更新", "于2025年1月8日（含）前登记在申请人名下", "which cars qualify"),
        ("支持汽车置换更新", "于2025年1月8日（含）前登记在申请人名下", "which cars qualify"),
        ("财政部等五部门发文实施中小微企业贷款贴息政策", "经办银行总部于2026年2月5日前", _CLAIMED_BY_BANKS),
        ("财政部等五部门发文实施中小微企业贷款贴息政策", "省级财政部门于2026年2月28日前", _CLAIMED_BY_BANKS),
        (
            "财政部等五部门发文实施中小微企业贷款贴息政策",
            "于2027年1月31日前向对口财政部门",
            _CLAIMED_BY_BANKS,
        ),
        ("财政部等五部门发文实施中小微企业贷款贴息政策", "于2027年2月20日前报送财政部", _CLAIMED_BY_BANKS),
        (
            "财政部等五部门发文实施中小微企业贷款贴息政策",
            "应于2029年1月31日前向对口财政部门",
            _CLAIMED_BY_BANKS,
        ),
        (
            "财政部等四部门发文优化设备更新贷款贴息政策",
            "2026年1月31日前，全国性银行省级分行",
            _CLAIMED_BY_BANKS,
        ),
        ("财政部等四部门发文优化设备更新贷款贴息政策", "每年1月31日前省行向省级财政部门", _CLAIMED_BY_BANKS),
        (
            "财政部等四部门发文优化设备更新贷款贴息政策",
            "2029年1月31日前省行向省级财政部门",
            _CLAIMED_BY_BANKS,
        ),
        (
            "调整专精特新认定范围、标准！新版《优质中小企业梯度培育管理办法》全掌握",
            "每年5月31日前",
            _HOLDERS_REPORT,
        ),
        ("今年专精特新认定管理有这些变化！", "每年5月31日前", _HOLDERS_REPORT),
        ("2026年度绿色工厂入库培育申报", "应于每年3月31日前通过工业节能与绿色发展管理平台", _HOLDERS_REPORT),
        ("2026年度绿色工厂入库培育申报", "2026年4月7日前各地工业和信息化主管部门", _LATER_STEP),
        (
            "省工信厅明确绿色工厂申报评价事项",
            "应于每年3月31日前通过工业节能与绿色发展管理平台",
            _HOLDERS_REPORT,
        ),
        ("省工信厅明确绿色工厂申报评价事项", "于每年4月10日前报送省工业和信息化厅", _HOLDERS_REPORT),
        (
            "工信部发布国家重点研发计划7个重点专项2025年度项目申报指南",
            "于2026年2月9日16:00前通过国科管系统",
            _LATER_STEP,
        ),
        ("2025年市工业企业重大设备技改项目奖补资金正在申报", "至2025年11月15日止达到3000万元", _CONDITION),
        ("2025年市工业企业重大设备技改项目奖补资金正在申报", "应在2023年1月1日之后", _CONDITION),
        ("2025年市工业企业重大设备技改项目奖补资金正在申报", "于12月29日前通过", _LATER_STEP),
        ("2025年市工业企业重大设备技改项目奖补资金正在申报", "于2025年12月31日前统一报送", _LATER_STEP),
    ],
    "002_c467a5a869d68201.txt": [
        # the guide names its 申报截止日期 without printing it
        ("智能制造示范工厂项目", "期间完工，并在项目申报截止日期前", _CONDITION),
        ("工业互联网标杆工厂项目", "期间完工，并在项目申报截止日期前", _CONDITION),
        ("“5G+工业互联网”融合应用项目", "期间完工，并在项目申报截止日期前", _CONDITION),
        ("服务化改造升级标杆示范项目", "期间完工，并在项目申报截止日期前", _CONDITION),
        ("工业互联网平台项目", "期间完工，并在项目申报截止日期前", _CONDITION),
        ("数据产品化项目", "期间完工，并在项目申报截止日期前", _CONDITION),
        ("车联网示范应用项目", "期间完工，并在项目申报截止日期前", _CONDITION),
        ("工业互联网标识解析项目", "须在2023年12月31日前建设完成", _CONDITION),
        ("信息技术应用创新先导区项目", "须在2024年6月30日前创建完成", _CONDITION),
        ("信息技术应用创新实验室项目", "须在 2024 年 6 月 30 日前创建完成", _CONDITION),
        ("绿色化改造升级项目", "须在2024年6月30日前建设完成", _CONDITION),
        ("省级以上授牌认定奖励项目", "2022 年 6 月 30 日(含)前落户江苏", _CONDITION),
    ],
    "004_477b3b47acea63bc.txt": [
        ("国家级绿色工厂项目申报", "在每年12月底前将下年度", "the cities' yearly plan, not a call"),
        ("国家级绿色工厂项目申报", "于每年7月底前报省工信委", _LATER_STEP),
        ("国家级绿色工厂项目申报", "省工信委于每年11月底前", _LATER_STEP),
        (
            "湖北省绿色制造项目申报",
            "第三方机构,请于2023年8月15日前",
            "what the evaluators report, not an application",
        ),
    ],
}

# The scan: a month or a date; a window word beside it, or 前/止 right after the date.
_DATE = r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?(?:底|末)?"
_WINDOW_WORD = re.compile(
    r"(?:申报|申请|受理|报名|征集|填报|提交|报送)(?:的)?(?:时间|日期|期限)|截止(?:时间|日期)"
)
_BEFORE = re.compile(
    _DATE + r"\s*(?:\d{1,2}\s*[:：]\s*\d{2})?\s*(?:[（(][^）)]{0,6}[)）])?\s*(?:前|之前|止|截止)"
)
_PRINTS_A_DATE = re.compile(r"\d\s*月|(?:19|20)\d{2}\s*年")


def _statements(unit: Unit) -> list[str]:
    """The sentences of the unit's prose that the scan takes for window statements."""
    out = []
    for f in unit.fields:
        if f.name in (FieldName.WINDOW, FieldName.LINK, FieldName.TITLE):
            continue
        for s, e in sentences(f.text):
            sentence = f.text[s:e]
            if (_WINDOW_WORD.search(sentence) and re.search(_DATE, sentence)) or _BEFORE.search(sentence):
                out.append(sentence)
    return out


Seed = tuple[SourceDocument, dict[str, Unit], dict[str, dict[str, object]]]


@pytest.fixture(scope="module")
def seeds() -> dict[str, Seed]:
    """Per seed: the read document, its program units by program name, the programs' properties."""
    out = {}
    paths = sorted(SEED.glob("*.txt"))
    assert len(paths) == 5, f"the five seed documents are not in {SEED}"
    for path in paths:
        source = read_document(path)
        graph = assemble_document(source)
        programs = {
            str(n.properties["name"]): dict(n.properties) for n in graph.nodes if n.label == "Program"
        }
        units: dict[str, Unit] = {}
        for unit in source.units:
            units.setdefault(_program_name(unit.title), unit)
        out[path.name] = (source, {n: u for n, u in units.items() if n in programs}, programs)
    return out


def _window_of(props: dict[str, object]) -> Expected:
    recurring = props.get("recurring") or []
    return Expected(
        props.get("opensOn"),  # type: ignore[arg-type]
        props.get("closesOn"),  # type: ignore[arg-type]
        tuple(recurring),  # type: ignore[arg-type]
        props.get("windowYearInferred"),  # type: ignore[arg-type]
    )


def _expected(window: Expected) -> Expected:
    """What the graph holds for an expected window: a dated one says whether its year was inferred."""
    inferred = bool(window.year_inferred) if window.opens_on or window.closes_on else None
    return window._replace(year_inferred=inferred)


def test_every_window_field_that_prints_a_date_is_parsed(seeds: dict[str, Seed]) -> None:
    for name, (source, units, programs) in seeds.items():
        printed = {
            program: unit.text_of(FieldName.WINDOW)
            for program, unit in units.items()
            if _PRINTS_A_DATE.search(unit.text_of(FieldName.WINDOW))
        }
        listed = FIELD_WINDOWS.get(name, {})
        assert set(printed) == set(listed), (name, set(printed) ^ set(listed))
        for program, expected in listed.items():
            props = programs[program]
            assert _window_of(props) == _expected(expected), (name, program, printed[program])
            start, end = props["windowSpan"]  # type: ignore[misc]
            assert _squeezed(source.text[start:end]) == _squeezed(printed[program]), (name, program)


def test_every_window_stated_in_prose_is_parsed(seeds: dict[str, Seed]) -> None:
    for name, (source, units, programs) in seeds.items():
        windows = PROSE_WINDOWS.get(name, {})
        others = NOT_WINDOWS.get(name, [])
        used: set[tuple[str, str]] = set()
        for program, unit in units.items():
            if unit.get(FieldName.WINDOW):
                continue  # its window is its 申报时间 field
            for sentence in _statements(unit):
                if program in windows and windows[program][0] in sentence:
                    used.add((program, windows[program][0]))
                    continue
                reasons = [words for p, words, _why in others if p == program and words in sentence]
                assert reasons, f"{name} {program}: a window statement nobody listed: {sentence[:120]}"
                used.update((program, words) for words in reasons)
            props = programs[program]
            if program in windows:
                words, expected = windows[program]
                assert _window_of(props) == _expected(expected), (name, program)
                start, end = props["windowSpan"]  # type: ignore[misc]
                assert words in source.text[start:end] or words in str(props["window"]), (name, program)
            else:  # dates that open no window: the program has none
                assert _window_of(props) == Expected(), (name, program, props.get("window"))
        stale = {(p, w) for p, (w, _e) in windows.items()} | {(p, w) for p, w, _why in others}
        assert stale <= used, (name, stale - used)


def _squeezed(text: str) -> str:
    """Text without white space or markup: a field's text is cleaned, the document's is not."""
    return re.sub(r"\s+|<[^>]*>|\*", "", text)
