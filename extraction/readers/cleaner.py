"""Markdown/HTML fragments to clean text that remembers where every character came from.

`clean(src, offsets)` strips tags and markdown markup, unescapes entities, turns block tags into
line breaks and folds white space. Each output character keeps the document offset of its source
character; a character decoded from an entity (or a JSON escape, upstream) points at the entity's
first character, a line break made from a tag points at the tag's `<`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

_SPACE = " \t\u3000\xa0\u2002\u2003\u2009\u200b\f\v"
_NEWLINES = "\r\n"
_WS_RUN = re.compile("[" + re.escape(_SPACE + _NEWLINES) + "]+")

# One alternation, tried left to right at each position; groups are named so the handler knows.
# The lookahead lists the characters a token can start with (every branch consumes one of them
# first): plain text is skipped with one set test per character instead of eleven failed branches
# (about four times faster on Chinese prose; the matches are the same).
_TOKEN = re.compile(
    r"(?=[<\[&\\*_`|\t #\-+•·>])"
    r"(?:(?P<anchor><a\s[^>]*?href\s*=\s*[\"'](?P<href>[^\"']*)[\"'][^>]*>(?P<atext>.{0,2000}?)</a\s*>)"
    r"|(?P<autolink><(?P<aurl>(?:https?|ftp)://[^>\s]+)>)"
    r"|(?P<mdlink>\[(?P<mtext>[^\]\n]*(?:\n[^\]\n]*)?)\]\((?P<murl>[^)\s]+)\))"
    r"|(?P<block></?(?:p|li|br|div|tr|ol|ul|h[1-6]|table|tbody|thead|blockquote|section)\b[^>]*>)"
    r"|(?P<cell></?(?:td|th)\b[^>]*>|[ \t]*\|[ \t]*)"
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>)"
    r"|(?P<comment><!--.{0,5000}?-->)"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)"
    r"|(?P<escape>\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|~<>]))"
    r"|(?P<emph>\*\*|__|`)"
    r"|(?P<linestart>(?:^|(?<=\n))[ \t]*(?:#{1,6}[ \t]+|[-*+•·][ \t]+|>[ \t]?)))",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class Clean:
    """Clean text and, for each of its characters, the offset of its source character."""

    text: str
    offsets: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, key: slice) -> Clean:
        return Clean(self.text[key], self.offsets[key])

    def strip(self, chars: str = _SPACE + _NEWLINES) -> Clean:
        a, b = 0, len(self.text)
        while a < b and self.text[a] in chars:
            a += 1
        while b > a and self.text[b - 1] in chars:
            b -= 1
        return self[a:b]

    def lines(self) -> list[Clean]:
        """Split on line breaks (the breaks themselves are dropped)."""
        out: list[Clean] = []
        start = 0
        for i, ch in enumerate(self.text):
            if ch == "\n":
                out.append(self[start:i])
                start = i + 1
        out.append(self[start:])
        return out


EMPTY = Clean("", ())


class _Builder:
    """Collects (char, offset) pairs while folding white space."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offs: list[int] = []

    def add(self, ch: str, off: int) -> None:
        chars = self.chars
        if ch in _SPACE:
            if not chars or chars[-1] in " \n":
                return
            chars.append(" ")
            self.offs.append(off)
        elif ch in _NEWLINES:
            if chars and chars[-1] == " ":
                chars.pop()
                self.offs.pop()
            if not chars or chars[-1] == "\n":
                return
            chars.append("\n")
            self.offs.append(off)
        else:
            chars.append(ch)
            self.offs.append(off)

    def add_run(self, text: str, offs: Sequence[int]) -> None:
        # white space goes through `add` one character at a time, everything else in bulk
        pos = 0
        for m in _WS_RUN.finditer(text):
            if m.start() > pos:
                self.chars.extend(text[pos : m.start()])
                self.offs.extend(offs[pos : m.start()])
            for k in range(m.start(), m.end()):
                self.add(text[k], offs[k])
            pos = m.end()
        if pos < len(text):
            self.chars.extend(text[pos:])
            self.offs.extend(offs[pos:])

    def build(self) -> Clean:
        return Clean("".join(self.chars), tuple(self.offs)).strip()


