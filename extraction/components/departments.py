"""Department mentions resolved to one canonical name per real body.

National bodies come from the lexicon (工信部 -> 工业和信息化部). Local bodies are a region (江苏省,
徐州, or a bare 省/市/区/县 read against the document's region) plus a body form (工信厅, 经信局 ...):
"市工信局" in a Xuzhou document is 徐州市工业和信息化局, "市经信局" in an Ezhou one 鄂州市经济和信息化局
(an abbreviation expands to the full form of the same kind, never to another kind). A division
(综合规划处, 中小企业局, 科技司) right after a body is kept as a child of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.clauses import CJK
from extraction.components.context import Context, context_of, doc_text
from extraction.lexicons import BodyKind, Region, departments, regions

_DIVISION_NOT = re.compile(
    r"申报|负责|组织|审核|推荐|认定|进行|报送|受理|评审|初审|指导|按照|根据|会同|联合|发布|印发|关于|公告|通知|"
    r"审定|确定|公示|办理|提供|咨询|联系|电话|^[和与及]|[的、将对在为等]"
)


# 南沙经济技术开发区, 东湖新技术开发区, 高新区: a zone with bodies of its own inside a city
_ZONE = r"(?:经济技术开发区|高新技术产业开发区|新技术产业开发区|新技术开发区|经济开发区|高新区|经开区|新区)"
_ZONE_END = re.compile(f"{_ZONE}$")
# 中关村科技园区管理委员会, 常州经开区管委会, 广州市天河中央商务区管理委员会: a zone's own government
_COMMITTEE = re.compile(
    rf"(?:{_ZONE}|开发区|科技园区?|工业园区|产业园区?|商务区|示范区|自由贸易试验区|自贸区|保税区|合作区)"
    r"(?P<form>管理委员会|管委会)"
)
_ZONE_NAME_STOP = set("由经向和及与到至在请的各该本其、")


@dataclass(frozen=True)
class DepartmentMention:
    start: int
    end: int
    text: str
    body: str  # canonical name of the body: 江苏省工业和信息化厅
    level: str | None
    division: str | None  # 综合规划处, when the mention names one
    region: Region | None  # the region the body belongs to (None: national)

    @property
    def name(self) -> str:
        """The most specific canonical name: the division's when there is one."""
        return self.body + self.division if self.division else self.body


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, BodyKind]]:
    table = departments()
    national = sorted(table.national, key=len, reverse=True)
    kinds = table.form_kind()
    forms = sorted(kinds, key=len, reverse=True)
    region_names = sorted(regions().by_name, key=len, reverse=True)
    region_alt = "|".join(re.escape(n) for n in region_names if n != regions().country.name)
    div_end = "|".join(re.escape(d) for d in sorted(table.divisions, key=len, reverse=True))
    division = rf"[ \t]?(?P<div>[{CJK}]{{2,14}}?(?:{div_end}))(?![技学研普份权东票])"
    nat = re.compile(rf"(?P<body>{'|'.join(re.escape(n) for n in national)})(?!门)(?:{division})?")
    local = re.compile(
        rf"(?P<region>{region_alt}|省|市|区|县|自治区)"
        rf"(?P<sub>[{CJK}]{{1,4}}?[区县](?=[{CJK}])|[{CJK}]{{0,6}}?{_ZONE})??"
        rf"(?P<form>{'|'.join(re.escape(f) for f in forms)})"
        rf"(?:{division})?"
    )
    return nat, local, kinds


def _level_of_prefix(prefix: str, region: Region | None) -> str | None:
    if region is not None:
        return region.level
    return {
        "省": "provincial",
        "自治区": "provincial",
        "市": "municipal",
        "区": "district",
        "县": "district",
    }.get(prefix)


# a development zone named by its kind alone, in its own text (高新区 for 玉溪高新区)
_ZONE_WORDS = "高新区|经开区|开发区|新区|园区"


def _resolve_region(prefix: str, ctx: Context) -> Region | None:
    named = regions().get(prefix)
    if named is not None:
        return named
    if prefix in ("省", "自治区"):
        return ctx.province
    if prefix == "市":
        return ctx.city
    if prefix in ("区", "县"):
        return ctx.district
    if prefix in _ZONE_WORDS.split("|") and ctx.district is not None and ctx.district.short == prefix:
        return ctx.district  # 高新区…局 in 玉溪高新区's own text
    return None


