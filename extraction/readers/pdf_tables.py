"""Bordered tables of a PDF page laid out one row per line, cells apart by tabs.

PDFium reads a table cell by cell down the page: a row's name, then every line of its conditions
cell, then every line of its benefit cell, each wrapped to its column's width (企业技术改 / 造奖补 /
1.申报主体为… / 按项目生产性设备（含软). The cells' borders are drawn as thin paths, so where a page
draws a grid of at least three columns, its characters are put back into the cells the grid makes and
the table is printed as the tab-separated rows the table reader knows ("1\t企业技术改造奖补\t1.…\t按…").
A row cut by a page break stays two rows; its second has no number, which is how the table reader
tells a fragment from a row. Pages without such a grid keep PDFium's text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extraction.document import FieldName
from extraction.readers.fields import lexicon, normalize_heading

_THIN = 2.0  # points: a border is a path this thin in one direction
_MERGE = 3.0  # points: borders this close are one (a cell's edge drawn by both neighbours)
_MIN_COLUMNS = 3  # a label/value card (2 columns) reads well in PDFium's order already
_MIN_ROWS = 2


@dataclass
class TableRun:
    """The program table the pages before drew: a page that goes on with the same columns and
    prints no header of its own still holds its rows."""

    columns: list[float] = field(default_factory=list)

    def same(self, xs: list[float]) -> bool:
        return len(xs) == len(self.columns) and all(
            abs(a - b) < _MERGE for a, b in zip(xs, self.columns, strict=True)
        )


def page_text_with_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, run: TableRun) -> str | None:
    """The page's text with its bordered program table laid out by rows, or None when it draws none.

    Only a table whose first row names its columns as a program table's do (序号 | 项目类别 | 申报条件 |
    支持标准), or one going on from the page before, is laid out: a card of label/value rows reads
    well in PDFium's order already."""
    xs, ys = _borders(page)
    if len(xs) < _MIN_COLUMNS + 1 or len(ys) < _MIN_ROWS + 1:
        run.columns = []
        return None
    left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]
    header = [
        textpage.get_text_bounded(left=a, bottom=ys[-2], right=b, top=top).replace("\r\n", "")
        for a, b in pairwise(xs)
    ]
    if not (_names_columns(header) or run.same(xs)):
        run.columns = []
        return None
    n = textpage.count_chars()
    cells: dict[tuple[int, int], list[str]] = {}
    inside: list[int] = []
    for i in range(n):
        ch = textpage.get_text_range(i, 1)
        if ch in "\r\n":
            continue
        x0, y0, x1, y1 = textpage.get_charbox(i)
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        if not (left < x < right and bottom < y < top):
            continue
        inside.append(i)
        # rows top to bottom (PDF y grows upwards), columns left to right
        row = len(ys) - 1 - bisect_right(ys, y)
        col = bisect_right(xs, x) - 1
        cells.setdefault((row, col), []).append(ch)
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    between = textpage.get_text_range(first, last - first + 1)
    if sum(1 for ch in between if not ch.isspace()) != len([i for i in inside if not _space(textpage, i)]):
        return None  # text outside the grid read in the middle of it: keep PDFium's order
    rows = []
    for row in range(len(ys) - 1):
        texts = ["".join(cells.get((row, col), [])).strip() for col in range(len(xs) - 1)]
        if any(texts):
            rows.append([t.replace("\t", " ") for t in texts])
    run.columns = xs
    before = textpage.get_text_range(0, first)
    after = textpage.get_text_range(last + 1, n - last - 1) if last + 1 < n else ""
    table = "\n".join("\t".join(r) for r in rows)
    return before.rstrip("\r\n") + "\n" + table + "\n" + after.lstrip("\r\n")


def _names_columns(cells: list[str]) -> bool:
    """序号 | 项目类别 | 申报条件 | 支持标准: a header of a table of programs."""
    names = [lexicon().lookup(normalize_heading(c)) for c in cells if c]
    return FieldName.TITLE in names and sum(n is not None for n in names) >= _MIN_COLUMNS


def _space(textpage: pdfium.PdfTextPage, i: int) -> bool:
    return textpage.get_text_range(i, 1).isspace()


def _borders(page: pdfium.PdfPage) -> tuple[list[float], list[float]]:
    """The x of the grid's vertical borders and the y of its horizontal ones, merged and sorted."""
    verticals: list[tuple[float, float, float]] = []  # x, bottom, top
    horizontals: list[tuple[float, float, float]] = []  # y, left, right
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)):
        x0, y0, x1, y1 = obj.get_bounds()
        if x1 - x0 < _THIN and y1 - y0 > 3 * _THIN:
            verticals.append(((x0 + x1) / 2, y0, y1))
        elif y1 - y0 < _THIN and x1 - x0 > 3 * _THIN:
            horizontals.append(((y0 + y1) / 2, x0, x1))
    if not verticals or not horizontals:
        return [], []
    # (a rule under a notice's masthead is no border: only lines across the verticals' span count)
    low, high = min(b for _, b, _ in verticals) - _MERGE, max(t for _, _, t in verticals) + _MERGE
    ys = [y for y, _, _ in horizontals if low <= y <= high]
    # (a row a page break cuts has no border below it: the verticals end where the page does)
    ys += [low + _MERGE, high - _MERGE]
    xs = [x for x, _, _ in verticals]
    return _merged(xs), _merged(ys)


def _merged(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] < _MERGE:
            continue
        out.append(v)
    return out
