"""Level phrases before a designation: 国家级, 省级（含）以上, 江苏省, 市级或省级 ...

`level_before(text, start)` reads the words right before a mention; the component also lists every
level phrase in `doc._.levels` for inspection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.context import doc_text
from extraction.lexicons import designations, regions
from schema.ontology import ONTOLOGY


@dataclass(frozen=True)
class LevelPhrase:
    start: int
    end: int
    level: str  # the lowest level the phrase names
    at_least: bool  # 以上: that level or higher
    levels: tuple[str, ...] = ()  # every level an enumeration names (国家、省: national, provincial)


@cache
def _word_levels() -> dict[str, str]:
    words = dict(designations().level_words)
    for name, region in regions().by_name.items():
        # 北京市, 上海市 …: province-level cities call their own titles 市级 (北京市企业技术中心)
        city_province = region.level == "provincial" and region.name.endswith("市")
        words.setdefault(name, "municipal" if city_province else region.level)
    return words


_BRACKETED_LEVEL = r"[（(][^）)含]{1,6}[)）]级"


@cache
def _phrase_pattern() -> re.Pattern[str]:
    words = sorted(_word_levels(), key=len, reverse=True)
    # 区 and 县 alone name a district only inside an enumeration (省、市、区认定的); elsewhere they
    # are parts of names (区块链, 县域经济).
    word = "|".join(re.escape(w) for w in words) + r"|(?<=[、和或及与])[区县](?:[（(][区县][)）])?"
    # 县（市、区）级, 区（行业）级: a level with its equals in brackets
    word += rf"|[省市区县](?={_BRACKETED_LEVEL})"
    glue = rf"[、，,和或及与/\s“”\"]|级|[（(]含[^）)]{{0,4}}[)）]|{_BRACKETED_LEVEL}|以上|以下"
    # 经省、市、区相关部门认定的: who recognised it, between the levels and the title
    # 经省级以上工业和信息化主管部门认定的: the ministry's field may stand before 主管部门
    authority = r"(?:(?:相关|有关)?(?:行业)?(?:[\u4e00-\u9fff]{0,8}?主管)?(?:部门|机构|机关))?"
    # a run of level words and glue that ends right where the mention starts
    return re.compile(rf"(?:(?:{word})(?:{glue})*)+(?:的|{authority}(?:认定|评定)的)?[“\"]?$")


@cache
def _word_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(_word_levels(), key=len, reverse=True)))


def lowest(levels: list[str]) -> str:
    return min(levels, key=ONTOLOGY.level_rank)


# 工业和信息化部公布的2025年度绿色工厂, 经广东省工业和信息化厅认定为首台（套）…: who published the
# list or recognised it gives its level
_PUBLISHER = re.compile(
    r"(?:(?P<national>工业和信息化部|工信部|国家发展改革委|国家发展和改革委员会|科技部|科学技术部|商务部|财政部)"
    r"|(?P<provincial>省工业和信息化厅|省工信厅|省经济和信息化厅|省经信厅|省科技厅|省科学技术厅))"
    r"(?:办公厅)?(?:(?:公布|认定|发布|评定|命名|确定)的(?:\d{4}年度?|第.批)*|(?:认定|评定|确定|列)为)?[“\"]?$"
)


def level_before(text: str, start: int, window: int = 18) -> LevelPhrase | None:
    """The level phrase that ends at `start`, if any."""
    lo = max(0, start - window)
    m = _phrase_pattern().search(text[lo:start])
    if m is None:
        p = _PUBLISHER.search(text[max(0, start - 30) : start])
        if p is None:
            return None
        level = "national" if p.group("national") else "provincial"
        a = max(0, start - 30) + p.start()
        return LevelPhrase(a, start, level, False, (level,))
    phrase = re.sub(_BRACKETED_LEVEL, "级", m.group())  # 县（市、区）级 is 县级, its equals aside
    found = [_word_levels()[w.group()] for w in _word_pattern().finditer(phrase)]
    if re.search(r"[、和或及与][区县]", phrase):
        found.append("district")
    if not found:
        return None
    # 国家级或省级: either will do, so the lowest named is a minimum;
    # 省级（含）以上, 经省、市、区（相关部门）认定的: one minimum, not an enumeration of titles
    # but 国家级或省级…，分别给予100万元、50万元: each level is paid its own amount, so both are named
    either = "或" in phrase and "分别" not in re.split(r"[。；;\n]", text[start : start + 60], maxsplit=1)[0]
    minimum = "以上" in phrase or either or bool(re.search(r"(?:认定|评定)的", phrase))
    named = (lowest(found),) if minimum else tuple(dict.fromkeys(found))
    return LevelPhrase(lo + m.start(), start, lowest(found), minimum or len(named) > 1, named)


def level_word(word: str) -> str | None:
    """The level a word names by itself (国家级, 省级, 自治区级 …), or None."""
    return _word_levels().get(word)


def level_in(text: str) -> str | None:
    """The highest level a short text (a title) names first: 国家级专精特新... -> national."""
    m = _word_pattern().search(text)
    return _word_levels()[m.group()] if m else None


class LevelRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        out = []
        text = doc_text(doc)
        for m in _word_pattern().finditer(text):
            tail = text[m.end() : m.end() + 6]
            out.append(LevelPhrase(m.start(), m.end(), _word_levels()[m.group()], "以上" in tail))
        doc._.levels = out
        return doc


if not Doc.has_extension("levels"):
    Doc.set_extension("levels", default=[])


@Language.factory("policykg_levels")
def make_level_recognizer(nlp: Language, name: str) -> LevelRecognizer:
    return LevelRecognizer()
