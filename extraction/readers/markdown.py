"""Markdown (with HTML fragments) into program / policy units.

The document is read as an outline. Numbered lines (一、/（一）/1./（1）/①) and markdown headings
form a stack; a line continues a numbering sequence (（二） after （一）) or starts a nested list.
A unit starts at a title line (a heading, or a numbered line whose run-in title is short) that is
immediately followed by a field heading (文件依据, 🕒 申报时间, 1. 支持条件 ...); it ends at the next
title at the same or a shallower level. Leaf items of a guide that name a program ("（六）免费诊断
服务项目。...") but carry no labelled fields become units with a summary only. Tables of contents
and page-break running headers are skipped, and a field cut by a running header is rejoined.

A notice's own sections after its programs (a numbered 四、申报要求 / 五、联系方式 / 工作要求 above or
beside the programs' level) are neither programs nor fields of the last program; the lines of a
closing contact section are handed to the programs they name (`contact_table.attach_contact_sections`).
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass, field

from extraction.document import FieldName, TextField, Unit, UnitKind
from extraction.readers.cleaner import Clean, clean_span, join
from extraction.readers.contact_table import attach_contact_sections, attach_contact_tables
from extraction.readers.cover import cover_metadata
from extraction.readers.fields import inline_headings, lexicon, normalize_heading
from extraction.readers.furniture import continues, wrap_width
from extraction.readers.lines import Line, LineKind, Toc, TocEntry, chapter_name, classify, plain, split_lines
from extraction.readers.numbering import NUMBERED_LABEL, parse_marker
from extraction.readers.table import parse_rows, table_units
from extraction.readers.tidy import find_date, first_url, tidy_title

_PROGRAM_FIELDS = {
    FieldName.WINDOW,
    FieldName.CONDITIONS,
    FieldName.MATERIALS,
    FieldName.PROCEDURE,
    FieldName.BENEFIT,
}
_POLICY_FIELDS = {FieldName.TITLE, FieldName.ISSUED_AT, FieldName.SUMMARY}
_PROGRAM_NAME = re.compile(r"(?:项目|计划|工程|专项|奖励|奖补|补贴|补助|贴息|资助)(?:[（(][^）)]*[)）])?$")
# the field that names a program, beside whatever heads its card
_NAMES_IT = re.compile(r"^(?:政策|项目|事项|奖补|支持)名称$")
# a short line of tags or codes (申报兑现市级, 340800-JXJ-ZCDX-0012), no sentence
_TAG = re.compile(r"[^。；;：:，,！!？?]{1,24}")
_NOTE_PAREN = re.compile(r"[（(][^（()）]*(?:另行通知|详见|见附件|具体方案)[^（()）]*[)）]$")
_CONTACT_HEADING = re.compile(r"联系方式|联系电话|联系人|咨询电话")
_ATTACHMENT_LIST = re.compile(r"^\s*附件\s*[：:]")
_ANNEX_LINE = re.compile(r"^\s*附件\s*[\d一二三四五六七八九十]*\s*(?:[：:]|$)")
_SENTENCE_BREAK = re.compile(r"[，,；;：:]")
# a paragraph cut mid-sentence ends with a CJK character or a comma-like mark, not with 。 or a URL
_LIST_START = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[①-⑳]|附件|第[一二三四五六七八九十]+[条章节])"
)
_GLUE_END = re.compile(r"[\u4e00-\u9fff，、,（(“《]")


@dataclass
class _Field:
    name: FieldName
    heading: str
    runs: list[list[int]] = field(default_factory=list)  # [start, end] document ranges
    after_break: list[bool] = field(default_factory=list)  # run i follows a removed running header

    def add(self, start: int, end: int, *, after_break: bool) -> None:
        if end <= start:
            return
        if self.runs and not after_break and self.runs[-1][1] >= start - 1:
            self.runs[-1][1] = end
            return
        self.runs.append([start, end])
        self.after_break.append(after_break)


@dataclass
class _Open:
    title: Clean
    depth: int | None
    numbered: bool
    heading_level: int
    section: str
    fields: list[_Field] = field(default_factory=list)
    summary_only: bool = False
    implicit: bool = False  # opened by a field heading with no title line right before it
    field_depth: int | None = None  # outline depth of its first numbered field heading
    title_depth: int | None = None  # an implicit unit's numbered title: its outline depth
    line: int = -1  # the line it was opened at
    article: int | None = None  # the number of its 第N条 title line: what contact lines cite it by
    direction: int | None = (
        None  # the 专项N：/项目N： heading it sits under: what 专项一：… in a contact list names
    )

    @property
    def outline_depth(self) -> int | None:
        """The outline depth of the unit's title line, where it has one."""
        return self.title_depth if self.implicit else self.depth


