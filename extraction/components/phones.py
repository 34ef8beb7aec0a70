"""Contact offices and their phone numbers.

One cell or sentence may hold several office/phone pairs ("市工信局综合规划处 83735577；技术创新处
80801826；市财政局工贸处 83736166"): each office is the text before its numbers; an office named
without its body (技术创新处) belongs to the body named last. Numbers keep their printed form and get
a normalised one with the area code: printed, else the office's region's, else the document's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.clauses import CJK
from extraction.components.context import Context, context_of, doc_text
from extraction.components.departments import DepartmentMention, find_departments
from extraction.lexicons import departments, regions

_PHONE = re.compile(
    r"(?<![\d\-－])(?:[（(]?(?P<area>0\d{2,3})[)）]?\s*[-－—–]?\s*)?(?P<num>(?:1[3-9]\d{9})|(?:[2-9]\d{6,7}))"
    r"(?:\s*(?:[-－]|转)\s*(?P<ext>\d{1,5}))?(?![\d])"
)
_GROUP_GLUE = re.compile(r"^[\s、,，/或和及;；]*$")
_CUE = re.compile(r"电话|联系|咨询|热线|[Tt]el|座机|手机|服务专线")
_FAX = re.compile(r"传真[：:\s]*$")
_LABELS = re.compile(
    r"(?:联系电话|咨询电话|联系方式|服务联系方式|政策指导及联系方式|联系人|电话|手机|座机|Tel|tel|地址|"
    r"[：:（）()\s、，,；;。])+"
)
_DIVISIONS_HEADING = re.compile(r"科室|处室|股室")
_GOVERNMENT = re.compile(r"人民政府|政府办公|办公厅|办公室$")
_TRAILING_OFFICE = re.compile(r"\s*[（(]([^（）()\n]{4,40})[)）]")
_OFFICE_END = re.compile(
    rf"[{CJK}]{{2,}}(?:处|科|室|司|局|中心|办公室|厅|委|部|所|站|公司|分行|银行|协会|平台)$"
)


@dataclass(frozen=True)
class Phone:
    start: int
    end: int
    printed: str
    normalised: str


@dataclass(frozen=True)
class ContactMention:
    start: int  # the office text (or the first number when no office is printed)
    end: int  # the last number
    office: str | None  # canonical office name: body + division, or the printed office
    department: DepartmentMention | None  # the body the office belongs to
    phones: tuple[Phone, ...]


def _area_code(dept: DepartmentMention | None, ctx: Context) -> str | None:
    if dept is not None:
        if dept.region is not None:
            return dept.region.area_code
        if dept.level == "national":
            return regions().get("北京市").area_code  # type: ignore[union-attr]
    for region in (ctx.city, ctx.province):
        if region is not None and region.area_code:
            return region.area_code
    return None


def _normalise(area: str | None, num: str, ext: str | None, fallback: str | None) -> str:
    if len(num) == 11 and num.startswith("1"):
        return num  # a mobile number has no area code
    code = area or fallback
    out = f"{code}-{num}" if code else num
    return f"{out}-{ext}" if ext else out


def _groups(text: str, prose: bool) -> list[list[re.Match[str]]]:
    groups: list[list[re.Match[str]]] = []
    for m in _PHONE.finditer(text):
        before = text[max(0, m.start() - 20) : m.start()]
        if _FAX.search(before):
            continue
        if (
            prose
            and not _CUE.search(before)
            and not (groups and _GROUP_GLUE.match(text[groups[-1][-1].end() : m.start()]))
        ):
            continue
        if groups and _GROUP_GLUE.match(text[groups[-1][-1].end() : m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


# 投资与规划处，86\n861234 / 中小企业促进处，0\n29-86863345: a number a hard-wrapped line broke
_BROKEN_NUMBER = re.compile(
    rf"(?:[{CJK}，,：:、\s](?:0\d{{0,3}}[-－]?\d{{0,8}}|[2-9]\d{{0,7}}))\n(?=[\d\-－])"
)
_NUMBER_CHARS = frozenset("0123456789-－")
_WHOLE_NUMBER = re.compile(r"(?:0\d{2,3}[-－]?)?[2-9]\d{6,7}|1[3-9]\d{9}")


def _mend_numbers(text: str) -> tuple[str, list[int]]:
    """The text with each line break inside a phone number moved to the number's end (same length),
    and the position in `text` of each of its characters."""
    chars, where = list(text), list(range(len(text)))
    for m in reversed(list(_BROKEN_NUMBER.finditer(text))):
        if _WHOLE_NUMBER.fullmatch(m.group()[1:-1]):
            continue  # 联系电话：87051234 / 2026年3月1日: a whole number, then the next line
        i = m.end() - 1  # the line break
        j = i + 1
        while j < len(text) and text[j] in _NUMBER_CHARS:
            j += 1
        if not _CUE.search(text[max(0, m.start() - 30) : m.start()]) and not _OFFICE_END.search(
            re.sub(r"[，,：:、\s]+$", "", text[max(0, m.start() - 30) : m.start() + 1])
        ):
            continue  # digits broken over two lines with no contact near: not a phone
        chars.insert(j - 1, chars.pop(i))
        where.insert(j - 1, where.pop(i))
    return "".join(chars), where


def find_contacts(text: str, ctx: Context | None = None, prose: bool = False) -> list[ContactMention]:
    mended, where = _mend_numbers(text)
    if mended == text:
        return _find_contacts(text, ctx, prose)
    return [
        replace(
            c,
            start=where[c.start] if c.start < len(where) else c.start,
            end=where[c.end - 1] + 1,
            phones=tuple(replace(p, start=where[p.start], end=where[p.end - 1] + 1) for p in c.phones),
        )
        for c in _find_contacts(mended, ctx, prose)
    ]


def _find_contacts(text: str, ctx: Context | None = None, prose: bool = False) -> list[ContactMention]:
    ctx = ctx or Context()
    depts = find_departments(text, ctx)
    out: list[ContactMention] = []
    # a table whose column heading names the body (省工信厅 | 投资与技术改造处 025-…): the body of
    # every office in the cell that does not name its own
    heading = find_departments(ctx.heading, ctx) if ctx.heading else []
    if not heading and ctx.issuer and _DIVISIONS_HEADING.search(ctx.heading):
        # (a column of 责任科室 naming no body: the divisions of the bureau that issues the document,
        # 投资与规划科 0310-… in its notice's table; not a government's office, whose notices name the
        # bureaus whose divisions they list)
        heading = [d for d in find_departments(ctx.issuer, ctx) if not _GOVERNMENT.search(d.name)][:1]
    last_dept: DepartmentMention | None = replace(heading[-1], start=0, end=0) if heading else None
    prev_end = 0
    for group in _groups(text, prose):
        start = group[0].start()
        # the office is what lies between the previous contact (or sentence) and these numbers
        seg_start = max(prev_end, max((text.rfind(c, 0, start) + 1 for c in "；;。\n"), default=0))
        office_text = _LABELS.sub(" ", text[seg_start:start]).strip()
        # 工业和信息化部\n(\n)电话：010-...: the office is on the line above (blank lines skipped)
        lines_up = 0
        while not office_text and seg_start > prev_end and lines_up < 3:
            seg_start = max(prev_end, text.rfind("\n", 0, max(seg_start - 1, 0)) + 1)
            office_text = _LABELS.sub(" ", text[seg_start:start]).strip()
            lines_up += 1
        named = [d for d in depts if seg_start <= d.start < start]
        if not named and not office_text:
            # 0851-28632316（区工业和信息化局投资与技术改造股）: the office in brackets after the number
            after = _TRAILING_OFFICE.match(text, group[-1].end())
            named = [d for d in depts if after and after.start(1) <= d.start < after.end(1)]
        dept = named[-1] if named else None
        office: str | None = None
        if dept is not None:
            office = dept.name
            last_dept = dept
        elif office_text:
            tail = office_text.split()[-1]
            if _OFFICE_END.search(tail):
                if last_dept is not None and tail.endswith(tuple(departments().divisions)):
                    dept = DepartmentMention(
                        seg_start, start, tail, last_dept.body, last_dept.level, tail, last_dept.region
                    )
                    office = dept.name
                else:
                    office = tail
            elif last_dept is not None:
                dept, office = last_dept, last_dept.name
        printed_code = next((m.group("area") for m in group if m.group("area")), None)
        if dept is not None and dept.region is None and dept.level == "municipal" and printed_code:
            # 市工信局 装备工业处 0515-68800590 in a provincial guide: the area code names the city
            city = regions().by_area_code(printed_code, ctx.province)
            if city is not None and "市" in dept.body:
                dept = replace(dept, body=dept.body.replace("市", city.name, 1), region=city)
                office = dept.name
        fallback = _area_code(dept, ctx)
        phones = []
        area = None
        for m in group:
            area = m.group("area") or area  # 010-62300441、62300030: the second shares the code
            phones.append(
                Phone(
                    m.start(),
                    m.end(),
                    m.group().strip("（）() "),
                    _normalise(area, m.group("num"), m.group("ext"), fallback),
                )
            )
        office_start = dept.start if dept is not None and dept.start >= seg_start else start
        out.append(ContactMention(office_start, group[-1].end(), office, dept, tuple(phones)))
        prev_end = group[-1].end()
    return out


class PhoneRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        doc._.contacts = find_contacts(doc_text(doc), ctx, prose=ctx.field != "contact")
        return doc


if not Doc.has_extension("contacts"):
    Doc.set_extension("contacts", default=[])


@Language.factory("policykg_phones")
def make_phone_recognizer(nlp: Language, name: str) -> PhoneRecognizer:
    return PhoneRecognizer()
