"""Document readers: a file becomes a `SourceDocument` cut into units with labelled fields.

`read_document(path)` decodes the bytes (UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030),
recognises the format and hands the text to the matching reader:

- JSON article lists (also JSON Lines, or a list inside an API envelope): `articles`;
- tab-separated or pipe program tables whose long rows are split into fragments: `table`;
- markdown / plain text with HTML fragments (compilations, guides, brochures, notices, measures),
  with any program table inside it: `markdown`;
- documents of policy cards (a numbered title, then the same labelled fields for each): `cards`;
- whole web pages: segmented through a rendered view (`htmlview`) and mapped back;
- prose with no labelled fields (若干措施, 实施细则, notices): the numbered-outline reader (`prose`),
  one program per measure.

PDF and Word files are recognised by their content (not their extension) and turned into text
first (`pdf`, `docx`); a PDF's text keeps its page map (`SourceDocument.pages`).

Every field's offsets point into `SourceDocument.text` (the decoded file) and run in document order;
`scripts/units_report.py` prints what the readers cut from each file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from extraction.document import DocFormat, FieldName, SourceDocument, TextField, Unit, UnitKind
from extraction.readers.articles import looks_like_json, read_articles
from extraction.readers.cards import read_cards
from extraction.readers.contact_table import (
    contacts_by_department,
    contacts_by_office,
    route_named_conditions,
    route_named_contacts,
)
from extraction.readers.decode import decode_bytes
from extraction.readers.docx import is_docx, read_docx
from extraction.readers.fixed_width import fixed_width_view
from extraction.readers.htmlview import html_view, looks_like_html_page, remap
from extraction.readers.markdown import read_markdown
from extraction.readers.pdf import is_pdf, read_pdf
from extraction.readers.prose import calls_for_one, read_prose, reprinted_measures
from extraction.readers.row_blocks import read_row_blocks
from extraction.readers.service_guides import read_service_guides
from extraction.readers.table import looks_like_table, read_table
from schema.errors import InputError

__all__ = ["detect_format", "read_document", "read_text"]

# A document cut into this many programs with labelled fields is read as such, not as prose.
_FIELD_DOCUMENT = 5
# Fields that show a unit was cut by its labels (a leaf item with a summary alone was not).
_LABELLED = frozenset(
    {
        FieldName.CONDITIONS,
        FieldName.BENEFIT,
        FieldName.WINDOW,
        FieldName.MATERIALS,
        FieldName.PROCEDURE,
        FieldName.CONTACT,
    }
)


def read_document(path: Path, on_page: Callable[[int, int], None] | None = None) -> SourceDocument:
    """Read and segment one file; raises `InputError` naming the file when it cannot be read.

    `on_page(done, total)` reports progress through the pages of a PDF.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), f"cannot read file: {e.strerror or e}") from e
    sha = hashlib.sha256(data).hexdigest()
    pages: tuple[int, ...] = ()
    if is_pdf(data):
        paged = read_pdf(data, str(path), on_page)
        text, pages = paged.text, paged.pages
    elif is_docx(data):
        text = read_docx(data, str(path))
    else:
        text = decode_bytes(data, str(path))
    doc = read_text(text, name=path.name, source=str(path), sha256=sha)
    return replace(doc, pages=pages) if pages else doc


def detect_format(text: str) -> DocFormat:
    if looks_like_json(text):
        return DocFormat.ARTICLES
    if looks_like_table(text):
        return DocFormat.TABLE
    return DocFormat.MARKDOWN


def read_text(
    text: str, *, name: str, source: str | None = None, sha256: str | None = None
) -> SourceDocument:
    """Segment already decoded text (the document's identity is `name`)."""
    source = source or name
    sha = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    fmt = detect_format(text)
    if fmt is DocFormat.ARTICLES:
        units, meta = read_articles(text, source)
        # an article that reprints a whole policy: one program per measure
        units = [m for u in units for m in (reprinted_measures(u, FieldName.BODY) or [u])]
    elif looks_like_html_page(text):
        # a web page: segment its rendered view, then map offsets back onto the page
        view = html_view(text)
        fmt = DocFormat.TABLE if looks_like_table(view.text) else DocFormat.MARKDOWN
        units, meta = _read_lines(view.text, fmt)
        units = [remap(u, view.offsets) for u in units]
    elif fmt is DocFormat.MARKDOWN and (aligned := fixed_width_view(text)) is not None:
        # a table aligned with spaces (a spreadsheet saved as text): read as tab-separated rows
        fmt = DocFormat.TABLE if looks_like_table(aligned.text) else DocFormat.MARKDOWN
        units, meta = _read_lines(aligned.text, fmt)
        units = [remap(u, aligned.offsets) for u in units]
    else:
        units, meta = _read_lines(text, fmt)
    # a policy digest that summarises a collection of paid measures: each measure a program too
    units = [x for u in units for x in (u, *(_digest_measures(u)))]
    return SourceDocument(
        name=name,
        text=text,
        format=fmt,
        sha256=sha,
        title=meta.get("title") or "",
        issuer=meta.get("issuer") or "",
        published_at=meta.get("published_at"),
        units=tuple(units),
    )


