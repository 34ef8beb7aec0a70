"""A whole HTML page seen as markdown-like lines, with an offset map back to the page.

Readers work line by line, which a web page (one long line of tags) defeats. `html_view` renders
the page as text: block tags become line breaks, headings become `#` lines, table cells are
separated by tabs, scripts and styles disappear, entities are decoded; every character of the view
remembers the page offset it came from (a synthetic break points at its tag's `<`). The readers
segment the view and `remap` their units back onto the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace

from extraction.document import Unit
from extraction.readers.cleaner import Clean

_PAGE = re.compile(r"<(?:!DOCTYPE\s+html|html|body|head)\b", re.I)
_TOKEN = re.compile(
    r"(?P<drop><(?P<dtag>script|style|head|noscript|template|footer|nav)\b[^>]*>.*?</(?P=dtag)\s*>|<!--.*?-->"
    r"|<![^>]*>|<%.*?%>|<\?.*?\?>)"
    r"|(?P<endheading></h[1-6]\s*>)"
    r"|(?P<heading><h(?P<level>[1-6])\b[^>]*>)"
    r"|(?P<cell><t[dh]\b[^>]*>)"
    r"|(?P<block></?(?:p|div|li|br|tr|ul|ol|table|tbody|thead|section|article|h[1-6]|blockquote|pre|dd|dt)\b[^>]*/?>)"
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>)"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)"
    r"|(?P<space>\s+)",
    re.DOTALL | re.IGNORECASE,
)


# A site's own blocks around the notice: the menu, the footer (主办单位, 网站标识码, the site's phone),
# a list's filters and pager.
# Named so by their id or class on nearly every portal; dropped whole, nested blocks included.
_CHROME = re.compile(
    r"<(?P<tag>div|ul|table)\b[^>]*\b(?:id|class)\s*=\s*[\"'][^\"']*?"
    r"(?<![\w-])(?:footer|foot|copyright|nav|navbar|menu|topbar|top-bar"
    # a portal's search box, filter panel and pager around its list
    r"|(?:filter|filters|search|pager|pagination|paging|breadcrumb|crumbs?)(?:-(?:panel|bar|box|wrap))?)"
    r"(?![\w-])[^\"']*[\"'][^>]*>",
    re.I,
)


def _chrome_end(text: str, start: int, tag: str) -> int:
    """Where the block opened at `start` closes (the end of the page if it never does)."""
    depth = 0
    for m in re.compile(rf"<(/?){tag}\b[^>]*>", re.I).finditer(text, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return len(text)


_ROWSPAN = re.compile(r"\browspan\s*=\s*[\"']?(\d{1,3})", re.I)
_COLSPAN = re.compile(r"\bcolspan\s*=\s*[\"']?(\d{1,3})", re.I)


def looks_like_html_page(text: str) -> bool:
    """A web page rather than markdown with HTML fragments: a page tag near the top, or many
    block tags on few lines."""
    if _PAGE.search(text[:3000]):
        return True
    blocks = len(re.findall(r"<(?:p|div|td|tr|li|br)\b", text[:200000], re.I))
    return blocks >= 30 and text.count("\n") * 5 < blocks


def html_view(text: str) -> Clean:
    chars: list[str] = []
    offs: list[int] = []

    def put(ch: str, off: int) -> None:
        if ch == "\n":
            while chars and chars[-1] == " ":
                chars.pop()
                offs.pop()
            if chars and chars[-1] == "\n" and len(chars) > 1 and chars[-2] == "\n":
                return  # at most one blank line
        elif ch == " " and (not chars or chars[-1] in " \n\t"):
            return
        chars.append(ch)
        offs.append(off)

    pos = 0
    in_heading = False  # inside <hN>: a <br> is a space, the heading stays one line
    # Inside a table cell: a paragraph or a <br> is a space too, so a row stays one line of
    # tab-separated cells (Word pastes a <p> into every cell); a row or a table ends the cell.
    in_cell = False
    # a cell that spans rows (rowspan) leaves its column empty in the rows below: an empty cell is
    # put there, so every row of the table keeps its cells in their columns
    col = 0
    spans: dict[int, int] = {}  # column -> rows below that it still spans
    # The browser numbers an <ol>'s items; the text has no numbers of its own. The view prints
    # them ("1." outside, "（1）" in a nested list) so a list of measures reads as numbered items.
    lists: list[int | None] = []  # per open list: the next item's number, None in a <ul>

    def spanned(s: int) -> None:
        """Empty cells for the columns from `col` on that cells above span."""
        nonlocal col
        while spans.get(col, 0) > 0:
            spans[col] -= 1
            put("\t", s)
            col += 1

    for m in _TOKEN.finditer(text):
        if m.start() < pos:  # inside a block of the site's chrome
            continue
        if m.start() > pos:
            for k in range(pos, m.start()):
                put(text[k], k)
        pos = m.end()
        kind = m.lastgroup
        s = m.start()
        if kind == "block" and (chrome := _CHROME.match(m.group())):
            pos = _chrome_end(text, s, chrome.group("tag"))
            continue
        if kind in ("drop", "dtag", "tag"):
            continue  # comments, scripts, directives, inline tags
        if kind in ("heading", "level"):
            put("\n", s)
            put("\n", s)
            for _ in range(int(m.group("level"))):
                put("#", s)
            put(" ", s)
            in_heading = True
        elif kind == "endheading":
            put("\n", s)
            in_heading = False
        elif kind == "cell":
            spanned(s)
            put("\t", s)
            in_cell = True
            if (rows := _ROWSPAN.search(m.group())) and int(rows.group(1)) > 1:
                spans[col] = int(rows.group(1)) - 1
            cols = _COLSPAN.search(m.group())
            col += int(cols.group(1)) if cols else 1
        elif kind == "block":
            if in_cell and re.match(r"</?(?:tr|table|tbody|thead)\b", m.group(), re.I):
                in_cell = False
            if re.match(r"</tr\b", m.group(), re.I):
                # the last columns a cell above still spans, then a new row
                while col <= max(spans, default=-1):
                    spanned(s)
                    col += 1
                col = 0
            elif re.match(r"<tr\b", m.group(), re.I):
                col = 0
            elif re.match(r"</?table\b", m.group(), re.I):
                col, spans = 0, {}
            put(" " if in_heading or in_cell else "\n", s)
            if tag := re.match(r"<(/?)(ol|ul|li)\b", m.group(), re.I):
                _number_item(tag.group(1), tag.group(2).lower(), m.group(), lists, put, s)
        elif kind == "entity":
            for ch in html.unescape(m.group()):
                put(" " if ch in "\xa0\u3000" else ch, s)
        elif kind == "space":
            put(" ", s)
    for k in range(pos, len(text)):
        put(text[k], k)
    return Clean("".join(chars), tuple(offs))


def _number_item(
    close: str, tag: str, token: str, lists: list[int | None], put: Callable[[str, int], None], s: int
) -> None:
    """Keep the stack of open lists; at an <ol>'s item, print its number."""
    if tag in ("ol", "ul") and close:
        if lists:
            lists.pop()
    elif tag == "ol":
        start = re.search(r"\bstart\s*=\s*[\"']?(\d{1,4})", token, re.I)
        lists.append(int(start.group(1)) if start else 1)
    elif tag == "ul":
        lists.append(None)
    elif tag == "li" and not close and lists and lists[-1] is not None:
        n = lists[-1]
        lists[-1] = n + 1
        for ch in f"{n}." if sum(x is not None for x in lists) == 1 else f"（{n}）":
            put(ch, s)


def remap(unit: Unit, offsets: tuple[int, ...]) -> Unit:
    """A unit read from the view, its offsets moved onto the page."""
    return replace(
        unit,
        title_offsets=tuple(offsets[o] for o in unit.title_offsets),
        fields=tuple(replace(f, offsets=tuple(offsets[o] for o in f.offsets)) for f in unit.fields),
    )
