"""Tab-separated program tables (序号 | 政策名称 | 政策简介 | ... | 服务联系方式).

Long rows are printed as several fragments, each repeating the header row and the 序号 and
政策名称 cells; fragments of one 序号 are merged back into one program, each column's distinct
fragment texts kept as separate fields (so offsets stay contiguous), repeated cells dropped.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from extraction.document import FieldName, TextField, Unit, UnitKind
from extraction.readers.cleaner import Clean, clean_span
from extraction.readers.fields import lexicon, normalize_heading
from extraction.readers.lines import Line, LineKind, classify, split_lines
from extraction.readers.numbering import parse_marker
from extraction.readers.tidy import first_url, tidy_title

_NUMBER_HEADINGS = {"序号", "编号", "序", "No", "NO"}
_CATEGORY_HEADINGS = {"类别", "分类", "政策类别", "政策分类", "类型"}


@dataclass
class _Header:
    line: int
    columns: list[FieldName | None]
    headings: list[str]
    number_col: int | None
    title_col: int | None
    key: tuple[str, ...]


@dataclass
class _Group:
    number: str
    section: str
    rows: list[list[tuple[int, int]]] = field(default_factory=list)


def _is_row(ln: Line) -> bool:
    return "\t" in ln.text or _is_pipe_row(ln.text)


def _is_pipe_row(text: str) -> bool:
    t = text.strip()
    return t.startswith("|") and t.count("|") >= 3


def _cells(ln: Line) -> list[tuple[int, int]]:
    """Document ranges of a row's cells: tab-separated, or a markdown pipe row `| a | b |`."""
    text, base = ln.text, ln.start
    sep = "\t"
    if "\t" not in text and _is_pipe_row(text):
        sep = "|"
        lead = text.index("|") + 1
        text, base = text[lead : text.rstrip().rindex("|")], base + lead
    out = []
    pos = base
    for part in text.split(sep):
        a = pos + (len(part) - len(part.lstrip()))
        b = pos + len(part.rstrip())
        out.append((a, max(a, b)))
        pos += len(part) + 1
    return out


def _header(ln: Line, text: str) -> _Header | None:
    if not _is_row(ln):
        return None
    cells = [text[a:b] for a, b in _cells(ln)]
    lex = lexicon()
    columns: list[FieldName | None] = []
    number_col = title_col = None
    mapped = 0
    for k, c in enumerate(cells):
        key = normalize_heading(c)
        name = lex.lookup(key)
        if key in _NUMBER_HEADINGS:
            number_col = k
            name = None
        elif name is FieldName.TITLE and title_col is None:
            title_col = k
        if name is not None:
            mapped += 1
        columns.append(name)
    keys = [normalize_heading(c) for c in cells]
    if title_col is None and number_col is not None and mapped >= 2 and "类别" in keys:
        # 序号 | 类别 | 支持内容 | 申报条件 | 受理科室: numbered rows named by their category (without a
        # 序号, 类别 | 条件 | 奖补标准 lists the tiers of one measure)
        title_col = keys.index("类别")
        columns[title_col] = FieldName.TITLE
        mapped += 1
    if mapped < 3 or title_col is None:
        return None
    key = tuple(normalize_heading(c) for c in cells)
    return _Header(ln.index, columns, [normalize_heading(c) for c in cells], number_col, title_col, key)


def find_header(text: str, lines: list[Line]) -> _Header | None:
    for ln in lines:
        if ln.kind is LineKind.TEXT:
            h = _header(ln, text)
            if h is not None:
                return h
    return None


def looks_like_table(text: str) -> bool:
    """A document whose body is mostly rows of one program table."""
    lines = split_lines(text)
    header = None
    for ln in lines:
        if _is_row(ln):
            header = _header(ln, text)
            if header is not None:
                break
    if header is None:
        return False
    width = len(header.columns)
    rows = sum(1 for _, cells, _ in _logical_rows(text, lines, width) if len(cells) == width)
    prose = sum(1 for ln in lines if not _is_row(ln) and len(ln.text.strip()) > 40)
    return rows >= 3 and rows > prose