def _read_lines(text: str, fmt: DocFormat) -> tuple[list[Unit], dict[str, str | None]]:
    units, meta = _read_shape(text, fmt)
    units = _without_idle(units)
    # a contact block that names programs (第（二）项：…, above the rules in a cover notice) is theirs
    units = contacts_by_office(text, route_named_contacts(text, units))
    # a list of the bodies' phones serves the programs whose department notes name those bodies
    units = contacts_by_department(text, units)
    return route_named_conditions(text, units), meta


def _read_shape(text: str, fmt: DocFormat) -> tuple[list[Unit], dict[str, str | None]]:
    if fmt is DocFormat.TABLE:
        return read_table(text)
    units, meta = read_markdown(text)
    if (guides := read_service_guides(text)) is not None:
        return guides, meta
    # a table printed to PDF and read back row by row: its header names the columns
    if (rows := read_row_blocks(text)) is not None:
        return rows, meta
    cards = read_cards(text)
    # programs the field reader titled by a card's label line (扶持对象市区工业企业) are misreads
    card_labels = {f.heading for u in cards or () for f in u.fields if f.heading}
    programs = sum(
        1 for u in units if u.kind is UnitKind.PROGRAM and not any(u.title.startswith(h) for h in card_labels)
    )
    # A guide of cards printed from one template (a PDF's table cells lose the markup the markdown
    # reader keys on): the reader that finds more programs knows the shape better.
    # (or as many, numbered 1, 2, 3 … one after another, where the field reader did not find them:
    # "1 技术改造贷款贴息", a card's number printed apart from its title, is no heading it knows)
    numbered = cards is not None and [u.number for u in cards] == list(range(1, len(cards) + 1))
    if numbered and cards is not None:
        found = {u.title for u in units if u.kind is UnitKind.PROGRAM}
        numbered = 2 * sum(1 for u in cards if u.title in found) < len(cards)
    if cards is not None and (
        len(cards) > max(programs * 1.2, programs + 2) or (numbered and len(cards) >= programs)
    ):
        return cards, meta
    labelled = sum(
        1 for u in units if u.kind is UnitKind.PROGRAM and any(f.name in _LABELLED for f in u.fields)
    )
    if labelled >= _FIELD_DOCUMENT:
        return units, meta
    # Few units with labelled fields: the document is prose; its numbered measures are the programs.
    prose, prose_meta = read_prose(text)
    merged = {k: meta.get(k) or prose_meta.get(k) for k in {*meta, *prose_meta}}
    title = prose_meta.get("title") or ""
    if len(prose) > programs or (prose and len(prose) == programs and not labelled):
        # more measures, or as many where the field reader found no fields: the prose reader's
        return prose, merged
    one = len(prose) == 1 and (programs == 1 or calls_for_one(title))
    if one and _named_after(prose, title) and not _named_after(units, title):
        # one notice, one program: named after what the notice calls for, not after a line of it
        return prose, merged
    # the programs read by their fields are run by the body the prose reader found signing the text
    # or said to run it (第二条 市工信局负责…管理), where no field of their own names one
    runs = {f.offsets: f for u in prose for f in u.get(FieldName.DEPARTMENT) if f.heading in _DOCUMENT_WIDE}
    units = _spread_notice(units, title)
    return [_run_by(u, list(runs.values())) for u in units], merged if one or runs else meta


# what a notice's own lines say before its attached guide: how to reach and who runs every direction
_NOTICE_ONLY = frozenset({FieldName.CONTACT, FieldName.DEPARTMENT, FieldName.WINDOW})


