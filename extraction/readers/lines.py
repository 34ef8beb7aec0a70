"""A markdown document as classified lines: tables of contents, running page headers, headings,
numbering markers and field headings, before the lines are grouped into units."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from extraction.readers.fields import HeadingMatch, lexicon, match_heading_line, normalize_heading
from extraction.readers.furniture import page_key
from extraction.readers.numbering import Marker, parse_marker


class LineKind(StrEnum):
    BLANK = "blank"
    TOC = "toc"  # inside a table of contents
    PAGEHEAD = "pagehead"  # a running header or page number repeated at a page break
    FORM = "form"  # inside an annex that is a blank form (申报表, 承诺书, 任务书 ...)
    TABLE = "table"  # a row of a program table, read by the table reader
    TEXT = "text"


@dataclass
class Line:
    index: int
    start: int  # document offset of the first character
    end: int  # document offset after the last character (line break excluded)
    text: str
    kind: LineKind = LineKind.TEXT
    level: int = 0  # markdown heading level, 0 if not a heading
    marker: Marker | None = None
    field: HeadingMatch | None = None
    body: str = ""  # the text after the heading hashes, markup and marker
    bold: bool = False  # a heading only because it is printed all in bold

    @property
    def kept(self) -> bool:
        return self.kind in (LineKind.TEXT, LineKind.BLANK)


@dataclass
class TocEntry:
    title: str
    label: str  # the chapter / group label the entry sits under
    page: int
    style: str = ""  # the numbering style printed before the title, "" for none


@dataclass
class Toc:
    first: int = -1  # line index range, inclusive
    last: int = -1
    entries: list[TocEntry] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


_HEADING = re.compile(r"^(#{1,6})\s*")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|<b>|<strong>)[^*<>\n]{2,40}(?:\*\*|</b>|</strong>)\s*$", re.I)
_BOLD_LEVEL = 4
_TOC_TITLE = re.compile(r"^(?:目\s*录|目\s*次|contents)$", re.I)
_TOC_ENTRY = re.compile(
    r"^(?P<title>.*?\S)\s*(?:[.…·．_\-]{2,}|\t|\s)\s*[.…·．_\-]*\s*(?P<page>\d{1,3})\s*[|]?\s*$"
)
_LEADER_ENTRY = re.compile(r"^.*\S\s*(?:[.…·．]{3,}|…{2,})\s*\d{1,3}\s*$")
_SEPARATOR = re.compile(r"^[\s\-=_|:*—]+$")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[章篇编部]\s*\S")
_RUNNING_PREFIX = re.compile(r"^(?:»|>>|》|›|>|→|\|)+\s*")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–·]+\s*\d{1,3}\s*[-—–·]+|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)


def is_page_number(line: str) -> bool:
    """— 2 —, 第 1 页 共 6 页, 3/12: a printed page number on a line of its own."""
    return bool(_PAGE_NUMBER.match(line))


# (━━ 01 梯度培育奖励 ━━: a WeChat card's rules around its number and heading)
_LEAD = re.compile(r"^(?:\s|\*\*|__|<b>|</b>|<strong>|</strong>|[-*+]\s|[━─═]{2,})*", re.I)
_DECOR_START = re.compile(r"^[^\w\u4e00-\u9fff（(【\[《“\"]")


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        end = pos + len(raw)
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(i, pos, pos + len(body), body))
        pos = end + 1
    return lines


def classify(lines: list[Line]) -> Toc:
    """Mark blank, TOC and running-header lines; parse heading levels, markers and field headings."""
    for ln in lines:
        if not ln.text.strip():
            ln.kind = LineKind.BLANK
            continue
        m = _HEADING.match(ln.text)
        rest = ln.text
        if m:
            ln.level = len(m.group(1))
            rest = rest[m.end() :]
        rest = rest[_LEAD.match(rest).end() :]
        if not _DECOR_START.match(rest):
            ln.marker = parse_marker(rest)
        ln.body = rest[ln.marker.length :] if ln.marker else rest
        ln.field = _field_heading(ln.text)
        if not ln.level and ln.marker is None and ln.field is None and _BOLD_LINE.match(ln.text):
            ln.level = _BOLD_LEVEL  # a short line printed all in bold is a heading
            ln.bold = True
    toc = find_toc(lines)
    mark_leader_toc(lines, toc)
    mark_running_headers(lines, toc)
    mark_form_annexes(lines)
    return toc


def _field_heading(text: str) -> HeadingMatch | None:
    kv = _key_value(text)
    if kv is not None:
        return kv
    if "\t" in text:
        cells = [c.strip() for c in text.split("\t") if c.strip()]
        if len(cells) >= 2 and not (parse_marker(re.sub(r"<[^>]+>", "", cells[0])) and len(cells) == 2):
            return None
        if len(cells) == 2 and len(re.sub(r"<[^>]+>", "", cells[0])) > 6:
            return None
    return match_heading_line(text)


def _key_value(text: str) -> HeadingMatch | None:
    """A two-cell row "申报条件<TAB>..." (or "| 申报条件 | ... |") of a key-value table."""
    if "\t" in text:
        parts = text.split("\t")
    elif text.strip().startswith("|") and text.count("|") == 3:
        parts = text.strip().strip("|").split("|")
    else:
        return None
    cells = [(k, p) for k, p in enumerate(parts) if p.strip()]
    if len(cells) != 2 or cells[0][0] != 0:
        return None
    key = normalize_heading(re.sub(r"<[^>]+>", "", cells[0][1]))
    if not key or len(key) > 12:
        return None
    name = lexicon().lookup(key)
    if name is None:
        return None
    value = cells[1][1]
    start = text.index(value.strip(), text.index(cells[0][1].strip()) + len(cells[0][1].strip()))
    return HeadingMatch(name, key, None, start, False)


def plain(text: str) -> str:
    """A line without markdown heading hashes, emphasis and tags, spaces folded."""
    text = _HEADING.sub("", text)
    text = re.sub(r"</?[a-zA-Z][^>]*>|\*\*|__", "", text)
    return re.sub(r"[\s\u3000]+", " ", text).strip()


def find_toc(lines: list[Line]) -> Toc:
    toc = Toc()
    for i, ln in enumerate(lines):
        if ln.kind is LineKind.TEXT and _TOC_TITLE.match(normalize_heading(plain(ln.text))):
            toc.first = i
            break
    if toc.first < 0:
        return toc
    last_entry = -1
    label = ""
    pending: list[str] = []
    misses = 0
    for j in range(toc.first + 1, len(lines)):
        ln = lines[j]
        if ln.kind is LineKind.BLANK:
            continue
        p = plain(ln.text).strip("| ")
        if _SEPARATOR.match(p):
            continue
        m = _TOC_ENTRY.match(p)
        if m and len(m.group("title")) >= 2 and not re.fullmatch(r"[\d\s.]+", m.group("title")):
            title = re.sub(r"[.…·．_\-\s]+$", "", m.group("title"))
            if pending:
                label = pending[-1]
                toc.labels.extend(pending)
                pending = []
            marker = parse_marker(title)
            toc.entries.append(
                TocEntry(_strip_marker(title), label, int(m.group("page")), marker.style if marker else "")
            )
            last_entry = j
            misses = 0
            continue
        misses += 1
        if len(p) > 40 or misses > 6:
            break
        pending.append(_strip_chapter_prefix(p))
    if last_entry < 0:
        toc.first = -1
        return toc
    toc.last = last_entry
    _group_labels(toc)
    for k in range(toc.first, last_entry + 1):
        if lines[k].kind is LineKind.TEXT:
            lines[k].kind = LineKind.TOC
    return toc


def _group_labels(toc: Toc) -> None:
    """When most entries are numbered 1./2./..., the entries printed otherwise (unnumbered, or
    一、 over 1.) are group headings with page numbers: labels, not items."""
    styles = [e.style for e in toc.entries]
    if not styles or styles.count("ar") * 5 < len(styles) * 3:
        return
    entries: list[TocEntry] = []
    label = ""
    for e in toc.entries:
        if e.style in ("", "cn", "chap"):
            label = e.title
            toc.labels.append(e.title)
            continue
        both = " / ".join(dict.fromkeys(x for x in (label, e.label) if x))
        entries.append(TocEntry(e.title, both, e.page, e.style))
    toc.entries = entries


def _strip_marker(title: str) -> str:
    m = parse_marker(title)
    return title[m.length :].strip() if m else title.strip()


def _strip_chapter_prefix(p: str) -> str:
    return re.sub(r"^[■□◆●▲\s]+", "", p).strip()


def chapter_name(text: str) -> str | None:
    """The chapter a heading names ("第二章 资金支持升级"), with any running-header prefix removed."""
    p = _RUNNING_PREFIX.sub("", plain(text))
    return p if _CHAPTER.match(p) else None


def mark_running_headers(lines: list[Line], toc: Toc) -> None:
    """Page-break debris: headings with a running prefix (» / >>), repeated chapter headings (also
    as plain lines), headings repeated on many pages, page numbers. A chapter heading seen for the
    first time (and not in the table of contents) stays: it may be real structure."""
    known = {normalize_heading(x) for x in toc.labels if _CHAPTER.match(x)}
    repeats = Counter(
        normalize_heading(plain(ln.text))
        for ln in lines
        if ln.kind is LineKind.TEXT and ln.level and ln.marker is None and ln.field is None
    )
    seen: set[str] = set()
    printed = _headers_at_page_breaks(lines)
    for ln in lines:
        if ln.kind is not LineKind.TEXT:
            continue
        if _PAGE_NUMBER.match(ln.text) or not ln.text.strip("\f \t") or page_key(ln.text.strip()) in printed:
            ln.kind = LineKind.PAGEHEAD  # a page number, a form feed, a title printed on every page
            continue
        name = chapter_name(ln.text)
        if not ln.level and not _RUNNING_PREFIX.match(ln.text.strip()):
            if name is not None and normalize_heading(name) in known:
                ln.kind = LineKind.PAGEHEAD  # a chapter title repeated as a plain line
            continue
        if name is None:
            key = normalize_heading(plain(ln.text))
            if ln.marker is None and ln.field is None and repeats[key] >= 3:
                if key in seen:
                    ln.kind = LineKind.PAGEHEAD  # the same heading on many pages: a running header
                seen.add(key)
            continue
        key = normalize_heading(name)
        if _RUNNING_PREFIX.match(plain(ln.text)) or key in known:
            ln.kind = LineKind.PAGEHEAD
        known.add(key)


def _headers_at_page_breaks(lines: list[Line]) -> set[str]:
    """Short lines printed next to a PDF's page breaks again and again (某某市人民政府文件)."""
    near: Counter[str] = Counter()
    # a form feed, or a printed page number (— 2 —) where a copy out of a PDF lost its form feeds
    breaks = [i for i, ln in enumerate(lines) if "\f" in ln.text or _PAGE_NUMBER.match(ln.text.strip())]
    for i in breaks:
        for j in (*range(max(0, i - 3), i), *range(i + 1, min(len(lines), i + 4))):
            s = lines[j].text.strip()
            # (a table's header row printed again on every page is the table's: its reader skips it)
            if 0 < len(s) <= 120 and "\f" not in s and "\t" not in s and not _PAGE_NUMBER.match(s):
                near[page_key(s)] += 1
    # a field label (条件要求, 联系方式) that happens to end many pages is content
    return {s for s, n in near.items() if n >= max(3, len(breaks) // 4) and _field_heading(s) is None}


def mark_leader_toc(lines: list[Line], toc: Toc) -> None:
    """Without a 目录 title, three or more lines with dot leaders and page numbers are still a TOC."""
    if toc.first >= 0:
        return
    run: list[Line] = []
    for ln in [*lines, None]:
        if ln is not None and ln.kind is LineKind.BLANK:
            continue
        if ln is not None and ln.kind is LineKind.TEXT and _LEADER_ENTRY.match(plain(ln.text)):
            run.append(ln)
            continue
        if len(run) >= 3:
            for r in run:
                r.kind = LineKind.TOC
        run = []


_ANNEX = re.compile(r"^附件\s*[\d\-－—.、]*\s*$")
_FORM_TITLE = re.compile(r"(?:表|书|单|模板|样表|样本|格式|回执)[)）]?$")


def mark_form_annexes(lines: list[Line]) -> None:
    """Annexes that are blank forms (汇总表, 信用承诺书, 核查表, 任务书) hold no programs: their lines
    are set aside up to the next annex marker."""
    in_form = False
    for i, ln in enumerate(lines):
        if ln.kind not in (LineKind.TEXT, LineKind.FORM):
            continue
        p = normalize_heading(plain(ln.text))
        if _ANNEX.match(p):
            in_form = _is_form(lines, i)
            if in_form:
                ln.kind = LineKind.FORM
            continue
        if in_form and ln.kind is LineKind.TEXT:
            ln.kind = LineKind.FORM


def _is_form(lines: list[Line], i: int) -> bool:
    seen = 0
    for ln in lines[i + 1 : i + 12]:
        if ln.kind is not LineKind.TEXT:
            continue
        p = re.sub(r"[\s（(]*(?:参考格式|样式|样表)[)）]?$", "", normalize_heading(plain(ln.text)))
        if _FORM_TITLE.search(p) and len(p) <= 60:
            return True
        seen += 1
        if seen >= 3:
            break
    return False