@dataclass
class _Notice:
    """A numbered section of the whole notice (四、申报要求, 五、联系方式) after its programs: its
    items are not programs, and a contact section's lines are handed to the programs they name."""

    depth: int
    contact: list[tuple[int, int]] | None = None  # document ranges of the open contact section
    contact_depth: int = -1  # outline depth of the open contact section's heading


_MAX_DEPTH = 48  # restarted lists nest; past this depth a restart is content (keeps place() linear)


@dataclass
class _Frame:
    key: str
    number: int
    title: str


class _Outline:
    """The stack of open numbering levels."""

    def __init__(self) -> None:
        self.stack: list[_Frame] = []

    def place(self, ln: Line, title: str, floor: int | None = None) -> int | None:
        """The depth of `ln` in the outline, updating the stack; None for a numbered line that fits
        no open sequence (content numbering, left alone). Above `floor` (the open unit's depth) only
        a structural line (a short title or a field heading) may continue a sequence: a sentence
        numbered "2." inside a program is content even if some outer list stopped at 1."""
        if ln.marker is not None:
            key, number = ln.marker.style, ln.marker.number
            structural = bool(title) or ln.field is not None
            idxs = [d for d, f in enumerate(self.stack) if f.key == key]
            # the next number of an open sequence; failing that, a title may skip a number or two
            for jumps in (False, True):
                if jumps and not structural:
                    break
                # a markdown heading is structure: it continues the outermost matching sequence
                for d in idxs if ln.level else reversed(idxs):
                    if floor is not None and d < floor and not structural:
                        continue
                    step = number - self.stack[d].number
                    if step == 1 or (jumps and 1 < step <= 3):
                        del self.stack[d + 1 :]
                        self.stack[d] = _Frame(key, number, title)
                        return d
            if (number == 1 or not idxs) and len(self.stack) < _MAX_DEPTH:
                self.stack.append(_Frame(key, number, title))
                return len(self.stack) - 1
            return None
        if ln.level:
            key = f"h{ln.level}"
            for d, f in enumerate(self.stack):
                if f.key.startswith("h") and int(f.key[1:]) >= ln.level:
                    del self.stack[d:]
                    break
            self.stack.append(_Frame(key, 0, title))
            return len(self.stack) - 1
        return None

    def ancestors(self, depth: int) -> list[str]:
        """Titles of the numbered levels above `depth` (unnumbered headings are usually the
        document's own title)."""
        return [f.title for f in self.stack[:depth] if f.title and not f.key.startswith("h")]


def read_markdown(text: str) -> tuple[list[Unit], dict[str, str | None]]:
    """Units of a markdown document and its cover metadata (title, issuer, published_at)."""
    lines = split_lines(text)
    toc = classify(lines)
    header, groups, table_lines = parse_rows(text, lines)
    for k in table_lines:
        lines[k].kind = LineKind.TABLE  # a program table inside prose: cut by the table reader
    units = _Segmenter(text, lines, toc).run()
    if header is not None:
        units = sorted([*units, *table_units(text, header, groups)], key=lambda u: u.span[0])
    return units, cover_metadata(text, lines, toc)


