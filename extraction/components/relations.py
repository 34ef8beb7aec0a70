"""Section-aware classification of each designation mention into REQUIRES, PREFERS, EXCLUDES or
GRANTS (or nothing), from cue words in its sentence and the field it sits in.

- EXCLUDES: 已认定为X的不再推荐 / 不得申报 ...
- PREFERS: 优先支持 / 优先推荐 / 直通车 / 同等条件下 ...
- GRANTS: 授予 X 称号 / 认定为 X (in a benefit field or a recognition notice)
- REQUIRES: in an eligibility field (申报条件, 申报主体 ...) a designation the sentence asks the
  applicant to hold; in prose only with an explicit cue (须为, 已认定为, 获批, 限...企业)
Words of a cited 《title》 state nothing; "鼓励争创 / 自建 / 培育" a designation is a goal, not a
condition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.clauses import CJK, clauses, enclosing, sentences
from extraction.components.context import context_of, doc_text
from extraction.components.designations import DesignationMention, find_designations
from extraction.components.levels import _word_pattern as _level_words
from extraction.components.levels import level_before
from extraction.lexicons import cues

_CUES = cues("relations")
_EXCLUDE = _CUES["exclude"]
_EXCLUDE_BEFORE = re.compile(rf"(?:{_CUES['exclude_before'].pattern})[^，。；]{{0,6}}$")  # 尚未被认定为X
_DOUBLE_REWARD = _CUES["double_reward"]  # 按就高原则给予奖励，不重复支持: not a bar
_PREFER = _CUES["prefer"]
_BETTER_TERMS = _CUES["better_terms"]
_GRANT = _CUES["grant"]
_REQUIRE_CUE = _CUES["require_cue"]  # conditions: a cue before the title in its clause
_RELAXED = _CUES["relaxed"]  # 其中高新技术企业不低于1亿元: a relaxed threshold is a preference
_PROSE_REQUIRE = _CUES["prose_require"]
_SHORTCUT = _CUES["shortcut"]  # 或满足下列条件之一: a shortcut past a score, a preference
_NOT_THE_TITLE = re.compile(rf"\s*(?:{_CUES['not_the_title'].pattern})")  # …能力提升, …专项资金
_EXPLICIT = _CUES["explicit"]
# 授予“北京市技能大师工作室”称号: the title conferred, whatever the program is called
_CONFERS_TITLE = re.compile(r"(?<!被)授予(?:[“\"][^”\"，。；]{0,8})?$")
_GOAL = _CUES["goal"]
_JOINS = _CUES[
    "joins"
]  # 对参加…统保平台的企业: taking part in a titled body  # 鼓励争创, 支持…: a goal or a scope, not a condition
_ELIGIBILITY = ("conditions",)
_PLACE_BEFORE = re.compile(r"(?:(?:注册|落户|坐落|入驻|设立)(?:在|于)|位于)[^，。；]{0,8}$")
# 对入驻经国家、省、市、区认定的文化产业园区的企业: the park it moves into, not a title it holds
_MOVES_INTO = re.compile(r"入驻(?:在|于)?[^，。；的]{0,16}(?:认定|评定|命名|批准)?的?$")
_A_PLACE = re.compile(r"(?:园区|基地|孵化器|众创空间|加速器|示范区|集聚区|先导区|试验区|产业园|楼宇)$")
_IN_BEFORE = re.compile(r"在[^，。；在]{0,6}$")
# …示范基地、…市(州)中的项目; not a time (资格有效期内的企业, 认定后两年内的企业)
_IN_AFTER = re.compile(r"(?:(?!有效期|期内|年内|资格|后)[^；。]){0,30}?[中内]的(?:项目|企业|单位)")
_PLACE_AFTER = re.compile(r"[^，。；]{0,4}?(?:范围内|区域内|辖区内|园区内)")
_HELD = re.compile(r"已(?:被)?(?:认定|获|列入|入选|评为)|(?:认定|获评|评定|公布)的[^，。；]{0,8}$")
# 已入选省级平台的可申报省级双跨工业互联网平台: the title applied for, not one held
_TARGET = re.compile(
    r"(?:可|拟)?(?:申报|申请|争创|创建)(?:国家级|省级|市级|国家|省|市|[（）()含及以上]){0,6}$"
)
# 已获得支持的“小巨人”企业不再重复支持: what bars is the funding received, not the title
_NOT_A_BAR = _CUES["not_a_bar"]


@dataclass(frozen=True)
class DesignationRelation:
    # REQUIRES | PREFERS | EXCLUDES | GRANTS; in conditions also LISTED (a title alone in its clause:
    # required by a funding program, conferred by a recognition), CATEGORY (one of the kinds a
    # program lists: 包括…四类) and MENTIONS (named without a cue)
    type: str
    mention: DesignationMention
    sentence: tuple[int, int]  # [start, end) in the doc text: the evidence
    # REQUIRES stated with 须为 / 申报主体为 …: wins over a title's GRANTS; GRANTS stated with 授予…称号
    explicit: bool = False


_DUTY = re.compile(
    r"^[^。；]{0,20}?(?:须|必须|应当?|需)(?:及时|按时|按要求|如实)?(?:参加|更新|填报|报送|配合|接受)"
)
_BUILDS = re.compile(r"争创|创建|申报(?!单位|企业|主体|对象)|申请(?!单位|企业|人)|建设|打造|培育")
_THRESHOLD = re.compile(
    r"\d\s*(?:万|亿)?(?:元|人|项|家|个)?\s*(?:以上|以下)|(?:不低于|不少于|高于|低于)\s*\d"
)


_RATE = re.compile(r"\d+(?:\.\d+)?\s*[%％]")
# a rate the measure pays at (奖励比例不超过20％, 按…的10%给予补助), not a share of the cost or a threshold
_PAID_RATE = re.compile(r"奖励|奖补|补助|补贴|资助|贴息|给予")
_NOT_PAID_RATE = re.compile(r"承担|分担|不低于|不少于|不超过[^，。；]{0,4}比重|比重|占比|自有|拨付|验收")


def _beside_a_plain_rate(text: str, s: int, e: int) -> bool:
    """Another part of the same full sentence (…；…；…。) pays at a rate for everyone, no title named."""
    a = max(text.rfind("。", 0, s), text.rfind("\n", 0, s)) + 1
    b = min((i for i in (text.find("。", e), text.find("\n", e)) if i >= 0), default=len(text))
    for part in re.split(r"[；;]", text[a:b]):
        if (
            part
            and part not in text[s:e]
            and _RATE.search(part)
            and _PAID_RATE.search(part)
            and not _NOT_PAID_RATE.search(part)
            and not find_designations(part)
        ):
            return True
    return False


# what a sentence pays, after the clause that names who is paid
_PAID = re.compile(r"给予|奖励|补助|补贴|资助|贴息|奖补|发放")
_TAKEN_BACK = re.compile(r"追回|收回|取消|撤销|不予")
_LEVEL_GLUE = re.compile(r"(?:国家|省|市|区|县)级?|以上|[（(]含[)）]|[\s、，,和及与或“”\"]")


def _holder_subject(text: str, sentence_start: int, mention: DesignationMention) -> bool:
    """The title holders are the subject a sentence pays: "国家级X和省级Y上年度研发费用…增长的，按…给予补助",
    "向创新型中小企业发放服务券" (the title opens the sentence, alone or in a list, or after 对/向)."""
    lead = text[sentence_start : mention.start]
    for m in find_designations(lead):
        lead = lead.replace(m.text, "")
    lead = _LEVEL_GLUE.sub("", lead)
    rest = text[mention.end : enclosing(sentences(text), mention.start, mention.end)[1]]
    if lead in ("向",):
        # 向创新型中小企业发放服务券, not 向科技型中小企业提供贷款的合作银行
        return bool(
            re.match(r"[^，。；的]{0,4}(?:发放|兑现)|[^，。；的]{0,4}提供[^，。；的]{0,12}(?:券|服务)", rest)
        )
    if lead not in ("", "对") or _TAKEN_BACK.search(rest):
        return False  # (…弄虚作假的，取消其资格并追回已发放的补助资金: money taken back)
    # a clause about what the holder does or gets (…上市的，… / 实施的技术改造项目，按…), then the pay
    cond = re.match(r"[^，。；]{2,40}?的(?:[^，。；]{0,12})[，,]", rest)
    return cond is not None and bool(_PAID.search(rest[cond.end() :]))


def _shortcut_before(text: str, sentence_start: int, start: int) -> bool:
    """A shortcut list (或满足下列条件之一：) opened shortly before, and no other list since."""
    window = text[max(0, sentence_start - 200) : start]
    found = list(_SHORTCUT.finditer(window))
    return bool(found) and not re.search(r"一般性条件|基本条件|同时满足", window[found[-1].end() :])


def _bars(before: str, after: str) -> bool:
    """An exclusion cue right after the title (已获评…的企业，不再申报) or right before it."""
    cue_before = _EXCLUDE.search(before[-12:])
    if cue_before and not re.match(r"不再[^，。；]{0,2}(?:发放|给予|享受)", cue_before.group()):
        return True  # (…按就高原则奖励，不再发放省级专精特新中小企业奖励: no second payment)
    cue = _EXCLUDE.search(after[:40])
    if cue is None:
        return False
    lead = after[: cue.start()]
    if lead.count("（") + lead.count("(") > lead.count("）") + lead.count(")") and not find_designations(
        lead
    ):
        return (
            False  # 纳入规模以上工业企业统计范围的企业（退库后重新入库的除外）: the bracket's own exception
        )
    # 同一企业…获评的，按就高原则给予奖励，不重复支持: a rule against double rewards, not a bar
    return not _DOUBLE_REWARD.search(lead)


# 包括省智能制造示范车间、省智能制造示范工厂、…四类: the categories a program is for
_CATEGORIES = re.compile(r"(?:包括|包含|分为)([^。；]{4,160}?)[两二三四五六七八九十\d]+(?:类|个类别)")


def _in_categories(sentence: str, at: int) -> bool:
    """At a category of the list, not inside a bracket (（含 5G 工厂…）: a kind of the category)."""
    for m in _CATEGORIES.finditer(sentence):
        if m.start(1) <= at < m.end(1):
            inside = sentence[m.start(1) : at]
            return inside.count("（") + inside.count("(") <= inside.count("）") + inside.count(")")
    return False


_ALREADY_HELD = re.compile(r"已(?:被|经)?(?:认定|评定|评|获评|获批|获得|列入|入选)为?[^，。；]{0,8}$")
# 已认定为…的 after the bar is a title held (不再推荐已认定为省级企业技术中心的企业): a bar on holders
_BARRED_OBJECT = re.compile(
    r"(?<![已被经])(?:申报|推荐|认定|评定|公布|命名)为?[“\"]?(?:国家|省|市|区|县)?级?[“\"]?$"
)
_QUOTED_REST = re.compile(r"^[”\"]?(?:[、和及与或]?[“\"][^”\"，。；]*[”\"])*")


def _starts_a_paid_row(text: str, at: int) -> bool:
    """The mention fills the first named cell of a tab-separated row that holds a sum, in a measure
    that pays (按照表1标准给予一次性奖励 above 1 | 制造业单项冠军企业 | 国家级 | 100)."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    row = text[line_start : line_end if line_end >= 0 else len(text)]
    if "\t" not in row:
        return False
    before = text[line_start:at]
    cells_before = before.split("\t")
    if cells_before[-1].strip(' \u3000“"') or any(
        not re.fullmatch(r"\s*\d{0,2}\s*", c) for c in cells_before[:-1]
    ):
        return False  # not at a cell's start, or after a cell that names something
    sums = re.search(r"\t\s*\d+(?:\.\d+)?\s*(?:万元|万)?\s*(?:\t|$)", row)
    return sums is not None and re.search(r"奖励|奖补|补助|资助|给予", text) is not None


