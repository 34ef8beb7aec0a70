"""Document numbers (文号: 苏工信综合〔2024〕102号, brackets 〔〕[]()（）【】 normalised to 〔〕) and
cited policy titles (《...》 with the 文号 that follows them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.clauses import CJK
from extraction.components.context import doc_text
from extraction.components.departments import DepartmentMention, find_departments
from extraction.lexicons import doc_numbers, regions

_DOCNUM = re.compile(
    rf"(?P<prefix>[{CJK}A-Za-z]{{1,16}}?)\s*[〔\[\(（【]\s*(?P<year>(?:19|20)\d{{2}})\s*[〕\]\)）】]\s*"
    r"第?\s*(?P<no>\d{1,5})\s*号"
)
_LEAD = re.compile(r"^(?:根据|按照|依据|印发|详见|参照|关于|依照|见|和|及|与|文件|通知)+")
_TITLE = re.compile(r"《(?P<title>[^《》\n]{3,160})》")


@dataclass(frozen=True)
class DocNumber:
    start: int
    end: int
    text: str
    normalised: str


@dataclass(frozen=True)
class PolicyRef:
    start: int
    end: int
    title: str  # without 《》; inner 〈〉/<> kept as printed
    doc_number: str | None


def normalise_doc_number(prefix: str, year: str, number: str) -> str:
    return f"{prefix}〔{year}〕{int(number)}号"


def find_doc_numbers(text: str) -> list[DocNumber]:
    out = []
    for m in _DOCNUM.finditer(text):
        prefix = _LEAD.sub("", m.group("prefix"))
        if not prefix:
            continue
        start = m.start("prefix") + (len(m.group("prefix")) - len(prefix))
        out.append(
            DocNumber(
                start,
                m.end(),
                text[start : m.end()],
                normalise_doc_number(prefix, m.group("year"), m.group("no")),
            )
        )
    return out


def find_policy_refs(text: str) -> list[PolicyRef]:
    """Each 《title》, with the 文号 printed right after it (within a bracket) if any."""
    numbers = find_doc_numbers(text)
    out = []
    for m in _TITLE.finditer(text):
        title = re.sub(r"\s+", "", m.group("title"))
        after = [n for n in numbers if m.end() <= n.start <= m.end() + 3]
        number = after[0] if after else None
        end = number.end if number else m.end()
        if number and end < len(text) and text[end] in ")）":
            end += 1
        out.append(PolicyRef(m.start(), end, title, number.normalised if number else None))
    return out


def issuer_of(doc_number: str) -> DepartmentMention | None:
    """The body a 文号 prefix names: 苏工信综合〔2024〕102号 -> 江苏省工业和信息化厅,
    工信部联科〔2024〕12号 -> 工业和信息化部, 鄂州经信发〔2023〕6号 -> 鄂州市经济和信息化局."""
    table = doc_numbers()
    prefix = doc_number.split("〔", 1)[0]
    for code in sorted(table.national, key=len, reverse=True):
        if prefix.startswith(code):
            found = find_departments(table.national[code])
            return found[0] if found else None
    region = None
    for name, r in regions().by_name.items():  # a city's short name first: 鄂州 before 鄂
        if r.level == "municipal" and name == r.short and prefix.startswith(name):
            region, rest = r, prefix[len(name) :]
            break
    if region is None and prefix[:1] in table.provinces:
        region, rest = regions().get(table.provinces[prefix[:1]]), prefix[1:]
    if region is None:
        return None
    for code in sorted(table.bodies, key=len, reverse=True):
        if rest.startswith(code):
            found = find_departments(region.name + table.bodies[code])
            return found[0] if found else None
    return None


class DocNumberRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc._.doc_numbers = find_doc_numbers(text)
        doc._.policy_refs = find_policy_refs(text)
        return doc


for _name in ("doc_numbers", "policy_refs"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=[])


@Language.factory("policykg_docnumbers")
def make_doc_number_recognizer(nlp: Language, name: str) -> DocNumberRecognizer:
    return DocNumberRecognizer()