def _norm_url(s: str) -> str:
    return re.sub(r"\s+", "", s).rstrip("/").lower()


def clean(src: str, offsets: Sequence[int] | range) -> Clean:
    """Clean `src`, whose character i sits at document offset `offsets[i]`."""
    b = _Builder()
    _clean_into(b, src, offsets)
    return b.build()


def clean_span(text: str, start: int, end: int) -> Clean:
    """Clean the document slice text[start:end]."""
    return clean(text[start:end], range(start, end))


def _clean_into(b: _Builder, src: str, offs: Sequence[int] | range) -> None:
    pos = 0
    for m in _TOKEN.finditer(src):
        s = m.start()
        if s > pos:
            b.add_run(src[pos:s], offs[pos:s])
        pos = m.end()
        kind = m.lastgroup
        if kind == "anchor" or (kind in ("href", "atext")):
            # the target first when the link text does not show it: offsets stay in document order
            a0, a1 = m.span("atext")
            href = m.group("href")
            if href and not href.startswith(("#", "javascript")):
                inner = re.sub(r"<[^>]*>", "", m.group("atext"))
                if _norm_url(href) not in _norm_url(html.unescape(inner)):
                    h0, h1 = m.span("href")
                    b.add_run(src[h0:h1], offs[h0:h1])
                    b.add(" ", offs[h1])
            _clean_into(b, src[a0:a1], offs[a0:a1])
        elif kind in ("autolink", "aurl"):
            u0, u1 = m.span("aurl")
            b.add_run(src[u0:u1], offs[u0:u1])
        elif kind in ("mdlink", "mtext", "murl"):
            t0, t1 = m.span("mtext")
            u0, u1 = m.span("murl")
            text = m.group("mtext")
            if _norm_url(text) != _norm_url(m.group("murl")):
                _clean_into(b, src[t0:t1], offs[t0:t1])
                b.add(" ", offs[u0 - 1])
            b.add_run(src[u0:u1], offs[u0:u1])
        elif kind == "block":
            b.add("\n", offs[s])
        elif kind == "cell":
            b.add(" ", offs[s])
        elif kind in ("tag", "comment", "emph", "linestart"):
            # a line-start marker (heading #, list bullet) still leaves the line break before it
            continue
        elif kind == "entity":
            decoded = html.unescape(m.group())
            for ch in decoded:
                b.add(ch, offs[s])
        elif kind in ("escape", "escaped"):
            e0 = m.start("escaped")
            b.add(src[e0], offs[e0])
    if pos < len(src):
        b.add_run(src[pos:], offs[pos:])


_TERMINAL = set("。；;：:！!？?")
_NUMBERED = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[①-⑳]|第[一二三四五六七八九十]+[条章节])"
)


def join(parts: Sequence[Clean], doc_text: str, *, rejoin: bool = True) -> Clean:
    """Concatenate cleaned pieces of `doc_text` with a line break between them (pointing at the
    document's own line break after the piece); with `rejoin`, a piece that stops mid-sentence (no
    closing punctuation) is glued to the next one, as across a page break."""
    chars: list[str] = []
    offs: list[int] = []
    for part in parts:
        if not part.text:
            continue
        if chars:
            glue = rejoin and chars[-1] not in _TERMINAL and not _NUMBERED.match(part.text)
            if not glue:
                nl = doc_text.find("\n", offs[-1])
                chars.append("\n")
                offs.append(nl if 0 <= nl < part.offsets[0] else part.offsets[0])
        chars.extend(part.text)
        offs.extend(part.offsets)
    return Clean("".join(chars), tuple(offs))


def concat(parts: Sequence[Clean]) -> Clean:
    """Plain concatenation."""
    return Clean("".join(p.text for p in parts), tuple(o for p in parts for o in p.offsets))