def classify(text: str, mention: DesignationMention, field: str, next_start: int | None = None) -> str | None:
    sents = sentences(text)
    s, e = enclosing(sents, mention.start, mention.end)
    sentence = text[s:e]
    cs, ce = enclosing(clauses(text, s, e), mention.start, mention.end)
    before = text[cs : mention.start]
    after = text[mention.end : e]
    if (
        _PLACE_BEFORE.search(before)
        or _PLACE_AFTER.match(after)
        or (_IN_BEFORE.search(before) and _IN_AFTER.match(after))  # 在国家新型工业化产业示范基地中的项目
        or (_MOVES_INTO.search(before) and _A_PLACE.search(mention.name))
    ):
        return None  # 注册在中关村国家自主创新示范区（范围内）: where the applicant is, not a title it holds
    if re.search(r"(?:牵头|组建|联合)(?:组建|成立)?的[“\"]?$", before):
        return None  # 由申报单位牵头的创新联合体: a body the applicant forms, not a title it holds
    if re.search(rf"(?:组建|成立|搭建)[^，。；]{{0,4}}{re.escape(mention.text)}", text[s : mention.start]):
        return None  # 支持企业组建创新联合体，对创新联合体给予…: the body it formed, named again
    if _EXCLUDE.search(before[-12:]) and _BARRED_OBJECT.search(before):
        return None  # 不得申报、推荐和公布为绿色工厂: the title may not be applied for; none is held
    if (
        re.search(r"已(?:获得|获|享受)[^，。；]{0,6}$", before)
        and _MONEY_AFTER.match(after)
        and _EXCLUDE.search(_list_lead(text, s))
    ):
        return None  # 不予受理：…已获得国家级专精特新“小巨人”企业奖励的: the reward received, not the title
    if _EXCLUDE_BEFORE.search(before) or _barred_list(text, s, before, mention.end):
        return "EXCLUDES"
    if _bars(before, after if next_start is None else text[mention.end : next_start]):
        # 已获得支持的“小巨人”企业不再重复支持: the bar is the money received; the title is in passing
        return None if _NOT_A_BAR.search(before) else "EXCLUDES"
    if _PREFER.search(sentence) or _prefers_list(text, s):
        # 对基地内企业创建…省级工业互联网平台…给予优先支持: a title being built, not held;
        # 可优先推荐为国家级大师工作室: the title one may be put forward for, not one held
        if _BUILDS.search(before) or re.search(r"优先(?:推荐|认定|评定|纳入|列入)为[^，。；]{0,6}$", before):
            return None
        return "PREFERS"
    tail = after if next_start is None else text[mention.end : next_start]
    if re.match(r"[\s、和或及与]", tail) or (next_start is not None and not tail.strip()):
        tail = re.sub(r"^[^，。；]*?(?=的)", "", after, count=1)  # 高新技术企业或科技型中小企业的，…: shared
    if _BETTER_TERMS.search(tail) and not re.search(r"(?:被|新|首次)(?:认定|评定|评为|获评)", before):
        # (被认定为国家级…的，奖励金额提高到50万元: an award for becoming it, below)
        return "PREFERS"  # 属于高新技术企业的，贴息比例提高10个百分点: better terms for holders
    if (
        re.search(r"(?:参照|参考|比照|按照|达到)[^，。；]{0,6}$", before)
        and re.match(r"[^，。；]{0,24}?标准", after)
        and not re.match(r"[^，。；]{0,24}?标准[^，。；]{0,6}(?:认定|通过|获批|纳入)", after)
        and "规模以上" not in mention.name  # 首次达到规模以上工业企业标准: becoming one, a status held
    ):
        return None  # 达到国家级绿色工厂、…标准的 / 参照高新技术企业标准: a yardstick, not a title held
    if (
        field == "benefit"
        and not _JOINS.search(before)
        and _RATE.search(after)
        and _beside_a_plain_rate(text, s, e)
    ):
        return "PREFERS"  # 一般项目不超过20％；获评“智能工厂”的…不超过25％: a better rate for holders
    # past the other quoted names of a list: 获“…项目”“…机构”认定的
    after_list = _QUOTED_REST.sub("", after, count=1)
    # 新认定为国家级技术创新示范企业、省级技术创新示范企业的: the list's 的 closes every item
    becomes = re.match(r"[^，。；]{0,4}的|(?:以及|[、和及或与])[^，。；]{2,40}?的", after_list)
    if (
        field == "benefit"
        and becomes
        and re.search(r"认定|评为|获评|列入|入选|获得|获批|获[“\"]|首次纳入", before)
        and re.search(r"奖励|奖补|补助|资助|给予", sentence)
    ):
        return "REQUIRES"  # 企业当年被认定为省级上云标杆企业的，奖励…: money for becoming it
    cell = (
        text[text.rfind("|", s, mention.start) + 1 : mention.start]
        if "|" in text[s : mention.start]
        else None
    )
    if (
        field == "benefit"
        and cell is not None
        and re.search(r"(?:认定为|评为|获评|列入|纳入|入选|获批|获得)[^|，。；]{0,8}$", cell)
        and re.search(r"奖励|奖补|补助|资助|给予", sentence)
    ):
        return "REQUIRES"  # | 首台（套）技术装备 | 列入山东省首台（套）技术装备名单 | 按…给予奖励 |: a row's condition
    if field == "benefit" and _starts_a_paid_row(text, mention.start):
        return "REQUIRES"  # 序号 | 认定类别 | 认定层级 | 奖励金额（万元）: a tier table's row pays its title
    if (
        field == "benefit"
        and becomes
        and re.search(r"对[^，。；]{0,10}(?:成功)?(?:创建|获批建设|建成)[^，。；]{0,6}$", before)
        # 对正在创建/申请创建…的: work toward a title, not one held
        and not re.search(r"(?:正在|积极|申请|拟|争取|筹备|努力|推进|着力)(?:创建|建设)", before)
        and re.search(r"奖励|奖补|补助|资助|给予", sentence)
    ):
        return "REQUIRES"  # 对成功创建国家级制造业创新中心的，给予…: paid once it is one
    if (
        field != "conditions"
        and _CONFERS_TITLE.search(before)
        and re.match(r"[”\"]?(?:称号|荣誉称号|牌匾)", after)
    ):
        return "GRANTS"  # 公示无异议的，授予“北京市技能大师工作室”称号: the process ends in the title
    own_words = after if next_start is None else text[mention.end : next_start]
    if field == "benefit" and _ALREADY_HELD.search(before) and not _DUTY.search(own_words):
        return "REQUIRES"  # 已被认定为创新型中小企业: held already, even among a recognition's articles
    if (
        field == "benefit"
        and _GRANT.search(sentence)
        # 市级企业技术中心此后被认定为湖北省企业技术中心的: the subject is held; the title after the cue is conferred
        and not re.match(r"[^，。；]{0,8}?(?:被|获)?(?:认定为|评为|命名为)", after)
        and not re.search(r"对.{0,20}$", text[s : mention.start])
        and not _ALREADY_HELD.search(before)  # 已被认定为…的，须报送…: a duty of holders
    ):
        return "GRANTS"
    if (
        re.search(r"其中[，,]?[^，。；]{0,8}$", text[s : mention.start])
        and (
            _RELAXED.search(text[mention.end : ce + 12])
            # 其中，省级以上专精特新中小企业按10%给予补助: a rate of its own beside the measure's rate
            or re.search(r"按[^，。；]{0,8}?\d+(?:\.\d+)?\s*[%％]", text[mention.end : ce])
        )
    ):
        return "PREFERS"
    if (
        field in _ELIGIBILITY
        and not re.search(rf"[{CJK}]", before)
        and _THRESHOLD.search(text[mention.end : ce])
        and _THRESHOLD.search(text[s:cs])
    ):
        # 企业年主营收入总额在2000万元以上，高新技术企业年主营收入总额在1000万元以上: its own threshold
        return "PREFERS"
    if (
        field not in _ELIGIBILITY
        and re.search(r"(?:^|[，。；：]|\d[.．、]|对|重点)支持(?:国家|省|市|区|县)?级?(?:以上)?$", before)
        and mention.name.endswith("企业")
        and not re.match(r"[^，。；]{0,2}(?:建设|创建|培育|认定|申报|评定|名单|梯度|发展壮大)", after)
    ):
        return "REQUIRES"  # 1．支持科技型中小企业开展发明专利布局: the holders are who the measure supports
    if field == "benefit" and _holder_subject(text, s, mention):
        return "REQUIRES"  # 省级以上专精特新中小企业获得银行贷款的，按…给予贴息: its holders are paid
    if (_GOAL.search(before) and not _HELD.search(before)) or _TARGET.search(before) or _JOINS.search(before):
        return None  # 支持企业创建…: a goal; but 支持已认定的…骨干企业 pays holders
    if not _EXPLICIT.search(text[s : mention.start]) and _DUTY.search(
        after if next_start is None else text[mention.end : next_start]
    ):
        return None  # 已认定为…企业，必须及时更新年度数据: a duty of holders, not a condition to apply
    if re.match(r"[^，。；]{0,6}可?(?:重新|再次)申报", after):
        return None  # 已认定的省级两化融合试点示范企业可重新申报认定: leave to re-apply, not a condition
    if field in _ELIGIBILITY and _in_categories(sentence, mention.start - s):
        return "CATEGORY"  # 包括省智能制造示范车间、…四类: the kinds of title applied for
    if field in _ELIGIBILITY and _shortcut_before(text, s, mention.start):
        return "PREFERS"
    if field in _ELIGIBILITY:
        if _REQUIRE_CUE.search(before) or re.search(r"资格|资质", text[mention.end : ce]):
            return "REQUIRES"
        if not re.search(rf"[{CJK}]", before) and ce - mention.end <= 6:
            return "LISTED"  # the clause is the title: 申报要求：省级专精特新中小企业 / 1.绿色工厂
        return "MENTIONS"
    if field == "benefit":
        # 对新认定的国家级企业技术中心给予奖励: the reward requires the designation
        lead = text[s : mention.start]
        # 对…国家技术创新示范企业、…，市级产业创新中心、…，给予: the 对 of the sentence opens the whole list
        listed = "对" in lead and not re.search(r"给予|奖励|补助|资助", lead)
        bought = re.search(
            r"(?:购买|采购|使用|租用)[^，。；]{0,6}$", before
        )  # 购买工业互联网平台…服务: a seller
        if (
            (re.search(r"对|获评|获得|认定的|评为|入选", before) or listed)
            and not bought
            and re.search(r"给予|奖励|补助|支持|补贴|贴息|发放", sentence)
        ):
            return "REQUIRES"
        # 省级5G全连接工厂30万元: an amount for holders of the title
        if re.search(r"\d\s*(?:万|亿|元)", text[mention.end : ce]):
            return "REQUIRES"
        return None
    # prose: an explicit cue in the clause, in a sentence about applying
    if _PROSE_REQUIRE.search(before) and re.search(r"申报|申请|推荐|条件|对象|范围", sentence):
        return "REQUIRES"
    if (
        # (对新获评国家级绿色工厂、自治区级绿色工厂的企业: the cue before the list holds for every item)
        _PROSE_REQUIRE.search(text[s : mention.start])
        and re.search(r"对(?:[^，。；、]{0,16}、)*[^，。；、]{0,12}$", text[s : mention.start])
        and re.search(r"给予|奖励|补助|奖补|补贴|资助", sentence)
    ):
        return "REQUIRES"  # 对获评国家级绿色工厂的企业给予一次性奖励30万元: money for holders
    if _scope_item(text, s, before, ce - mention.end):
        return "LISTED"  # 申报范围：…11.省级工业互联网平台；12.省级上云标杆企业: the scope is the title
    return None