def _spread_notice(units: list[Unit], title: str) -> list[Unit]:
    """A notice (named after the title) that holds only its contact, above the directions of the guide
    attached to it, is no program of its own: its contact is every direction's."""
    programs = [u for u in units if u.kind is UnitKind.PROGRAM]
    notice = next((u for u in programs if _named_after([u], title)), None)
    if notice is None or len(programs) < 2 or any(f.name not in _NOTICE_ONLY for f in notice.fields):
        return units
    out = []
    for u in units:
        if u is notice:
            continue
        if u.kind is UnitKind.PROGRAM:
            have = {f.name for f in u.fields}
            u = replace(u, fields=(*u.fields, *(f for f in notice.fields if f.name not in have)))
        out.append(u)
    return out


# fields that say how to apply or whom to ask, not what is offered or to whom
_HOW_TO = {FieldName.PROCEDURE, FieldName.CONTACT, FieldName.MATERIALS, FieldName.WINDOW, FieldName.OVERSIGHT}
_SAYS_HOW = {FieldName.PROCEDURE, FieldName.WINDOW, FieldName.OVERSIGHT}
_OFFERS_WORDS = re.compile(r"给予|奖励|奖补|补助|补贴|资助|贴息|万元|亿元")


_GIVES_NOTHING = re.compile(r"不涉及(?:资金|补贴|奖补|奖励|补助)|无(?:资金|补贴|奖补)(?:支持|兑现)")


# 企业投资技术改造项目备案 / 惠企资金兑付进度查询: a portal's errands listed among its paid items
_ERRAND = re.compile(r"(?:备案|查询|办事指引|办事指南)$")


def _a_formality(u: Unit) -> bool:
    """An item a list of paid ones holds that gives nothing: a 备案 or a progress query (【补贴标准】
    本事项为备案服务，不涉及资金兑现), not a free service (上门免费开展诊断（不涉及资金兑现）)."""
    said = " ".join(f.text for f in u.get(FieldName.BENEFIT))
    if "免费" in said or re.search(r"\d\s*(?:万|亿)?元", said):
        return False
    return bool(said and _GIVES_NOTHING.search(said)) or bool(_ERRAND.search(u.title))


def _without_idle(units: list[Unit]) -> list[Unit]:
    """Units made only of how-to fields (① 企业在线提交申请 … ⑤ 资金直达企业账户 under 【申报流程】 after a
    WeChat post's cards) are the post's procedure, no programs, where other programs offer something;
    a contact read into them (the post's closing ☎ 政策咨询) is every program's that has none."""
    offering = [
        u
        for u in units
        if u.kind is UnitKind.PROGRAM and (u.get(FieldName.BENEFIT) or u.get(FieldName.CONDITIONS))
    ]
    if len(offering) < 2:
        return units
    units = [u for u in units if u.kind is not UnitKind.PROGRAM or not _a_formality(u)]
    idle = [
        u
        for u in units
        if u.kind is UnitKind.PROGRAM
        and all(f.name in _HOW_TO for f in u.fields)
        # (what to file and whom to call name the paid categories: 奖励类项目提供, 梯度培育奖励：…科)
        and not _OFFERS_WORDS.search(u.title + "".join(f.text for f in u.fields if f.name in _SAYS_HOW))
    ]
    if not idle:
        return units
    contacts = tuple(f for u in idle for f in u.get(FieldName.CONTACT))
    return [
        replace(u, fields=u.fields + contacts)
        if u.kind is UnitKind.PROGRAM and not u.get(FieldName.CONTACT)
        else u
        for u in units
        if all(u is not x for x in idle)
    ]


# headings the prose reader gives the department fields that hold for the whole text
_DOCUMENT_WIDE = ("发文机关", "负责")


def _run_by(unit: Unit, departments: list[TextField]) -> Unit:
    if unit.kind is not UnitKind.PROGRAM or unit.get(FieldName.DEPARTMENT):
        return unit
    return replace(unit, fields=(*unit.fields, *departments))


def _digest_measures(unit: Unit) -> list[Unit]:
    if unit.kind is not UnitKind.POLICY:
        return []
    return reprinted_measures(unit, FieldName.SUMMARY) or []


def _named_after(units: list[Unit], title: str) -> bool:
    """Whether a program unit is named after the document's title (or the title after it)."""
    names = [u.title for u in units if u.kind is UnitKind.PROGRAM and u.title]
    return bool(title) and any(n in title or title in n for n in names)
