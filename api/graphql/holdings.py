"""What a company holds, and which requirements that satisfies: the IMPLIES closure plus level order
(a national 企业技术中心 satisfies a requirement of a provincial one even without an IMPLIES edge)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from api.graphql.catalog import DesignationIndex, DesignationRecord
from api.graphql.names import level_rank, split_level
from extraction.lexicons import designations as designation_lexicon


@dataclass(frozen=True)
class Held:
    """A designation as the client named it."""

    key: str
    level: str | None
    typed: str


@cache
def _lexicon_levels() -> dict[str, str | None]:
    """Designation name -> the level the lexicon says it is awarded at when a text names none."""
    return {entry.name: entry.level for entry in designation_lexicon().entries}


def default_level(named: list[DesignationRecord]) -> str | None:
    """The level meant when a client names none: the level the designation is awarded at when a text
    names none (the lexicon's), else the lowest the graph knows, so that nothing is claimed that was
    not held."""
    if not named:
        return None
    lexical = _lexicon_levels().get(named[0].name)
    if lexical:
        return lexical
    levels = [r.level for r in named if r.level]
    return min(levels, key=level_rank) if levels else None


def parse_held(name: str, level: str | None) -> Held:
    key, prefixed = split_level(name)
    return Held(key=key, level=level or prefixed, typed=name)


@dataclass
class Holdings:
    index: DesignationIndex
    held: list[Held]
    ids: dict[str, str | None] = field(default_factory=dict)  # held and implied -> reached from
    ranks: dict[str, int] = field(default_factory=dict)  # name key -> highest level held under that name
    unrecognised: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, index: DesignationIndex, held: list[Held]) -> Holdings:
        self = cls(index=index, held=held)
        start: set[str] = set()
        for item in held:
            named = index.named(item.key)
            if not named:
                self.unrecognised.append(item.typed)
            level = item.level if item.level is not None else default_level(named)
            start.update(r.id for r in named if r.level == level)
            self._note(item.key, level)
        self.ids = index.closure(start)
        for rec in (index.by_id[i] for i in self.ids if i in index.by_id):
            self._note(rec.key, rec.level)
        return self

    @classmethod
    def of_records(cls, index: DesignationIndex, records: list[DesignationRecord]) -> Holdings:
        return cls.of(index, [Held(r.key, r.level, r.name) for r in records])

    def implies_path(self, designation_id: str) -> list[tuple[str, str]]:
        """The IMPLIES hops from a held designation to `designation_id` ([] when held itself, or
        met by level order alone)."""
        hops: list[tuple[str, str]] = []
        here = designation_id
        while (before := self.ids.get(here)) is not None:
            hops.append((before, here))
            here = before
        return hops[::-1]

    def _note(self, key: str, level: str | None) -> None:
        self.ranks[key] = max(self.ranks.get(key, -2), level_rank(level))

    def satisfies(self, designation_id: str, level_min: str | None = None) -> bool:
        """True when what is held meets a condition on `designation_id` (at `level_min` or above)."""
        if designation_id in self.ids:
            return True
        rec = self.index.by_id.get(designation_id)
        if rec is None:
            return False
        held_rank = self.ranks.get(rec.key)
        if held_rank is None:
            return False
        needed = level_rank(level_min or rec.level)
        # An unknown required level is met by the name at any level; a known one by that level or higher.
        return needed == -1 or held_rank >= needed