# 对符合以下条件之一的予以优先资助：（1）…；（2）国家知识产权示范企业…: a lead that prefers every item
_LIST_LEAD = re.compile(r"(?:以下|下列|如下)[^。；：:\n]{0,16}[：:]\s*$")


_ITEM = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]|[①-⑳]|[一二三四五六七八九十]{1,3}、)"
)
_LEAD_REACH = 400  # characters back to look for the lead: a list of a few items


def _list_lead(text: str, sentence_start: int) -> str:
    """The lead of the list the sentence is an item of (…以下条件之一的予以优先支持：), or "": the
    sentence and every line between it and the lead start with an item marker ((1), 2., ①)."""
    window = text[max(0, sentence_start - _LEAD_REACH) : sentence_start]
    colon = max(window.rfind("："), window.rfind(":"))
    if colon < 0 or not _ITEM.match(text, sentence_start):
        return ""
    between = [line for line in window[colon + 1 :].split("\n") if line.strip()]
    if not all(_ITEM.match(line) for line in between):
        return ""  # the list ended before this sentence
    lead_start = max(window.rfind("。", 0, colon), window.rfind("\n", 0, colon - 1)) + 1
    lead = window[lead_start : colon + 1]
    return lead if _LIST_LEAD.search(lead) else ""


def _prefers_list(text: str, sentence_start: int) -> bool:
    return bool(_PREFER.search(_list_lead(text, sentence_start)))


