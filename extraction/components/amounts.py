"""Money amounts (万元 / 亿元 / 元, in Arabic or Chinese numerals) and rates (10%, 百分之十).

Every amount is converted to 万元. An amount is a `cap` when the text bounds it (最高, 不超过,
上限 ...) and a `threshold` when it is a condition on the applicant (投资 5000 万元以上), which is
not what the program gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.context import doc_text
from extraction.lexicons import cues
from extraction.numerals import chinese_integer

_NUM = r"\d+(?:[.,]\d+)*|[零〇一二两三四五六七八九十百千]+"
_AMOUNT = re.compile(
    rf"(?:(?P<lo>{_NUM})\s*(?:万元|亿元|万|亿)?\s*[-—–~～至到]\s*)?(?P<num>{_NUM})\s*"
    r"(?P<unit>万元|亿元|元|万(?=[，。；、,;\s)）/]|$)|亿(?=[，。；、,;\s)）/]|$))"
)
_RATE = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*[%％]|百分之(?P<cn>[零一二两三四五六七八九十百]+)")
_CUES = cues("amounts")  # cues.yaml
_CAP_BEFORE = re.compile(rf"({_CUES['cap'].pattern})[^，。；]{{0,8}}$")
_THRESHOLD_BEFORE = re.compile(rf"(?<!不)({_CUES['threshold'].pattern})[^，。；给予奖补]{{0,10}}$")
_THRESHOLD_AFTER = re.compile(
    r"^\s*(（含）|\(含\))?\s*(及)?以上|^\s*(以下|以内的企业|的(企业|项目|单位))"
    # 单户1000万元（含）以下贷款担保: the size of what is insured or lent, not a sum paid
    r"|^\s*(（含）|\(含\))\s*以下(?:的)?(?:贷款|担保|融资|项目|企业)"
)
# 按每新增1亿元奖励10万元: the step the reward is counted in, not a sum paid
_PER_STEP = re.compile(r"每(?:新增|增加|多|超过|达到)?$")
_RATE_CUE = _CUES["rate_cue"]
_RATE_NOT = re.compile(rf"({_CUES['rate_not'].pattern})[^，。；]{{0,12}}$")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    wan: float  # the upper bound, in 万元
    cap: bool
    threshold: bool
    per_unit: bool = False  # 每平方米最高50元, 10元/公斤: a rate per unit of something, not a sum


@dataclass(frozen=True)
class Rate:
    start: int
    end: int
    text: str
    percent: float


def cn_number(text: str) -> float:
    """Arabic (1,000 / 2.5) or Chinese (二百, 一千五百, 十) numerals."""
    if re.fullmatch(r"\d+(?:[.,]\d+)*", text):
        return float(text.replace(",", "")) if text.count(".") <= 1 else float(text.replace(".", ""))
    return float(chinese_integer(text))


def to_wan(value: float, unit: str) -> float:
    if unit.startswith("亿"):
        return value * 10000
    if unit == "元":
        return value / 10000
    return value


def find_amounts(text: str) -> list[Amount]:
    out = []
    for m in _AMOUNT.finditer(text):
        before = text[max(0, m.start() - 16) : m.start()]
        after = text[m.end() : m.end() + 8]
        value = to_wan(cn_number(m.group("num")), m.group("unit"))
        out.append(
            Amount(
                m.start(),
                m.end(),
                m.group(),
                round(value, 4),
                bool(_CAP_BEFORE.search(before)) or after.lstrip().startswith(("以内", "以下")),
                bool(
                    _THRESHOLD_BEFORE.search(before)
                    or _THRESHOLD_AFTER.search(after)
                    or _PER_STEP.search(before)
                )
                and not _CAP_BEFORE.search(before),
                bool(_PER_BEFORE.search(before) or _PER_AFTER.match(after)),
            )
        )
    out.extend(_column_amounts(text))
    out.sort(key=lambda a: a.start)
    # 销售首次超过5000 万元、1亿元、5 亿元的: the items of a list of thresholds are thresholds
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if prev.threshold and not cur.cap and _LIST_GAP.fullmatch(text[prev.end : cur.start]):
            out[i] = replace(cur, threshold=True)
    return out


# 奖励金额（万元） / 补助标准(元): a table column whose header gives the unit of the bare numbers below it
_COLUMN_UNIT = re.compile(r"[（(](万元|亿元|元)[)）]")
_BARE_NUMBER = re.compile(r"\s*(\d+(?:\.\d+)?)\s*")


def _column_amounts(text: str) -> list[Amount]:
    """Bare numbers in a tab-separated table's column whose header names the unit (序号 | 认定类别 |
    奖励金额（万元） above 1 | 制造业单项冠军企业 | 100): amounts in that unit."""
    out: list[Amount] = []
    columns: dict[int, str] = {}
    pos = 0
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) < 2:
            columns = {}
        elif any(_COLUMN_UNIT.search(c) for c in cells):
            columns = {k: m.group(1) for k, c in enumerate(cells) if (m := _COLUMN_UNIT.search(c))}
        else:
            at = pos
            for k, cell in enumerate(cells):
                m = _BARE_NUMBER.fullmatch(cell)
                if k in columns and m is not None:
                    a, b = at + m.start(1), at + m.end(1)
                    out.append(
                        Amount(a, b, text[a:b], round(to_wan(float(m.group(1)), columns[k]), 4), False, False)
                    )
                at += len(cell) + 1
        pos += len(line) + 1
    return out


_LIST_GAP = re.compile(r"\s*[、和或及]\s*")
# per physical unit (每平方米, 元/公斤), not per company or per project, which is what a cap counts in
_UNIT = r"(?:平方米|平米|㎡|公斤|千克|吨|亩|千瓦时|千瓦|兆瓦|瓦|度|立方米)"
_PER_BEFORE = re.compile(rf"每{_UNIT}[^，。；、\d]{{0,6}}$")
_PER_AFTER = re.compile(rf"\s*[/每]\s*{_UNIT}")


def find_rates(text: str) -> list[Rate]:
    out = []
    for m in _RATE.finditer(text):
        before = text[max(0, m.start() - 24) : m.start()]
        after = text[m.end() : m.end() + 6]
        if not _RATE_CUE.search(before) or _RATE_NOT.search(before) or "以上" in after[:3]:
            continue
        value = float(m.group("num")) if m.group("num") else cn_number(m.group("cn"))
        out.append(Rate(m.start(), m.end(), m.group(), value))
    return out


class AmountRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc._.amounts = find_amounts(text)
        doc._.rates = find_rates(text)
        return doc


for _name in ("amounts", "rates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=[])


@Language.factory("policykg_amounts")
def make_amount_recognizer(nlp: Language, name: str) -> AmountRecognizer:
    return AmountRecognizer()
