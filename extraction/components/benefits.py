"""Benefits a program gives: a type from the benefit lexicon, the largest amount it grants (in
万元) and a rate, read clause by clause.

A sentence that grants several amounts (国家级奖励 100 万元，省级奖励 50 万元) gives one benefit
per comma clause; otherwise the sentence is one benefit. "给予一定资金支持" is a grant without an
amount. Honours (授予……称号) are not benefits: the relation step reads them as GRANTS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.amounts import Amount, find_amounts, find_rates
from extraction.components.clauses import sentences
from extraction.components.context import context_of, doc_text
from extraction.components.designations import find_designations
from extraction.lexicons import benefits as benefit_table
from extraction.lexicons import cues

_CUES = cues("benefits")  # cues.yaml
# an amount for holding a title or reaching a result (首次突破5亿元) is a reward
_HOLDER = _CUES["holder"]
_HONOUR_ONLY = _CUES["honour_only"]
# prose must say that something is given, not only name money
_GIVES = _CUES["gives"]
_NO_MONEY = re.compile(
    r"不设[^，。；]{0,4}(?:奖励|资金|补助|奖补)|不(?:给予|安排)[^，。；]{0,4}(?:资金|奖励)"
)


# a numbered heading alone (三、强化金融支持 / 第五条【鼓励企业贷款贴息】), with no word that gives
_HEADING = re.compile(
    r"(?:第[一二三四五六七八九十百\d]+条|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])"
    r"\s*(?!.*(?:给予|予以|享受|可获|安排))[^，,。；;：:]{2,20}"
)


@dataclass(frozen=True)
class BenefitMention:
    start: int
    end: int
    text: str
    type: str
    amount_max_wan: float | None
    rate: float | None


# 按实际支付保费的80%给予补贴: a share of an insurance premium paid back (not 担保费, a guarantee's fee)
_PREMIUM_PAID = re.compile(r"(?<!担)(?:保费|保险费)[^，。；,;]{0,12}(?:补贴|补助|资助)")
_PAID_FOR_IT = re.compile(r"给予[^，。；]{0,8}(?:补贴|补助|资助)")
# 模型券, 语料券: a voucher of any kind the lexicon does not list (证券, 债券 are no vouchers)
_ANY_VOUCHER = re.compile(r"(?<=[\u4e00-\u9fff])(?<![证债彩奖])券")


def benefit_type(text: str) -> str | None:
    table = benefit_table()
    if _ANY_VOUCHER.search(text):
        return "voucher"
    if _PREMIUM_PAID.search(text):
        return "insurance_subsidy"
    for name, words in table.types:
        if any(w in text for w in words):
            if name == "other" and _PAID_FOR_IT.search(text):
                return "grant"  # 按其减免房租金额的50%给予补贴: money paid for a rent waived
            return name
    if any(w in text for w in table.other):
        return "other"
    return None


def _amount(amounts: list[Amount]) -> float | None:
    # the stated maximum when there is one (最高不超过10万元（苏北五市14万元） is 10), else the largest
    granted = [a for a in amounts if not a.threshold]
    pool = [a for a in granted if a.cap] or granted
    return max(a.wan for a in pool) if pool else None


def find_benefits(text: str, prose: bool = False, bare: str = "grant") -> list[BenefitMention]:
    """Benefits in `text`; `prose` asks for stronger evidence (free text, not a benefit field).

    `bare` is the type of an amount printed without a benefit word ("100万元"): a reward on a
    recognition program, a grant otherwise.
    """
    out: list[BenefitMention] = []
    amounts, rates = find_amounts(text), find_rates(text)
    titles = find_designations(text)
    for s, e in sentences(text):
        inside = [a for a in amounts if s <= a.start < e and not a.threshold]
        if any(not a.per_unit for a in inside):
            # （扶持金额每月每平方米最高 50 元）…每家每年最高 50 万元: the sum is the benefit, the rate
            # per unit how it is counted
            inside = [a for a in inside if not a.per_unit]
        sentence_type = benefit_type(text[s:e])
        parts = [(s, e)]
        if len(inside) > 1:
            parts = _split(text, s, e, inside)
        for a, b in parts:
            piece = text[a:b]
            # 省级5G全连接工厂30万元: an amount for holding a title is a reward
            # (the list's head names the titles: 试点示范企业：…智能制造 30 万元)
            named = any(s <= d.start < b for d in titles)
            holder = "reward" if named or _HOLDER.search(text[s:b]) else None
            # a bracketed heading (【支持企业上云】) names the measure, not this benefit's type
            kind = benefit_type(piece[piece.rfind("】") + 1 :]) or holder or sentence_type
            money = [x for x in amounts if a <= x.start < b and (x in inside or x.threshold)]
            if kind == "interest_subsidy":
                # 贷款额度最高不超过2000万元 sizes the loan, not the subsidy
                money = [x for x in money if "贷款" not in text[max(0, x.start - 12) : x.start]]
            rate = next((r.percent for r in rates if a <= r.start < b), None)
            amount = _amount(money)
            if kind is None and out and _caps_the_last(out[-1], text[out[-1].end : a], money):
                # 按LPR的50%给予贴息 / 📌每家企业每年最高50万元: a bare cap on the next line bounds the
                # benefit above it
                out[-1] = replace(out[-1], end=b, text=text[out[-1].start : b], amount_max_wan=amount)
                continue
            if kind is None:
                if amount is None or prose:
                    continue
                kind = bare
            if amount is None and rate is None and _HONOUR_ONLY.search(piece) and not _GIVES.search(piece):
                continue
            if amount is None and rate is None and _NO_MONEY.search(piece):
                continue  # 本事项不设资金奖励: a title and nothing paid
            if (
                amount is None
                and rate is None
                and _HEADING.fullmatch(piece.strip())
                and benefit_type(piece.replace("支持", "")) is None
            ):
                continue  # 三、强化金融支持: a measure's heading names its aim, it gives nothing
            if prose and not (_GIVES.search(piece) and (amount is not None or rate is not None)):
                continue
            out.append(BenefitMention(a, b, piece, kind, amount, rate))
    return out


def _caps_the_last(last: BenefitMention, gap: str, money: list[Amount]) -> bool:
    return (
        last.amount_max_wan is None
        and bool(money)
        and all(x.cap for x in money)
        and not re.sub(r"[\W_]", "", gap)  # only breaks, stops and bullets between
    )


def _list_items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Clauses cut at commas and 、 (a list of amounts: 智能制造 30 万元、服务型制造 30 万元)."""
    return [(s + a, s + b) for a, b in _pieces_of(text[s:e])]


def _pieces_of(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"[，,、；;\t]+", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _split(text: str, s: int, e: int, inside: list[Amount]) -> list[tuple[int, int]]:
    """Comma clauses, each holding at most one granted amount; clauses without one join the next."""
    out: list[tuple[int, int]] = []
    start = None
    for a, b in _list_items(text, s, e):
        start = a if start is None else start
        if any(a <= x.start < b for x in inside):
            out.append((start, b))
            start = None
    if start is not None and out:
        out[-1] = (out[-1][0], e)
    return out or [(s, e)]


class BenefitRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        prose = context_of(doc).field not in ("benefit",)
        doc._.benefits = find_benefits(doc_text(doc), prose=prose)
        return doc


if not Doc.has_extension("benefits"):
    Doc.set_extension("benefits", default=[])


@Language.factory("policykg_benefits")
def make_benefit_recognizer(nlp: Language, name: str) -> BenefitRecognizer:
    return BenefitRecognizer()