def read_table(text: str) -> tuple[list[Unit], dict[str, str | None]]:
    lines = split_lines(text)
    classify(lines)
    header, groups, _ = parse_rows(text, lines)
    if header is None:
        return [], {"title": "", "issuer": "", "published_at": None}
    return table_units(text, header, groups), {
        "title": _doc_title(text, lines, header),
        "issuer": "",
        "published_at": None,
    }


def table_units(text: str, header: _Header, groups: list[_Group]) -> list[Unit]:
    return [u for u in (_unit(text, header, g) for g in groups) if u is not None]


def _logical_rows(
    text: str, lines: list[Line], width: int | None = None
) -> list[tuple[Line, list[tuple[int, int]], list[int]]]:
    """Rows with their cells; a quoted cell holding line breaks (a spreadsheet export: `"第一行
    第二行"`) joins the physical lines it spans into one row, and so does a cell copied from a web
    page with its line break bare: a row short of the header's `width` whose next line makes it up
    (…奖励50万元；\n对通过复核的，再给予20万元 ⇥ 济政字〔2025〕16号 ⇥ 市工信局)."""
    out: list[tuple[Line, list[tuple[int, int]], list[int]]] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        i += 1
        if ln.kind is not LineKind.TEXT or not _is_row(ln):
            continue
        cells = _cells(ln)
        spanned = [ln.index]
        while cells and i < len(lines):
            nxt = lines[i]
            more = _cells(nxt) if "\t" in nxt.text else [(nxt.start, nxt.end)]
            quoted = _open_quote(text[cells[-1][0] : cells[-1][1]])
            if not quoted and not _completes(text, cells, nxt, more, width):
                break
            i += 1
            spanned.append(nxt.index)
            cells[-1] = (cells[-1][0], more[0][1])
            cells.extend(more[1:])
        out.append((ln, [_unquote(text, c) for c in cells], spanned))
    return out


def _completes(
    text: str, cells: list[tuple[int, int]], nxt: Line, more: list[tuple[int, int]], width: int | None
) -> bool:
    """The next line holds the rest of a row cut short by a bare line break in its last cell."""
    if width is None or nxt.kind is not LineKind.TEXT or len(cells) >= width:
        return False
    if len(cells) + len(more) - 1 != width or not text[cells[-1][0] : cells[-1][1]].strip():
        return False
    head = text[more[0][0] : more[0][1]].strip()
    return bool(head) and not re.fullmatch(r"\d{1,3}", head)  # (a new row starts with its number)


def _open_quote(cell: str) -> bool:
    return cell.startswith('"') and cell.count('"') % 2 == 1


def _unquote(text: str, cell: tuple[int, int]) -> tuple[int, int]:
    a, b = cell
    if b - a >= 2 and text[a] == '"' and text[b - 1] == '"':
        return a + 1, b - 1
    return cell


