"""Pathways: chains designation -> program -> granted designation -> program -> benefit.

A chain applies to one program per step. Each program must have every condition met by what is held
by then (the starting holdings plus what earlier steps granted, with IMPLIES and level order), and must
need something the previous step produced, so every step leads to the next. Breadth-first, so shorter
chains come first; ties go to the larger amount.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from api.graphql.catalog import Condition, DesignationIndex, Offer, ProgramConditions
from api.graphql.eligibility import unmet
from api.graphql.holdings import Held, Holdings

# Bounds the search on a dense graph; the seed graph needs far fewer.
MAX_PARTIAL_CHAINS = 20_000


@dataclass(frozen=True)
class Step:
    program: str
    met: tuple[Condition, ...]  # the requirements that linked this step to what came before
    via: tuple[tuple[str, str], ...]  # IMPLIES hops from what came before to those requirements
    requires: tuple[Condition, ...]  # every requirement of the program
    grants: tuple[Condition, ...]
    offers: tuple[Offer, ...]  # the offers that meet the target (last step only)


@dataclass(frozen=True)
class Chain:
    steps: tuple[Step, ...]
    amount: float | None

    @property
    def sort_key(self) -> tuple[int, float, tuple[str, ...]]:
        return (len(self.steps), -(self.amount or 0.0), tuple(s.program for s in self.steps))


@dataclass(frozen=True)
class Target:
    """Exactly one of: reach a program, hold a designation, or get a benefit of a type or amount."""

    program: str | None = None
    designation: list[str] | None = None  # designation ids that count as reached
    designation_level: str | None = None
    benefit_type: str | None = None
    benefit_min_wan: float | None = None

    def offers_met(self, offers: list[Offer]) -> list[Offer]:
        if self.program is not None or self.designation is not None:
            return []
        return [
            o
            for o in offers
            if (self.benefit_type is None or o.benefit.get("type") == self.benefit_type)
            and (self.benefit_min_wan is None or (o.amount is not None and o.amount >= self.benefit_min_wan))
        ]


def _holdings(index: DesignationIndex, start: list[Held], gained: frozenset[str]) -> Holdings:
    return Holdings.of(
        index,
        [*start, *(Held(index.by_id[g].key, index.by_id[g].level, index.by_id[g].name) for g in gained)],
    )


def requiring_by_name(
    index: DesignationIndex, conditions: dict[str, ProgramConditions]
) -> dict[str, set[str]]:
    """Name key of a required designation -> the programs requiring it."""
    out: dict[str, set[str]] = {}
    for pid, conds in conditions.items():
        for cond in conds.requires:
            rec = index.by_id.get(cond.designation)
            if rec is not None:
                out.setdefault(rec.key, set()).add(pid)
    return out


def search(
    index: DesignationIndex,
    conditions: dict[str, ProgramConditions],
    offers: dict[str, list[Offer]],
    start: list[Held],
    target: Target,
    *,
    max_steps: int,
    limit: int,
    allowed: Callable[[str], bool] = lambda _: True,
    requiring: dict[str, set[str]] | None = None,
    current: Callable[[str], bool] = lambda _: True,
) -> list[Chain]:
    """The best `limit` chains from `start` to `target` in at most `max_steps` programs. `allowed`
    rules programs out before anything else (a region); `current` is asked only of programs that
    qualify at that step, so that it can count what it rules out (a closed window)."""
    results: list[Chain] = []
    seen_states: set[frozenset[str]] = set()
    # A partial chain: its steps, what they granted, and what the last step produced.
    frontier: list[tuple[tuple[Step, ...], frozenset[str], Holdings]] = []
    start_holdings = Holdings.of(index, start)
    frontier.append(((), frozenset(), start_holdings))
    explored = 0
    # Programs applied at an earlier depth: reaching them again later only makes a longer copy of a chain.
    applied: set[str] = set()
    # A step can only build on what the previous one produced, and what that meets it meets by name
    # (IMPLIES closure and level order both keep to names): look programs up by required name.
    requiring = requiring or requiring_by_name(index, conditions)
    for _depth in range(max_steps):
        next_frontier = []
        applied_now: set[str] = set()
        for steps, gained, fresh in frontier:
            held = _holdings(index, start, gained) if gained else start_holdings
            used = {s.program for s in steps}
            candidates = set().union(*(requiring.get(key, ()) for key in fresh.ranks))
            for pid in sorted(candidates):
                conds = conditions[pid]
                if pid in used or pid in applied or not conds.requires or not allowed(pid):
                    continue
                linked = tuple(c for c in conds.requires if fresh.satisfies(c.designation, c.level_min))
                if not linked:
                    continue  # this program does not build on the previous step (the cheaper test first)
                if unmet(conds, held):
                    continue
                if any(held.satisfies(c.designation, c.level_min) for c in conds.excludes):
                    continue
                if not current(pid):
                    continue
                explored += 1
                if explored > MAX_PARTIAL_CHAINS:
                    break
                applied_now.add(pid)
                hits = _reached(target, pid, conds, offers.get(pid, []), index)
                new_grants = tuple(g for g in conds.grants if not held.satisfies(g.designation))
                via = tuple(dict.fromkeys(hop for c in linked for hop in fresh.implies_path(c.designation)))
                step = Step(pid, linked, via, tuple(conds.requires), tuple(conds.grants), tuple(hits[1]))
                if hits[0]:
                    amount = max((o.amount for o in hits[1] if o.amount is not None), default=None)
                    results.append(Chain((*steps, step), amount))
                    continue
                if not new_grants:
                    continue
                state = gained | {g.designation for g in new_grants}
                if state in seen_states:
                    continue
                seen_states.add(state)
                produced = Holdings.of(
                    index,
                    [
                        Held(index.by_id[g.designation].key, index.by_id[g.designation].level, "")
                        for g in new_grants
                        if g.designation in index.by_id
                    ],
                )
                next_frontier.append(((*steps, step), state, produced))
        applied |= applied_now
        frontier = next_frontier
        # Chains are ranked by length first: once this depth has filled the page, no deeper chain can
        # enter it, and going on costs the most (the frontier grows with every depth).
        if not frontier or len(results) >= limit:
            break
    results.sort(key=lambda c: c.sort_key)
    return results[:limit]


def _reached(
    target: Target, pid: str, conds: ProgramConditions, offers: list[Offer], index: DesignationIndex
) -> tuple[bool, list[Offer]]:
    if target.program is not None:
        return pid == target.program, []
    if target.designation is not None:
        wanted = set(target.designation)
        for grant in conds.grants:
            rec = index.by_id.get(grant.designation)
            if rec is None:
                continue
            holds = Holdings.of_records(index, [rec])
            if any(holds.satisfies(w, target.designation_level) for w in wanted):
                return True, []
        return False, []
    met = target.offers_met(offers)
    return bool(met), met