def _clean_division(division: str | None) -> str | None:
    if not division or _DIVISION_NOT.search(division):
        return None
    if any(form in division for form in departments().form_kind()) or any(
        name in division for name in departments().national
    ):
        return None  # 市工信局市财政局: two bodies, not a body and its division
    return division


def local_body_name(
    prefix: str, form: str, kind: BodyKind, ctx: Context
) -> tuple[str, str | None, Region | None]:
    region = _resolve_region(prefix, ctx)
    level = _level_of_prefix(prefix, region)
    full_forms = (kind.provincial, kind.municipal)
    # printed in full: keep what it says; an abbreviation takes the full form of its level
    by_level = kind.provincial if level == "provincial" else kind.municipal
    full = form if form in full_forms else by_level
    where = region.name if region is not None else prefix
    return f"{kind.prefix}{where}{full}", level, region


def find_departments(text: str, ctx: Context | None = None) -> list[DepartmentMention]:
    ctx = ctx or Context()
    nat, local, kinds = _patterns()
    table = departments()
    out: list[DepartmentMention] = _committees(text, ctx)
    taken: list[tuple[int, int]] = [(d.start, d.end) for d in out]
    for m in _scan(local, text):
        if any(s < m.end() and m.start() < e for s, e in taken[: len(out)]):
            continue  # 苏州工业园区管理委员会: the zone's committee, not 苏州市's
        prefix, form = m.group("region"), m.group("form")
        body, level, region = local_body_name(prefix, form, kinds[form], ctx)
        sub = m.group("sub")
        if sub and _ZONE_END.search(sub) and region is not None:
            # 广州南沙经济技术开发区科学技术局: a development zone's own body, named as printed
            zone = Region(region.name + sub, sub, "district", region.name, region.area_code)
            kind = kinds[form]
            full = form if form in (kind.provincial, kind.municipal) else kind.municipal
            # the city and zone as printed (广州南沙经济技术开发区), the body in full (科技局 -> 科学技术局)
            body, level, region = f"{kind.prefix}{prefix}{sub}{full}", "district", zone
        elif sub and region is not None and region.level == "municipal":
            # 徐州市鼓楼区工信局: a district of the named city
            district = Region(region.name + sub, sub, "district", region.name, region.area_code)
            body = body.replace(region.name, region.name + sub, 1)
            level, region = "district", district
        elif sub:
            continue
        division = _clean_division(m.group("div"))
        end = m.end() if division else m.end("form")
        out.append(DepartmentMention(m.start(), end, text[m.start() : end], body, level, division, region))
        taken.append((m.start(), end))
    for m in _unlisted(text, ctx, taken):
        out.append(m)
        taken.append((m.start, m.end))
    for m in _scan(nat, text):
        if any(s < m.end("body") and m.start() < e for s, e in taken):
            continue
        division = _clean_division(m.group("div"))
        end = m.end() if division else m.end("body")
        body = table.national[m.group("body")]
        if division:  # 人行鄂州分行: a branch is named with its region's full name
            for r in find_region_prefix(division):
                division = r.name + division[len(r.short) :] if not division.startswith(r.name) else division
        out.append(DepartmentMention(m.start(), end, text[m.start() : end], body, "national", division, None))
    return sorted(out, key=lambda d: d.start)