_MONEY_AFTER = re.compile(r"[^，。；]{0,4}(?:奖励|奖补|资金|补助|补贴|支持)")


def _barred_list(text: str, sentence_start: int, before: str, mention_end: int) -> bool:
    """有下列情形之一的，不予受理：（一）已认定为国家企业技术中心的: a held title the lead bars."""
    held = re.search(r"已(?:被|经)?(?:认定|评定|获评|获批|获得|列入|入选)", before)
    if held is None or _MONEY_AFTER.match(text[mention_end:]):
        return False  # 已获得国家级专精特新“小巨人”企业奖励的: the reward received, not the title
    return bool(_EXCLUDE.search(_list_lead(text, sentence_start)))


def _scope_item(text: str, sentence_start: int, before: str, rest: int) -> bool:
    """An item of a scope list (申报范围：1.…；2.…) that is the title alone."""
    if rest > 6 or re.search(rf"[{CJK}]", _level_words().sub("", before)):
        return False
    window = text[max(0, sentence_start - 300) : sentence_start]
    lead = list(_SCOPE_LEAD.finditer(window))
    return bool(lead) and not re.search(r"[：:]", window[lead[-1].end() :])


_SCOPE_LEAD = re.compile(r"(?:申报|支持|奖励|奖补)(?:范围|对象)[：:]")


