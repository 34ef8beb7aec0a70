"""Eligibility over the catalog: which programs a set of holdings opens, which it nearly opens,
and which programs a single designation unlocks.

Requirements stated in one sentence are alternatives: "应为已入选的国家级专精特新"小巨人"企业或湖北省
专精特新中小企业" and "具有下列资质之一：..." become several REQUIRES facts with the same evidence, and
any one of them meets the condition. Requirements from different sentences must all be met. A
`group` property on REQUIRES, when extraction sets one, overrides the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from api.graphql.catalog import (
    Condition,
    DesignationIndex,
    Group,
    ProgramConditions,
    ProgramScope,
)
from api.graphql.holdings import Holdings


@dataclass(frozen=True)
class Verdict:
    program: str
    met: tuple[Condition, ...]  # every requirement fact the holdings meet
    missing: tuple[Group, ...]  # the conditions not met, each a group of alternatives


def unmet(conds: ProgramConditions, holdings: Holdings) -> list[Group]:
    """The program's conditions the holdings do not meet."""
    return [
        group
        for group in conds.requirement_groups
        if not any(holdings.satisfies(c.designation, c.level_min) for c in group)
    ]


def excluded(conds: ProgramConditions, holdings: Holdings) -> bool:
    return any(holdings.satisfies(c.designation, c.level_min) for c in conds.excludes)


def verdicts(
    programs: Iterable[ProgramScope],
    conditions: dict[str, ProgramConditions],
    holdings: Holdings,
    *,
    with_requirements_only: bool = True,
) -> list[Verdict]:
    """For every program given (those of a region, or the candidates a RequirementIndex narrowed
    them to) that the holdings do not exclude: what is met and what is missing, in the order given.
    Programs that require nothing are left out unless asked for (they are open to all)."""
    out = []
    empty = ProgramConditions()
    for program in programs:
        conds = conditions.get(program.id) or empty
        if with_requirements_only and not conds.requires:
            continue
        if excluded(conds, holdings):
            continue
        met = tuple(c for c in conds.requires if holdings.satisfies(c.designation, c.level_min))
        out.append(Verdict(program.id, met, tuple(unmet(conds, holdings))))
    return out


def eligible(all_verdicts: list[Verdict], *, include_open: bool) -> list[Verdict]:
    """Programs whose every requirement is met; those with no requirement only when asked for."""
    return [v for v in all_verdicts if not v.missing and (v.met or include_open)]


def nearly_eligible(all_verdicts: list[Verdict]) -> list[Verdict]:
    """Programs with exactly one condition missing."""
    return [v for v in all_verdicts if len(v.missing) == 1]


class GrantIndex:
    """Every GRANTS fact with what holding its designation satisfies, computed once per graph version."""

    def __init__(self, index: DesignationIndex, conditions: dict[str, ProgramConditions]) -> None:
        holdings: dict[str, Holdings] = {}
        self.grants: list[tuple[Condition, Holdings]] = []
        for conds in conditions.values():
            for grant in conds.grants:
                rec = index.by_id.get(grant.designation)
                if rec is None:
                    continue
                if rec.id not in holdings:
                    holdings[rec.id] = Holdings.of_records(index, [rec])
                self.grants.append((grant, holdings[rec.id]))

    def granting(self, missing: Group) -> list[Condition]:
        """GRANTS facts of programs whose designation would meet the missing condition."""
        out = [
            grant
            for grant, holds in self.grants
            if any(holds.satisfies(m.designation, m.level_min) for m in missing)
        ]
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
