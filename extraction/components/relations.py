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
from extraction.components.designations import DesignationMention

_EXCLUDE = re.compile(
    r"不再推荐|不得[^，。；]{0,4}申报|不予推荐|不再[^，。；]{0,4}申报|不能申报|不予受理|不予支持|不再支持|不纳入|不得推荐|"
    r"不再重复|不重复支持|不列入|不可申报|不得重复|除外|不属于申报范围|无需申报|不在.{0,6}支持范围"
)
_PREFER = re.compile(
    r"优先|直通车|直通|同等条件下|倾斜|加分|直接推荐|直接认定|免于|免予|重点支持|重点推荐|重点扶持|适当放宽|可放宽"
)
_GRANT = re.compile(r"授予|授牌|称号|牌匾|命名为|认定为|评为|认定一批|遴选一批|培育一批|公布名单")
_REQUIRE_STRONG = re.compile(
    r"须为|须是|必须为|必须是|应为|应是|应当为|需为|需是|已认定|已获|已被|已经认定|获批|获评|获得|认定的|评定的|"
    r"申报主体|申报单位|限|属于|入选|列入|入库|取得|持有|具备|是.{0,12}$|为.{0,12}$"
)
# conditions that ask the applicant to hold a title: the cue sits before the title in its clause
_REQUIRE_CUE = re.compile(
    r"须|应|必须|需|已|获|认定|评为|评定|入选|列入|具有|具备|拥有|取得|持有|属于|是|为|限|经|申报主体|申报单位|申报企业|"
    r"对象|范围|主体"
)
# 年主营业务收入不低于2亿元（其中高新技术企业不低于1亿元）: a relaxed threshold is a preference
_RELAXED = re.compile(r"不低于|不少于|放宽|降低|可适当")
_PROSE_REQUIRE = re.compile(
    r"须为|须是|必须为|必须是|应为|应是|应当为|需为|需是|已认定|已获|已被认定|获批|获评|认定的|评定的|申报主体为|"
    r"申报主体应|申报单位为|申报对象为|支持对象为|对象为"
)
# 评价得分达到60分以上，或满足下列条件之一：…获得高新技术企业…: a shortcut past the score, a preference
_SHORTCUT = re.compile(r"或满足(?:下列|以下|如下)条件之一|或符合(?:下列|以下)条件之一|直通条件|创新直通")
# 专精特新中小企业能力提升, …专项资金: the title names a project or a fund here, not a holder
_NOT_THE_TITLE = re.compile(
    r"\s*(?:专项资金|资金|培育库|能力提升|发展规划|建设工作|培育工作|认定工作|认定管理|梯度培育|数量|比例|占比)"
)
_EXPLICIT = re.compile(
    r"须为|须是|必须为|必须是|应为|应是|应当为|需为|需是|申报主体为|申报主体应|申报单位为|限"
)
_GOAL = re.compile(
    r"争创|自建|建立|设立|建设|组建|培育|打造|鼓励|引导|推动|力争|创建|成为|争取|提升为|升级为|"
    r"支持(?!对象|范围|条件)|围绕|衡量|考核|统计"
)
_ELIGIBILITY = ("conditions",)


@dataclass(frozen=True)
class DesignationRelation:
    # REQUIRES | PREFERS | EXCLUDES | GRANTS; in conditions also LISTED (a title alone in its clause:
    # required by a funding program, conferred by a recognition) and MENTIONS (named without a cue)
    type: str
    mention: DesignationMention
    sentence: tuple[int, int]  # [start, end) in the doc text: the evidence
    explicit: bool = False  # REQUIRES stated with 须为 / 申报主体为 …: wins over a title's GRANTS


def _shortcut_before(text: str, sentence_start: int, start: int) -> bool:
    """A shortcut list (或满足下列条件之一：) opened shortly before, and no other list since."""
    window = text[max(0, sentence_start - 200) : start]
    found = list(_SHORTCUT.finditer(window))
    return bool(found) and not re.search(r"一般性条件|基本条件|同时满足", window[found[-1].end() :])


def classify(text: str, mention: DesignationMention, field: str) -> str | None:
    sents = sentences(text)
    s, e = enclosing(sents, mention.start, mention.end)
    sentence = text[s:e]
    cs, ce = enclosing(clauses(text, s, e), mention.start, mention.end)
    before = text[cs : mention.start]
    after = text[mention.end : e]
    if _EXCLUDE.search(after[:40]) or _EXCLUDE.search(before[-12:]):
        return "EXCLUDES"
    if _PREFER.search(sentence):
        return "PREFERS"
    if (
        field == "benefit"
        and _GRANT.search(sentence)
        and not re.search(r"对.{0,20}$", text[s : mention.start])
    ):
        return "GRANTS"
    if re.search(r"其中[^，。；]{0,3}$", before) and _RELAXED.search(text[mention.end : ce + 12]):
        return "PREFERS"
    if _GOAL.search(before):
        return None
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
        if re.search(r"对|获评|获得|认定的|评为|入选", before) and re.search(
            r"给予|奖励|补助|支持", sentence
        ):
            return "REQUIRES"
        # 省级5G全连接工厂30万元: an amount for holders of the title
        if re.search(r"\d\s*(?:万|亿|元)", text[mention.end : ce]):
            return "REQUIRES"
        return None
    # prose: an explicit cue in the clause, in a sentence about applying
    if _PROSE_REQUIRE.search(before) and re.search(r"申报|申请|推荐|条件|对象|范围", sentence):
        return "REQUIRES"
    return None


def classify_all(text: str, mentions: list[DesignationMention], field: str) -> list[DesignationRelation]:
    sents = sentences(text)
    out = []
    previous: DesignationMention | None = None
    for m in mentions:
        if m.in_title or re.match(r"\s*[（(](?:现名|原名|现称)", text[m.end : m.end + 4]):
            continue  # 获批省级专精特新“小巨人”企业（现名：专精特新中小企业）: the current name counts
        if _NOT_THE_TITLE.match(text[m.end : m.end + 6]):
            continue  # 中小企业公共服务示范平台专项资金: the name of a fund, not the title
        if (
            m.level is None
            and previous is not None
            and previous.level is not None
            and enclosing(sents, previous.start, previous.end) == enclosing(sents, m.start, m.end)
        ):
            # 省级制造业单项冠军企业20万元、…、企业工业设计中心20万元: the list's level carries on
            m = replace(m, level=previous.level, levels=previous.levels)
        previous = m
        kind = classify(text, m, field)
        if kind is not None:
            s, e = enclosing(sents, m.start, m.end)
            explicit = kind == "REQUIRES" and bool(_EXPLICIT.search(text[s : m.start]))
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