class _Segmenter:
    def __init__(self, text: str, lines: list[Line], toc: Toc) -> None:
        self.text = text
        self.lines = lines
        self.toc = toc
        self.outline = _Outline()
        self.units: list[_Open] = []
        self.cur: _Open | None = None
        self.fld: _Field | None = None
        self.chapter = ""
        self.after_break = False
        self.contact_tables: list[int] = []  # line indices of contact-table headings outside units
        self.pending: Clean | None = None  # the last title-like line outside any unit
        self.pending_is_title = False  # ... a heading or numbered title, not a plain line
        self.pending_line = -1
        self.pending_depth: int | None = None  # outline depth of a numbered pending title
        # 01 on a line of its own above a card's title (▶支持企业技术改造): the number the card is cited by
        self.card_number: tuple[int, int] | None = None  # (number, line)
        self.notice: _Notice | None = None
        self.contact_sections: list[tuple[str, list[tuple[int, int]]]] = []  # heading, line ranges
        # a hard-wrapped text (a PDF's or a copy's lines of one measure): its lines' full length
        self.width = wrap_width([plain(ln.text).strip() for ln in lines if ln.kind is LineKind.TEXT])

    # -- walking -----------------------------------------------------------------------------
    def run(self) -> list[Unit]:
        n = len(self.lines)
        for i in range(n):
            ln = self.lines[i]
            if ln.kind is LineKind.BLANK:
                continue
            if ln.kind is LineKind.TOC:
                continue
            if ln.kind in (LineKind.FORM, LineKind.TABLE):
                self._close()
                continue
            if ln.kind is LineKind.PAGEHEAD:
                name = chapter_name(ln.text)
                if name:
                    self.chapter = name
                self.after_break = True
                continue
            self._line(i, ln)
        self._close()
        built = [u for u in (self._build(o) for o in self.units) if u is not None]
        built = attach_contact_tables(self.text, self.lines, self.contact_tables, built)
        return attach_contact_sections(self.text, self.contact_sections, built)

    def _line(self, i: int, ln: Line) -> None:
        if ln.marker is not None and ln.marker.style == "pad" and not ln.body.strip():
            self.card_number = (ln.marker.number, i)
        name = chapter_name(ln.text) if ln.level and ln.field is None else None
        if name is not None:
            # a chapter heading seen for the first time: real structure (it ends a titled unit;
            # a document-wide implicit unit such as a 管理办法 runs on through its chapters)
            if self.cur is None or not self.cur.implicit:
                self._close()
            self.chapter = name
            self.notice = None
            self.outline.place(ln, "")
            return
        if self.cur is not None and self.cur.summary_only and (ln.marker is not None or ln.level or ln.field):
            self._close()  # a leaf program's description runs to the next numbered line or heading
        title = self._title_of(ln)
        floor = self.cur.depth if self.cur is not None else None
        depth = self.outline.place(ln, title.text if title else "", floor)
        if self._notice_line(i, ln, depth):
            return
        fm = ln.field
        if fm is not None and self.cur is None and self.pending is not None and i - self.pending_line <= 80:
            # fields after a title that did not directly precede them (a notice with a preamble,
            # an infographic): one unit named by the last title-like line
            self._open_unit(self.pending, ln, None, run_in=False, section_depth=self.pending_depth)
            assert self.cur is not None
            self.cur.implicit = True
            self.cur.title_depth = self.pending_depth
            self.pending = None
            self.pending_is_title = False
        if fm is not None and self._names_another(fm.name, fm.heading):
            # 【政策名称】… once more (or first, with nothing open): the next entry of a compilation
            # that names each by a field
            named = clean_span(self.text, ln.start + fm.content_start, ln.end).strip()
            if 2 <= len(named.text) <= 40:
                self._close()
                self._open_unit(named, ln, None, run_in=False, section_depth=depth)
                assert self.cur is not None
                self.cur.implicit = True
        if fm is not None and self.cur is not None:
            if self.cur.field_depth is None and depth is not None:
                self.cur.field_depth = depth
            self._open_field(fm.name, fm.heading, ln.start + fm.content_start, ln.end)
            return
        plain_title = self._plain_title(ln) if title is None and not self._wrapped_on(i) else None
        if plain_title is not None and (self.cur is None or self.cur.implicit) and self._followed_by_field(i):
            self._close()
            self.pending = plain_title
            self.pending_line = i
            self.pending_depth = None
            return
        # a title directly followed by a field heading starts a unit, unless it is numbered
        # content nested inside the open unit
        cur = self.cur
        if cur is not None and cur.implicit:
            # under an implicit unit, numbering deeper than its own field headings is content
            nested = (
                ln.marker is not None
                and cur.field_depth is not None
                and (depth is None or depth > cur.field_depth)
            )
        else:
            nested = (
                ln.marker is not None
                and cur is not None
                and not (depth is not None and self._ends(ln, depth))
            )
        if title is not None and not nested and self._followed_by_field(i):
            self._close()
            self._open_unit(title, ln, depth)
            return
        if self.cur is not None and self._ends(ln, depth):
            self._close()
        elif self.cur is not None and _ATTACHMENT_LIST.match(ln.text):
            self._close()
            return
        if self.cur is None:
            if title is not None or (plain_title is not None and not self.pending_is_title):
                # a short plain line does not displace a heading or numbered title before it
                self.pending = title or plain_title
                self.pending_is_title = title is not None
                self.pending_line = i
                self.pending_depth = depth if title is not None and ln.marker is not None else None
            if (
                title is not None
                and ln.marker is not None
                and depth is not None
                and self._is_leaf_program(i, ln)
            ):
                self._leaf_unit(title, ln, depth)
            elif (
                _CONTACT_HEADING.search(ln.text)
                and "\t" not in ln.text
                and (ln.level or len(plain(ln.text)) <= 40)
            ):
                self.contact_tables.append(i)
            return
        if ln.level and not ln.marker and _CONTACT_HEADING.search(ln.text) and self.cur is not None:
            self._open_field(FieldName.CONTACT, normalize_heading(plain(ln.text)), ln.start, ln.end)
            return
        if self.fld is None:
            self._open_field(FieldName.SUMMARY, "", ln.start, ln.end)
            return
        self.fld.add(ln.start, ln.end, after_break=self.after_break)
        self.after_break = False

    def _notice_line(self, i: int, ln: Line, depth: int | None) -> bool:
        """Lines of a section of the whole notice (四、申报要求, 五、联系方式 after the programs): True
        when the line is taken here (it is no program, no title, no field of the last program)."""
        if self._starts_notice(ln, depth):
            assert depth is not None
            self._close()
            self.pending = None
            self.pending_is_title = False
            self.notice = _Notice(depth)
            self._notice_field(i, ln, depth)
            return True
        notice = self.notice
        if notice is None:
            return False
        shallower = ln.marker is not None and depth is not None and depth <= notice.depth
        if shallower or (ln.level and ln.marker is None) or _ANNEX_LINE.match(plain(ln.text)):
            self.notice = None  # the notice's structure again (another part, an annex)
            return False
        in_contact = notice.contact is not None and (ln.field is None or ln.field.name is FieldName.CONTACT)
        if ln.field is not None and not in_contact:
            self._notice_field(i, ln, depth)
        elif notice.contact is not None:
            if ln.marker is not None and depth is not None and depth <= notice.contact_depth:
                notice.contact = None
            elif "\t" not in ln.text:
                notice.contact.append((ln.start, ln.end))
        return True

    def _starts_notice(self, ln: Line, depth: int | None) -> bool:
        """A numbered field heading (or a notice-wide heading such as 工作要求) shallower than the
        programs before it, or a sibling of the notice section already open."""
        if ln.marker is None or depth is None:
            return False
        if ln.field is None and not lexicon().is_notice_section(ln.body):
            return False
        if self.notice is not None:
            return depth <= self.notice.depth
        ref = self.cur if self.cur is not None else (self.units[-1] if self.units else None)
        if ref is None or ref.outline_depth is None or depth > ref.outline_depth:
            return False
        if depth == ref.outline_depth and not self._sibling_programs(ref):
            return False
        # an unnumbered title seen after the last program (## B项目 … 三、申报条件) makes these its
        # fields; a numbered one (四、组织申报, （二）同一企业…) is the notice's own
        return (
            self.cur is not None
            or self.pending is None
            or self.pending_line < ref.line
            or self.pending_depth is not None
        )

    def _sibling_programs(self, ref: _Open) -> bool:
        """`ref` and the unit before it are programs at one outline level whose fields sit deeper:
        a field heading at their level is a section of the whole notice, not a field of `ref`."""
        if len(self.units) < 2 or ref is not self.units[-1]:
            return False
        prev = self.units[-2]
        depth = ref.outline_depth
        return (
            depth is not None
            and prev.outline_depth == depth
            # (fields numbered deeper, or unnumbered labelled lines: 支持对象：… 支持标准：…)
            and all(
                (u.field_depth is not None and u.field_depth > depth) or (u.field_depth is None and u.fields)
                for u in (prev, ref)
            )
        )

    def _notice_field(self, i: int, ln: Line, depth: int | None) -> None:
        notice = self.notice
        assert notice is not None
        if ln.field is None or ln.field.name is not FieldName.CONTACT:
            notice.contact = None
            return
        nxt = next((x for x in self.lines[i + 1 :] if x.kind is not LineKind.BLANK), None)
        if _CONTACT_HEADING.search(ln.text) and nxt is not None and "\t" in nxt.text:
            self.contact_tables.append(i)  # a contact table follows
        notice.contact = []
        notice.contact_depth = depth if depth is not None else notice.depth
        self.contact_sections.append((ln.field.heading, notice.contact))
        if ln.field.content_start < len(ln.text):
            notice.contact.append((ln.start + ln.field.content_start, ln.end))

    def _ends(self, ln: Line, depth: int | None) -> bool:
        cur = self.cur
        if cur is None:
            return False
        if ln.marker is None:
            if not ln.level or ln.field is not None or ln.bold:
                return False  # a bold line inside a unit is a sub-heading unless it titles fields
            if _CONTACT_HEADING.search(ln.text):
                return False
            return cur.numbered or ln.level <= cur.heading_level
        if self._sibling_of_title(depth):
            return True  # a numbered title over its fields ends at its next sibling, whatever prose
        if depth is None or cur.depth is None:
            return False
        return depth <= cur.depth

    def _sibling_of_title(self, depth: int | None) -> bool:
        """A numbered line at `depth` is a sibling (or an ancestor) of the open implicit unit's
        numbered title, and that title sits above the unit's fields."""
        cur = self.cur
        if cur is None or not cur.implicit or cur.title_depth is None or depth is None:
            return False
        above_fields = cur.field_depth is None or cur.title_depth < cur.field_depth
        return above_fields and depth <= cur.title_depth

    def _names_another(self, name: FieldName, heading: str) -> bool:
        """A naming field (政策名称) where no unit is open, or the open one has been named by one."""
        cur = self.cur
        if name is not FieldName.TITLE or not _NAMES_IT.match(heading):
            return False
        if cur is None:
            return self.pending is None  # (a title line above it names the unit it opens)
        return any(f.name is FieldName.TITLE and _NAMES_IT.match(f.heading) for f in cur.fields)

    # -- titles ------------------------------------------------------------------------------
    def _title_of(self, ln: Line) -> Clean | None:
        """The run-in title of a heading or numbered line, or None if the line is not title-like."""
        if ln.field is not None or ln.kind is not LineKind.TEXT:
            return None
        if not ln.level and ln.marker is None:
            return None
        if "\t" in ln.text.strip():
            return None
        if re.match(r"^\s*[-*+]\s", ln.text):
            return None  # a bulleted list item is content
        body_start = ln.end - len(ln.body)
        body = ln.body
        if (label := NUMBERED_LABEL.match(body)) is not None:
            body_start, body = (
                body_start + label.end(),
                body[label.end() :],
            )  # 专题一：…: named after the label
        stop = len(body)
        m = re.search(r"[。:：]", body)
        if m:
            stop = m.start()
        head = body[:stop]
        head_plain = plain(head)
        if not head_plain or plain(head_plain).startswith("附件") or self._in_annex_list(ln):
            return None
        limit = 60 if ln.level else 40
        if len(head_plain) > limit or len(re.sub(r"[^\u4e00-\u9fff]", "", head_plain)) < 2:
            return None
        if ln.marker is not None and _SENTENCE_BREAK.search(head_plain):
            return None
        if ln.marker is None and not m and re.search(r"[，,；;]", head_plain) and len(head_plain) > 30:
            return None
        title = tidy_title(clean_span(self.text, body_start, body_start + stop))
        return title if len(title.text) >= 2 else None

    def _in_annex_list(self, ln: Line) -> bool:
        """附件：1.…申请表 / 2.…绩效目标表: the items of a notice's list of attachments name forms."""
        k = ln.index - 1
        while k >= 0 and ln.index - k <= 12:
            above = plain(self.lines[k].text).strip()
            if above.startswith("附件"):
                return True
            if above and parse_marker(above) is None:
                return False
            k -= 1
        return False

    def _plain_title(self, ln: Line) -> Clean | None:
        """A short unnumbered line that reads like a title (no sentence punctuation)."""
        if ln.marker is not None or ln.field is not None or ln.kind is not LineKind.TEXT or "\t" in ln.text:
            return None
        p = plain(ln.text)
        if (
            not 4 <= len(p) <= 40
            or re.search(r"[。；;：:，,！!？?]", p)
            or re.match(r"^\s*[-*+|]\s", ln.text)
        ):
            return None
        if len(re.findall(r"[\u4e00-\u9fff]", p)) < 4 or re.search(r"\d{5,}", p) or _DOC_NUMBER.search(p):
            return None  # 长工信发〔2026〕9号: a document number, not a title
        title = tidy_title(clean_span(self.text, ln.start, ln.end))
        return title if title.text else None

    def _wrapped_on(self, i: int) -> bool:
        """Line `i` is the tail of the sentence the full line above it broke off (…助力新旧动 /
        能转换若干政策实施细则(试行)), not a title of its own."""
        if not self.width or i == 0 or self.lines[i - 1].kind is not LineKind.TEXT:
            return False
        prev = plain(self.lines[i - 1].text).strip()
        line = plain(self.lines[i].text).strip()
        return bool(prev and line) and continues(prev, line, self.width)

    def _next_significant(self, i: int) -> Line | None:
        for j in range(i + 1, min(len(self.lines), i + 12)):
            ln = self.lines[j]
            if ln.kind is LineKind.TEXT:
                return ln
        return None

    def _followed_by_field(self, i: int) -> bool:
        """The title line at `i` is directly followed by a field heading (for a run-in title with a
        description, after the description's wrapped continuation lines)."""
        ln = self.lines[i]
        run_in = ln.marker is not None and re.search(r"[。:：].", ln.body) is not None
        skipped = 0
        for j in range(i + 1, min(len(self.lines), i + 12)):
            nxt = self.lines[j]
            if nxt.kind is not LineKind.TEXT:
                continue
            if nxt.field is not None and ln.marker is not None and self._continues_above(nxt):
                return False  # （二）… then 五、联系方式: a section above the title, not its field
            if nxt.field is not None:
                # a numbered list item followed by a bare summary is an infographic, not a program
                return ln.marker is None or ln.level > 0 or nxt.field.name is not FieldName.SUMMARY
            plain_next = not nxt.level and nxt.marker is None and "\t" not in nxt.text
            if run_in and skipped < 2 and plain_next:
                skipped += 1
                continue
            if ln.level and not skipped and plain_next and len(plain(nxt.text)) <= 20:
                skipped += 1  # a heading's subtitle: "（省级认定）", "——2024年版"
                continue
            if ln.level and skipped < 3 and plain_next and _TAG.fullmatch(plain(nxt.text).strip()):
                # ### 工业企业技术改造设备投资补助 / 申报兑现市级 / 事项编码 / 340800-JXJ-ZCDX-0012: a
                # portal card's tags and code before its fields
                skipped += 1
                continue
            if ln.marker is not None and not run_in and skipped < 2 and plain_next and _is_sentence(nxt):
                skipped += 1  # a numbered title's one-paragraph description: "支持…的项目。"
                continue
            return False
        return False

    def _continues_above(self, nxt: Line) -> bool:
        """`nxt` continues a numbering sequence above the numbered line just placed (the top of
        the outline stack)."""
        m = nxt.marker
        return m is not None and any(
            f.key == m.style and m.number == f.number + 1 for f in self.outline.stack[:-1]
        )

    def _is_leaf_program(self, i: int, ln: Line) -> bool:
        title = self._title_of(ln)
        if title is None or not _PROGRAM_NAME.search(title.text):
            return False
        # a leaf: the next numbered line is not nested under this one
        style = ln.marker.style if ln.marker else ""
        for j in range(i + 1, min(len(self.lines), i + 40)):
            nxt = self.lines[j]
            if nxt.kind is not LineKind.TEXT:
                continue
            if nxt.level and nxt.marker is None:
                return True
            if nxt.marker is not None:
                probe = [f.key for f in self.outline.stack]
                return nxt.marker.style == style or nxt.marker.style in probe[: len(probe) - 1]
        return True

    # -- building ----------------------------------------------------------------------------
    def _section(self, title: str, depth: int | None) -> str:
        entry = self._toc_entry(title)
        if entry is not None and entry.label:
            return entry.label
        if self.chapter:
            return self.chapter
        if depth is not None:
            return " / ".join(a for a in self.outline.ancestors(depth) if a)
        return ""

    def _toc_entry(self, title: str) -> TocEntry | None:
        if not self.toc.entries:
            return None
        key = normalize_heading(title)
        keys = self._toc_keys()
        if key in keys:
            return keys[key]
        best, best_ratio = None, 0.75
        for k, e in keys.items():
            m = difflib.SequenceMatcher(None, key, k)
            if (
                m.real_quick_ratio() >= best_ratio
                and m.quick_ratio() >= best_ratio
                and m.ratio() >= best_ratio
            ):
                best, best_ratio = e, m.ratio()
        return best

    def _toc_keys(self) -> dict[str, TocEntry]:
        if not hasattr(self, "_keys"):
            self._keys = {normalize_heading(e.title): e for e in self.toc.entries}
        return self._keys

    def _open_unit(
        self,
        title: Clean,
        ln: Line,
        depth: int | None,
        *,
        run_in: bool = True,
        section_depth: int | None = None,
    ) -> None:
        """Open a unit titled `title` at line `ln`; an implicit unit (opened at its first field
        heading, `run_in` False) takes its section from its title's depth `section_depth`."""
        self.cur = _Open(
            title=title,
            depth=depth,
            numbered=ln.marker is not None,
            heading_level=ln.level or 9,
            section=self._section(title.text, depth if section_depth is None else section_depth),
        )
        self.cur.line = ln.index
        if ln.marker is not None and ln.marker.style in ("art", "pad"):
            self.cur.article = ln.marker.number  # (第三条, or a card's 01: what a contact table cites)
        elif self.card_number is not None:
            # (an implicit unit opens at its first field; its title is the pending line above)
            at = self.pending_line if not run_in and self.pending is not None else ln.index
            if 0 < at - self.card_number[1] <= 3:
                self.cur.article = self.card_number[0]
        frames = self.outline.stack if depth is None else self.outline.stack[: depth + 1]
        self.cur.direction = next((f.number for f in reversed(frames) if f.key == "lbl"), None)
        self.units.append(self.cur)
        self.fld = None
        self.after_break = False
        # the rest of a run-in title line ("（一）X项目。重点支持...") is the unit's summary
        body_start = ln.end - len(ln.body)
        m = re.search(r"[。:：]", ln.body)
        if m and ln.marker is not None and run_in:
            self._open_field(FieldName.SUMMARY, "", body_start + m.end(), ln.end)

    def _leaf_unit(self, title: Clean, ln: Line, depth: int) -> None:
        t = title
        note = _NOTE_PAREN.search(t.text)
        if note:
            t = tidy_title(t[: note.start()])
        self._open_unit(t, ln, depth)
        assert self.cur is not None
        self.cur.summary_only = True
        if not self.cur.fields:
            self._open_field(FieldName.SUMMARY, "", ln.end, ln.end)

    def _open_field(self, name: FieldName, heading: str, start: int, end: int) -> None:
        assert self.cur is not None
        self.fld = _Field(name, heading)
        self.cur.fields.append(self.fld)
        self.fld.add(start, end, after_break=False)
        self.after_break = False

    def _close(self) -> None:
        self.cur = None
        self.fld = None
        self.after_break = False

    def _build(self, o: _Open) -> Unit | None:
        fields: list[TextField] = []
        for f in o.fields:
            fields.extend(self._field_texts(f))
        names = {f.name for f in fields}
        if not fields and not o.summary_only:
            return None
        if names & _PROGRAM_FIELDS or o.summary_only:
            kind = UnitKind.PROGRAM
        elif names & _POLICY_FIELDS:
            kind = UnitKind.POLICY
        else:
            kind = UnitKind.PROGRAM
        title = o.title
        named = next((f for f in fields if f.name is FieldName.TITLE and _NAMES_IT.match(f.heading)), None)
        one_line = named is not None and "\n" not in named.text.strip()
        if kind is UnitKind.PROGRAM and named is not None and one_line and 2 <= len(named.text.strip()) <= 40:
            # ① 匹配度 96%　🏷免申即享 / 【政策名称】高新技术企业认定奖励: the card names itself
            title = Clean(named.text, named.offsets).strip()
        url = next((u for f in fields if f.name is FieldName.LINK for u in [first_url(f.text)] if u), None)
        issued = next(
            (d for f in fields if f.name is FieldName.ISSUED_AT for d in [find_date(f.text)] if d), None
        )
        return Unit(
            kind=kind,
            title=title.text,
            title_offsets=title.offsets,
            fields=tuple(fields),
            section=o.section,
            url=url,
            published_at=issued,
            number=o.article,
            article=o.direction,
        )

    def _field_texts(self, f: _Field) -> list[TextField]:
        parts: list[Clean] = []
        for (start, end), after_break in zip(f.runs, f.after_break, strict=True):
            for k, para in enumerate(_paragraphs(self.text, start, end)):
                c = clean_span(self.text, para[0], para[1])
                if c.text:
                    parts.append(_mark(c, after_break and k == 0))
        merged = _join_parts(parts, self.text)
        if not merged.text:
            return []
        if self.width:
            merged = _unwrap(merged, self.width, self.text)
        return split_inline(f.name, f.heading, merged)


