"""The search index of one graph version: names, titles and aliases of programs, designations,
departments and policies, with an inverted index of their characters' bigrams, so that a search costs
what its candidates cost, not a scan of the graph (a scan in the store took 263 ms at ×100 of the
seeds). FalkorDB's full-text index cannot stand in: with language 'chinese' it found nothing for
专精特新 or 小巨人 in names holding them (see ../shared/FALKORDB.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from api.graphql import search as searching
from api.graphql.names import name_key


@dataclass(frozen=True)
class Entry:
    id: str
    label: str
    texts: tuple[str, ...]  # name, title and aliases in comparable form (name_key)
    sort_name: str


def _grams(text: str) -> set[str]:
    """Every character bigram of `text`; a single character is its own gram."""
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


class SearchIndex:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.entries: list[Entry] = []
        self._postings: dict[str, set[int]] = defaultdict(set)
        for row in rows:
            raw = [row.get("name"), row.get("title"), *(row.get("aliases") or [])]
            texts = tuple(dict.fromkeys(name_key(str(t)) for t in raw if t))
            if not texts:
                continue
            position = len(self.entries)
            self.entries.append(
                Entry(row["id"], row["label"], texts, str(row.get("name") or row.get("title")))
            )
            for text in texts:
                for gram in _grams(text):
                    self._postings[gram].add(position)
                for char in text:  # single characters too: a one-character query has no bigram
                    self._postings[char].add(position)

    def _containing(self, text: str) -> set[int]:
        """Entries that may contain `text`: those holding each of its grams (checked after)."""
        grams = sorted(_grams(text), key=lambda g: len(self._postings.get(g, ())))
        if not grams:
            return set()
        found = set(self._postings.get(grams[0], ()))
        for gram in grams[1:]:
            if not found:
                break
            found &= self._postings.get(gram, set())
        return found

    def search(self, full: str, words: list[str]) -> list[tuple[float, Entry]]:
        """Entries containing the whole query or every one of its terms, best first (as
        api/graphql/search.py scores them), ties by name then id."""
        candidates = self._containing(full)
        if words:
            every = self._containing(words[0])
            for word in words[1:]:
                every &= self._containing(word)
            candidates |= every
        hits = []
        for position in candidates:
            entry = self.entries[position]
            score = searching.score_texts(entry.texts, full, words)
            if score > 0:
                hits.append((score, entry))
        hits.sort(key=lambda h: (-h[0], h[1].sort_name, h[1].id))
        return hits
