"""A table printed to PDF and read back row by row: a header line that names the columns
(序号 政策名称 政策内容 申报条件 兑现部门 联系电话), then every row as its number alone on a line and its
cells' wrapped lines one after another. The cell borders are gone, so the columns are recovered from
what each kind of cell looks like:

- the line after the row number is the name;
- the last lines that carry phone numbers are the contact, and a short line naming a body before them
  is the department that runs it;
- the lines between are the content and, when the header has a conditions column, the conditions:
  the content cell ends at its first line that closes a sentence and is shorter than the cell's width.

Page numbers (第 1 页 共 6 页) and the header repeated on every page are furniture; a row cut by a page
break runs on after it.
"""

from __future__ import annotations

import re

from extraction.document import FieldName, TextField, Unit, UnitKind
from extraction.readers.cleaner import Clean, clean_span, join
from extraction.readers.fields import lexicon, normalize_heading
from extraction.readers.furniture import printed_width
from extraction.readers.lines import is_page_number

_ROW_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_PHONE = re.compile(r"\d{7,}|\d{3,4}[-－—]\d{7,8}")
_BODY = re.compile(r"(?:局|厅|委|办|委员会|办公室|中心|管委会|政府)(?:[、，,]|$)")
_MIN_ROWS = 3
# what follows a table: its notes (注：…), the next section (二、…类)
_AFTER_TABLE = re.compile(r"^(?:注|备注|说明)\s*\d*\s*[:：]|^[一二三四五六七八九十]{1,3}、")


def read_row_blocks(text: str) -> list[Unit] | None:
    """The rows of a table read row by row, or None when the text holds no such table."""
    lines = _lines(text)
    header = next((k for k, (_a, _b, s) in enumerate(lines) if _columns(s) is not None), None)
    if header is None:
        return None
    columns = _columns(lines[header][2]) or []
    head_key = re.sub(r"\s", "", lines[header][2])
    rows: list[list[tuple[int, int]]] = []
    expected, closed = 1, False
    for a, b, s in lines[header + 1 :]:
        body = s.strip()
        if re.sub(r"\s", "", body) == head_key:
            closed = False  # the header printed again on the next page: the table goes on
            continue
        if not body or is_page_number(body):
            continue
        if _AFTER_TABLE.match(body):
            closed = True  # 注：…简称 / 二、… after the last row: the table has ended
            continue
        number = _ROW_NUMBER.match(body)
        if number and int(number.group(1)) == expected and not closed:
            rows.append([])
            expected += 1
            continue
        if rows and not closed:
            rows[-1].append((a, b))
    units = [u for u in (_row(text, r, columns) for r in rows) if u is not None]
    return units if len(units) >= _MIN_ROWS else None


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _columns(line: str) -> list[FieldName] | None:
    """The fields a header line names (序号 政策名称 政策内容 申报条件 兑现部门 联系电话), or None."""
    cells = line.split()
    if len(cells) < 4 or cells[0] not in ("序号", "编号"):
        return None
    names = [lexicon().lookup(normalize_heading(c), loose=True) for c in cells[1:]]
    if names[0] is not FieldName.TITLE or sum(n is not None for n in names) < 3:
        return None
    return [n for n in names if n is not None]


def _row(text: str, spans: list[tuple[int, int]], columns: list[FieldName]) -> Unit | None:
    parts = [c for c in (clean_span(text, a, b).strip() for a, b in spans) if c.text]
    if len(parts) < 2:
        return None
    title, rest = parts[0], parts[1:]
    fields: list[TextField] = []
    contact = 0
    while (
        contact < len(rest) and _PHONE.search(rest[-1 - contact].text) and len(rest[-1 - contact].text) <= 40
    ):
        contact += 1
    if contact:
        phones = rest[len(rest) - contact :]
        rest = rest[: len(rest) - contact]
        fields += [TextField(FieldName.CONTACT, p.text, p.offsets, "联系电话") for p in phones]
    if rest and len(rest[-1].text) <= 24 and _BODY.search(rest[-1].text):
        dept = rest.pop()
        fields.append(TextField(FieldName.DEPARTMENT, dept.text, dept.offsets, "兑现部门"))
    content, conditions = _split_cells(rest, FieldName.CONDITIONS in columns)
    if content:
        c = join(content, text)
        fields.insert(0, TextField(FieldName.BENEFIT, c.text, c.offsets, "政策内容"))
    if conditions:
        c = join(conditions, text)
        fields.insert(1, TextField(FieldName.CONDITIONS, c.text, c.offsets, "申报条件"))
    return Unit(UnitKind.PROGRAM, title.text, title.offsets, tuple(fields))


def _split_cells(parts: list[Clean], two: bool) -> tuple[list[Clean], list[Clean]]:
    """The content cell's lines and the conditions cell's: the content ends at its first short line
    that closes a sentence (the cells are wrapped to one width)."""
    if not two or len(parts) < 2:
        return parts, []
    width = max(printed_width(p.text) for p in parts)
    for k, p in enumerate(parts[:-1]):
        if p.text.endswith(("。", "；", ";")) and printed_width(p.text) < width - 2:
            return parts[: k + 1], parts[k + 1 :]
    if len(parts) == 2 and parts[0].text.endswith(("。", "；", ";")):
        return parts[:1], parts[1:]  # a one-line content cell and a one-line conditions cell
    return parts, []