_DOC_NUMBER = re.compile(r"[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*第?\d+\s*号")


def _unwrap(c: Clean, width: int, text: str) -> Clean:
    """A hard-wrapped field's lines joined where a sentence runs on (对新增规\n模以上工业企业)."""
    lines = c.lines()
    chars, offs = list(lines[0].text), list(lines[0].offsets)
    for prev, line in itertools.pairwise(lines):
        a, b = prev.text.strip(), line.text.strip()
        if a and prev.offsets:
            # (a field that starts after a run-in title, 第五条 绿色制造示范奖励。对新获评…自治区: the
            # printed line it ends is as wide as the others)
            a = text[text.rfind("\n", 0, prev.offsets[0]) + 1 : prev.offsets[-1] + 1].strip() or a
        if not (a and b and continues(a, b, width)):
            chars.append("\n")
            offs.append(line.offsets[0] - 1 if line.offsets else (offs[-1] if offs else 0))
        chars.extend(line.text)
        offs.extend(line.offsets)
    return Clean("".join(chars), tuple(offs))


def _is_sentence(ln: Line) -> bool:
    """A line of prose: it ends with a full stop."""
    p = plain(ln.text)
    return len(p) >= 8 and p.endswith(("。", "."))


def _mark(c: Clean, after_break: bool) -> Clean:
    return _BreakClean(c.text, c.offsets) if after_break else c