def _own_words_end(text: str, m: DesignationMention, mentions: list[DesignationMention]) -> int | None:
    """Where the words about `m` end: at the next title unless only a list separator comes between
    (新认定的省级企业技术中心（已认定为国家级企业技术中心的除外）: the bar is the second one's)."""
    later = [o.start for o in mentions if o.start >= m.end]
    if not later:
        return None
    nxt = min(later)
    between = _level_words().sub("", text[m.end : nxt])  # 、省级: a level word starts the next item
    return None if _LIST_GLUE.fullmatch(between) else nxt


_LIST_GLUE = re.compile(r"[\s、，,和或及与/“”\"（）()含级以上]*")
_TIGHT_GLUE = re.compile(r"[\s、“”\"]*")
_LATER_LEVEL = re.compile(r"[，,；;]\s*(?:国家|省|市|区|县)级")


def _contrasted(text: str, previous: DesignationMention, m: DesignationMention) -> bool:
    """国家技术创新示范企业、工程研究中心…，市级产业创新中心: a bare 国家 heads a list that a later
    level word closes, so its items share it."""
    if not _TIGHT_GLUE.fullmatch(text[previous.end : m.start]):
        return False
    end = text.find("。", m.end)
    return bool(_LATER_LEVEL.search(text[m.end : end if end >= 0 else len(text)]))


