"""A table an export aligned with spaces (a spreadsheet saved as text, a 清单 printed to a console),
seen as tab-separated rows.

序号  政策层级  政策名称              政策依据 …
1     国家      先进制造业企业增值税  《财政部 税务总局关于先进 …
                加计抵减              制造业企业增值税加计抵减政 …

The header names the columns; each column starts where its heading starts, counted in display
width (a Chinese character takes two places). A line whose first column holds a number starts a
row; a line whose first column is empty carries on the cells of the row above (a wrapped cell). The
view prints every row as one line of tab-separated cells, every character remembering the document
offset it came from, so the table reader reads it and its units map back onto the document.
"""

from __future__ import annotations

import re
import unicodedata

from extraction.document import FieldName
from extraction.readers.cleaner import Clean
from extraction.readers.fields import lexicon, normalize_heading

_GAP = re.compile(r"\s{2,}")
_NUMBER = re.compile(r"\d{1,3}")
_MIN_COLUMNS = 4
_MIN_ROWS = 3


def fixed_width_view(text: str) -> Clean | None:
    """The text with its space-aligned table as tab-separated rows, or None when it holds none."""
    lines = _lines(text)
    for k, (a, b) in enumerate(lines):
        starts = _header_starts(text[a:b])
        if starts is None:
            continue
        rows, end = _rows(text, lines, k + 1, starts)
        if len(rows) < _MIN_ROWS:
            continue
        chars: list[str] = []
        offs: list[int] = []
        _copy(text, 0, lines[k][0], chars, offs)
        for row in [_cells(text, a, b, starts) for a, b in [lines[k]]] + rows:
            for col, cell in enumerate(row):
                if col:
                    chars.append("\t")
                    offs.append(offs[-1] if offs else 0)
                for ch, off in cell:
                    chars.append(ch)
                    offs.append(off)
            chars.append("\n")
            offs.append(offs[-1] if offs else 0)
        _copy(text, lines[end][0] if end < len(lines) else len(text), len(text), chars, offs)
        return Clean("".join(chars), tuple(offs))
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _header_starts(line: str) -> list[int] | None:
    """The display column each heading starts at, when the line names a program table's columns."""
    if "\t" in line:
        return None
    cells = [(m.start(), m.group()) for m in re.finditer(r"\S+(?:\s\S+)*", line) if m.group()]
    if len(cells) < _MIN_COLUMNS or not _GAP.search(line.strip()):
        return None
    names = [lexicon().lookup(normalize_heading(c)) for _, c in cells]
    if FieldName.TITLE not in names or sum(n is not None for n in names) < 3:
        return None
    return [sum(_width(ch) for ch in line[:start]) for start, _ in cells]


def _cells(text: str, a: int, b: int, starts: list[int]) -> list[list[tuple[str, int]]]:
    """The line's characters by column (spaces at a cell's edges dropped)."""
    cells: list[list[tuple[str, int]]] = [[] for _ in starts]
    col = 0
    for i in range(a, b):
        ch = text[i]
        k = max(j for j, s in enumerate(starts) if s <= col) if col >= starts[0] else 0
        col += _width(ch)
        cells[k].append((ch, i))
    return [_trimmed(c) for c in cells]


def _trimmed(cell: list[tuple[str, int]]) -> list[tuple[str, int]]:
    start, end = 0, len(cell)
    while start < end and cell[start][0].isspace():
        start += 1
    while end > start and cell[end - 1][0].isspace():
        end -= 1
    return cell[start:end]


def _rows(
    text: str, lines: list[tuple[int, int]], first: int, starts: list[int]
) -> tuple[list[list[list[tuple[str, int]]]], int]:
    """The table's rows, each wrapped cell joined, and the index of the line after the table."""
    rows: list[list[list[tuple[str, int]]]] = []
    k = first
    while k < len(lines):
        a, b = lines[k]
        line = text[a:b]
        if not line.strip():
            if rows:
                break
            k += 1
            continue
        cells = _cells(text, a, b, starts)
        number = "".join(ch for ch, _ in cells[0])
        if _NUMBER.fullmatch(number):
            rows.append(cells)
        elif not number and rows:
            for col, cell in enumerate(cells):
                above = rows[-1][col]
                if above and cell and above[-1][0].isdigit() and cell[0][0].isdigit():
                    above.append((" ", cell[0][1]))  # 0451-86631245 / 0451-88316620: two phones, not one
                above.extend(cell)  # a wrapped cell goes on
        else:
            break
        k += 1
    return rows, k


def _copy(text: str, a: int, b: int, chars: list[str], offs: list[int]) -> None:
    for i in range(a, b):
        chars.append(text[i])
        offs.append(i)