class _BreakClean(Clean):
    """A cleaned paragraph that starts right after a removed running header."""


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a document range at blank lines."""
    out = []
    pos = start
    for m in re.finditer(r"\n[ \t\u3000\r]*\n", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return out


def _join_parts(parts: list[Clean], text: str) -> Clean:
    """Join paragraphs; glue a paragraph that stops mid-sentence to the next one when a page break
    (a removed running header, or a long line cut without punctuation) separates them."""
    if not parts:
        return Clean("", ())
    groups: list[list[Clean]] = [[parts[0]]]
    for prev, part in itertools.pairwise(parts):
        last_line = prev.text.rsplit("\n", 1)[-1]
        mid_sentence = _GLUE_END.match(prev.text[-1]) is not None and not _LIST_START.match(part.text)
        # a wrapped line, not a short label, a numbered sub-heading or a table row
        src_line = text[prev.offsets[len(prev.text) - len(last_line)] : prev.offsets[-1] + 1]
        wrapped = (
            "\t" not in src_line
            and "|" not in src_line
            and (len(last_line) >= 25 or (len(last_line) >= 12 and not _LIST_START.match(last_line)))
        )
        if mid_sentence and (isinstance(part, _BreakClean) or wrapped):
            groups[-1].append(part)
        else:
            groups.append([part])
    glued = [join(g, text, rejoin=True) for g in groups]
    return join(glued, text, rejoin=False)


def split_inline(name: FieldName, heading: str, c: Clean) -> list[TextField]:
    """Split a field at run-in headings of a different kind ("3.联系方式：" inside 申报程序)."""
    cuts = [(a, b, n, h) for a, b, n, h in inline_headings(c.text) if n != name]
    out: list[TextField] = []
    pos, cur_name, cur_heading = 0, name, heading
    for a, b, n, h in cuts:
        piece = c[pos:a].strip()
        if piece.text:
            out.append(TextField(cur_name, piece.text, piece.offsets, cur_heading))
        pos, cur_name, cur_heading = b, n, h
    piece = c[pos:].strip()
    if piece.text:
        out.append(TextField(cur_name, piece.text, piece.offsets, cur_heading))
    return out