def parse_rows(text: str, lines: list[Line]) -> tuple[_Header | None, list[_Group], set[int]]:
    """The program table's header, its rows grouped by program, and the line indices it takes."""
    header = find_header(text, lines)
    if header is None:
        return None, [], set()
    groups: list[_Group] = []
    taken = {header.line}
    section = ""
    width = len(header.columns)
    # 类别 beside the column that names the rows: a merged cell, printed on the first row of its
    # group only; each row sits under it, as under a section row
    category_col = next(
        (k for k, h in enumerate(header.headings) if h in _CATEGORY_HEADINGS and k != header.title_col), None
    )
    category = ""
    for ln, cells, spanned in _logical_rows(text, lines, width):
        texts = [text[a:b] for a, b in cells]
        if tuple(normalize_heading(t) for t in texts) == header.key:
            taken.add(ln.index)
            continue
        if all(re.fullmatch(r"[\s:：\-—]*", t) for t in texts):
            if ln.index > header.line:
                taken.add(ln.index)
            continue  # a markdown separator row |---|---|
        filled = [k for k, t in enumerate(texts) if t.strip()]
        if len(filled) == 1 and len(cells) >= 2 and not re.fullmatch(r"\d+", texts[filled[0]].strip()):
            section = _section_label(text, cells[filled[0]])
            if ln.index > header.line:
                taken.add(ln.index)
            continue
        if ln.index < header.line or not width - 1 <= len(cells) <= width + 1:
            continue  # before the header, or a row of some other table
        taken.update(spanned)
        if len(cells) < width:
            cells += [(ln.end, ln.end)] * (width - len(cells))
        number = texts[header.number_col].strip() if header.number_col is not None else ""
        title = normalize_heading(texts[header.title_col]) if header.title_col is not None else ""
        if category_col is not None and category_col < len(texts):
            category = _section_label(text, cells[category_col]) or category
        under = " / ".join(p for p in (section, category) if p)
        last = groups[-1] if groups else None
        same = (
            last is not None
            and last.section == under
            and (
                (number and number == last.number)
                or (not number and title and title == _title_key(text, header, last))
                # a fragment whose 序号 and name cells were left empty continues the row above
                or (not number and not title)
            )
        )
        if not same:
            last = _Group(number, under)
            groups.append(last)
        assert last is not None
        last.rows.append(cells[:width])
    return header, groups, taken


def _title_key(text: str, header: _Header, g: _Group) -> str:
    a, b = g.rows[0][header.title_col]  # type: ignore[index]
    return normalize_heading(text[a:b])


def _section_label(text: str, cell: tuple[int, int]) -> str:
    s = text[cell[0] : cell[1]].strip()
    m = parse_marker(s)
    return s[m.length :].strip() if m else s


def _squash(s: str) -> str:
    return re.sub(r"[\W_]+", "", s)


def _duplicate(new: str, seen: list[str]) -> bool:
    n = _squash(new)
    for old in seen:
        o = _squash(old)
        if n == o or (len(n) >= 4 and n in o):
            return True
        if len(n) > 20 and len(o) > 20:
            head_n, head_o = n[:300], o[:300]
            if difflib.SequenceMatcher(None, head_n, head_o, autojunk=False).quick_ratio() > 0.95 and (
                difflib.SequenceMatcher(None, head_n, head_o, autojunk=False).ratio() > 0.9
            ):
                return True
    return False


def _unit(text: str, header: _Header, g: _Group) -> Unit | None:
    if header.title_col is None:
        return None
    a, b = g.rows[0][header.title_col]
    title = tidy_title(clean_span(text, a, b))
    if not title.text:
        return None
    fields: list[TextField] = []
    for col, name in enumerate(header.columns):
        if col in (header.number_col, header.title_col):
            continue
        seen: list[str] = []
        for row in g.rows:
            s, e = row[col]
            c: Clean = clean_span(text, s, e)
            if not c.text or re.fullmatch(r"[/\\\-—无－\s]*", c.text):
                continue
            if _duplicate(c.text, seen):
                continue
            seen.append(c.text)
            fields.append(TextField(name or FieldName.BODY, c.text, c.offsets, header.headings[col]))
    url = next((u for f in fields if f.name is FieldName.LINK for u in [first_url(f.text)] if u), None)
    return Unit(
        kind=UnitKind.PROGRAM,
        title=title.text,
        title_offsets=title.offsets,
        fields=tuple(fields),
        section=g.section,
        url=url,
    )


def _doc_title(text: str, lines: list[Line], header: _Header) -> str:
    for ln in reversed(lines[: header.line]):
        if ln.kind is LineKind.TEXT and not _is_row(ln) and len(ln.text.strip()) <= 60:
            return tidy_title(clean_span(text, ln.start, ln.end)).text
    return ""
