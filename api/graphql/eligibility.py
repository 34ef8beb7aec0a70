"""Eligibility over the catalog: which programs a set of holdings opens, which it nearly opens,
and which programs a single designation unlocks."""

from __future__ import annotations

from dataclasses import dataclass

from api.graphql.catalog import Condition, DesignationIndex, ProgramConditions, ProgramScope, RegionScope
from api.graphql.holdings import Holdings


@dataclass(frozen=True)
class Verdict:
    program: str
    met: tuple[Condition, ...]
    missing: tuple[Condition, ...]


def excluded(conds: ProgramConditions, holdings: Holdings) -> bool:
    return any(holdings.satisfies(c.designation, c.level_min) for c in conds.excludes)


def verdicts(
    programs: dict[str, ProgramScope],
    conditions: dict[str, ProgramConditions],
    holdings: Holdings,
    region: RegionScope | None,
) -> list[Verdict]:
    """For every program in the region that the holdings do not exclude: what is met and what is missing."""
    out = []
    for pid in sorted(programs, key=lambda p: (programs[p].name, p)):
        if region is not None and not region.contains(programs[pid]):
            continue
        conds = conditions.get(pid) or ProgramConditions()
        if excluded(conds, holdings):
            continue
        met = tuple(c for c in conds.requires if holdings.satisfies(c.designation, c.level_min))
        missing = tuple(c for c in conds.requires if c not in met)
        out.append(Verdict(pid, met, missing))
    return out


def eligible(all_verdicts: list[Verdict], *, include_open: bool) -> list[Verdict]:
    """Programs whose every requirement is met; those with no requirement only when asked for."""
    return [v for v in all_verdicts if not v.missing and (v.met or include_open)]


def nearly_eligible(all_verdicts: list[Verdict]) -> list[Verdict]:
    """Programs with exactly one requirement missing."""
    return [v for v in all_verdicts if len(v.missing) == 1]


def granting(
    missing: Condition, index: DesignationIndex, conditions: dict[str, ProgramConditions]
) -> list[Condition]:
    """GRANTS facts of programs whose designation would meet the missing requirement."""
    out = []
    for conds in conditions.values():
        for grant in conds.grants:
            rec = index.by_id.get(grant.designation)
            if rec is not None and Holdings.of_records(index, [rec]).satisfies(
                missing.designation, missing.level_min
            ):
                out.append(grant)
    return sorted(out, key=lambda c: c.program)


def unlocks(
    designation: str, index: DesignationIndex, conditions: dict[str, ProgramConditions]
) -> list[Condition]:
    """REQUIRES facts that holding `designation` meets, directly, through IMPLIES or by level order."""
    rec = index.by_id.get(designation)
    if rec is None:
        return []
    holdings = Holdings.of_records(index, [rec])
    out = [
        c
        for conds in conditions.values()
        for c in conds.requires
        if holdings.satisfies(c.designation, c.level_min)
    ]
    return sorted(out, key=lambda c: (c.program, c.designation))