def classify_all(text: str, mentions: list[DesignationMention], field: str) -> list[DesignationRelation]:
    sents = sentences(text)
    out = []
    previous: DesignationMention | None = None
    graded = False  # the level of `previous` was stated with a 级 word (or shared with it)
    for m in mentions:
        if m.in_title or re.match(r"\s*[（(](?:现名|原名|现称)", text[m.end : m.end + 4]):
            continue  # 获批省级专精特新“小巨人”企业（现名：专精特新中小企业）: the current name counts
        listed = re.match(r"\s*(?:名录|名单)", text[m.end :]) and re.search(
            r"(?:入选|列入|纳入)[^，。；]{0,12}$", text[: m.start]
        )  # 入选工业和信息化部5G工厂名录的企业: the list of the title's holders
        if _NOT_THE_TITLE.match(text[m.end : m.end + 6]) and not listed:
            continue  # 中小企业公共服务示范平台专项资金: the name of a fund, not the title
        if (
            m.level is None
            and m.default_level is None  # 国家高新技术企业或专精特新中小企业: the lexicon's level holds
            and previous is not None
            and previous.level is not None
            and (graded or _contrasted(text, previous, m))
            and enclosing(sents, previous.start, previous.end) == enclosing(sents, m.start, m.end)
        ):
            # 省级制造业单项冠军企业20万元、…、企业工业设计中心20万元: the list's level carries on
            m = replace(m, level=previous.level, levels=previous.levels)
        elif m.level is not None:
            # a 级 word states a level for a list; 国家高新技术企业 is only the title's usual name
            phrase = level_before(text, m.start)
            # so does 经国家、天津市认定的 before a list: the 的 governs every item after it
            words = text[phrase.start : phrase.end] if phrase else ""
            # (河南省首台（套）重大技术装备、首批次新材料: a province's name does too)
            graded = (
                bool(re.search(r"级|[\u4e00-\u9fff]{2,}(?:省|自治区)$|的(?:\d{4}年度?|第.批)*[“\"]?$", words))
                if phrase
                else graded
            )
        previous = m
        kind = classify(text, m, field, _own_words_end(text, m, mentions))
        if kind is not None:
            s, e = enclosing(sents, m.start, m.end)
            explicit = (kind == "REQUIRES" and bool(_EXPLICIT.search(text[s : m.start]))) or (
                kind == "GRANTS" and bool(_CONFERS_TITLE.search(text[s : m.start]))
            )
            out.append(DesignationRelation(kind, m, (s, e), explicit))
    return out


class RelationClassifier:
    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = classify_all(doc_text(doc), doc._.designations, context_of(doc).field)
        return doc


if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=[])


@Language.factory("policykg_relations", requires=["doc._.designations"], assigns=["doc._.relations"])
def make_relation_classifier(nlp: Language, name: str) -> RelationClassifier:
    return RelationClassifier()