def _committees(text: str, ctx: Context) -> list[DepartmentMention]:
    """A zone's management committee, named as printed with 管委会 in full."""
    out = []
    for m in _COMMITTEE.finditer(text):
        a = m.start()
        while (
            a > max(0, m.start() - 10)
            and re.match(f"[{CJK}]", text[a - 1])
            and text[a - 1] not in _ZONE_NAME_STOP
        ):
            a -= 1
        zone = text[a : m.start("form")]
        if (
            zone.startswith(("国家", "有关", "相关"))
            or text[a - 1 : a] in ("各", "该")
            or re.search(r"本|所在|注册地|属地|以上|以下|项目", text[max(0, a - 4) : a] + zone)
        ):
            continue  # 各开发区管委会, 所在开发区管委会, 省级以上开发区管委会: any zone's, no one body
        if re.match(rf"[{CJK}]{{1,8}}?(?:局|办公室|中心)", text[m.end() :]):
            continue  # 成都高新区管委会科技创新局: the committee's bureau is the body, read as a local one
        region = next((r for r in find_region_prefix(zone)), None)
        if region is None and ctx.city is not None and (a == m.start() or zone[0] == "市"):
            # 高新区管委会, 市高新区管委会 in a 合肥 document: 合肥高新区
            zone = ctx.city.short + zone.removeprefix("市")
        region = region or ctx.city or ctx.province
        place = Region(
            zone, zone, "district", region.name if region else None, region.area_code if region else None
        )
        out.append(
            DepartmentMention(a, m.end(), text[a : m.end()], f"{zone}管理委员会", "district", None, place)
        )
    return out


# 区经济促进局, 市口岸管理委员会: a body of a kind the lexicon lacks, in a named region or the text's own
_UNLISTED_FORM = re.compile(
    rf"(?P<sub>[{CJK}]{{1,4}}?[区县](?=[{CJK}]))?(?P<form>[{CJK}]{{2,8}}?(?:局|委员会|管委会))(?![限部面势长])"
)
_NOT_IN_FORM = re.compile(
    r"^[级内外场属直长民]|[的在与及对为是将等个项了各该本其所]|以上|以下|有关|相关|主管|职能|业务|部门"
    # 市县两级财政局 (bodies of two levels), 市专精特新企业认定委员会 (a scheme's panel): no one body
    r"|[两三各]级|认定|评审|审定|评定|评选"
)


@cache
def _region_prefix() -> re.Pattern[str]:
    names = sorted(regions().by_name, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names if n != regions().country.name)
    # a bare 市 or 区 starts a name after a break or a word that governs one (由市…局), not inside a word (城市)
    # (高新区科技和人才工作局 in a zone's own text: the zone's body)
    return re.compile(
        rf"(?P<region>{alt}|(?:(?<![{CJK}])|(?<=[由经向和及与到至在请的]))(?:{_ZONE_WORDS}|省|市|区|县))"
    )


def _unlisted(text: str, ctx: Context, taken: list[tuple[int, int]]) -> list[DepartmentMention]:
    """Local bodies whose kind the lexicon does not list, named as printed with their region."""
    out = []
    for r in _region_prefix().finditer(text):
        m = _UNLISTED_FORM.match(text, r.end())
        if (
            m is None
            or _NOT_IN_FORM.search(m.group("form"))
            or any(s < m.end() and r.start() < e for s, e in taken)
        ):
            continue
        region = _resolve_region(r.group("region"), ctx)
        if region is None:
            continue
        level = _level_of_prefix(r.group("region"), region)
        if sub := m.group("sub"):
            if region.level != "municipal":
                continue
            # 佛山市顺德区经济促进局: a district of the named city
            region = Region(region.name + sub, sub, "district", region.name, region.area_code)
            level = "district"
        body = f"{region.name}{m.group('form')}"
        out.append(
            DepartmentMention(r.start(), m.end(), text[r.start() : m.end()], body, level, None, region)
        )
    return out


def _scan(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Like finditer, but a rejected division is read again: it may start the next body."""
    out, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        out.append(m)
        pos = (
            m.end()
            if _clean_division(m.group("div"))
            else max(m.end() - len(m.group("div") or ""), m.start() + 1)
        )
    return out


def find_region_prefix(text: str) -> list[Region]:
    """The region a text starts with (鄂州分行 -> 鄂州市), as a one-element list, or []."""
    for name, region in regions().by_name.items():
        if region.level != "national" and text.startswith(name) and name == region.short:
            return [region]
    return []


class DepartmentRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        doc._.departments = find_departments(doc_text(doc), context_of(doc))
        return doc


if not Doc.has_extension("departments"):
    Doc.set_extension("departments", default=[])


@Language.factory("policykg_departments")
def make_department_recognizer(nlp: Language, name: str) -> DepartmentRecognizer:
    return DepartmentRecognizer()
