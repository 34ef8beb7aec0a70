"""Chinese-aware search: the query is segmented with jieba; a name matches when it contains the whole
query or every term, and whole-query matches on short names rank first."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import jieba

from api.graphql.names import name_key

jieba.setLogLevel(logging.WARNING)

# Terms this common would match nearly everything; they narrow nothing.
_STOP_TERMS = frozenset({"企业", "项目", "申报", "中小", "政策"})


@cache
def _warm() -> None:
    jieba.initialize()


@lru_cache(maxsize=1024)
def _terms(query: str) -> tuple[str, tuple[str, ...]]:
    _warm()
    full = name_key(query)
    words = [w for w in jieba.cut_for_search(full) if len(w) >= 2 and w != full and w not in _STOP_TERMS]
    # A term inside a longer term adds nothing to an AND match.
    words = [w for w in dict.fromkeys(words) if not any(w != o and w in o for o in words)]
    return full, tuple(words)


def terms(query: str) -> tuple[str, list[str]]:
    """(the whole query as compared, its distinctive jieba terms)."""
    full, words = _terms(query)
    return full, list(words)


def score(props: dict[str, Any], full: str, words: list[str]) -> float:
    texts = [
        name_key(str(t)) for t in (props.get("name"), props.get("title"), *(props.get("aliases") or [])) if t
    ]
    return score_texts(texts, full, words)


def score_texts(texts: Iterable[str], full: str, words: list[str]) -> float:
    """How well names (in name_key form) match: the whole query beats all its terms; within each,
    the more of the name the query covers, the better; 0 when neither matches."""
    best = 0.0
    for text in texts:
        if full and full in text:
            best = max(best, 2.0 + len(full) / max(len(text), 1))
        elif words and all(w in text for w in words):
            best = max(best, 1.0 + sum(map(len, words)) / max(len(text), 1))
    return best


def warm() -> None:
    """Load jieba's dictionary now rather than on the first search."""
    _warm()
