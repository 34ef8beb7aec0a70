"""Sentence and clause boundaries of Chinese policy prose, as character offsets.

Relations are read inside the sentence (or the comma clause) a mention sits in; the evidence stored
on an edge is that sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

# a numbered item (" 2.获得高新技术企业…") starts a sentence even without a full stop before it
_SENTENCE_END = re.compile(r"[。；;！!？?\n\r]+|(?<=\S)\s{2,}(?=\S)|\s+(?=\d{1,2}[.．、](?!\d))")
# a bracketed heading (第四条 【支持数字化车间建设】) says nothing about the clause after it
_CLAUSE_END = re.compile(r"[。；;！!？?，,\n\r】]+")
CJK = r"\u4e00-\u9fff"


def _pieces(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in pattern.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(a, b) for a, b in (_strip(text, a, b) for a, b in out) if b > a]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\u3000":
        b -= 1
    return a, b


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence: cut at 。；！？, line breaks and wide gaps."""
    return list(_sentences(text))


# Cached: one field is cut again for each designation the relation step classifies, for benefits,
# windows and validity (six cuts of each text on average, quadratic in the mentions of a field).
@lru_cache(maxsize=1024)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_pieces(text, _SENTENCE_END))


def clauses(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) of each comma clause of text[start:end], in document offsets of `text`."""
    end = len(text) if end is None else end
    return [(start + a, start + b) for a, b in _pieces(text[start:end], _CLAUSE_END)]


def enclosing(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span of `spans` that holds [start, end), or [start, end) itself."""
    for a, b in spans:
        if a <= start and end <= b:
            return a, b
    return start, end


def inside_title(text: str, start: int) -> bool:
    """True when `start` sits inside a 《title》: words of a cited policy's title state no relation."""
    opened = text.rfind("《", 0, start)
    return opened >= 0 and text.rfind("》", 0, start) < opened
