"""Pathways from what a company holds to a program, a designation or a benefit."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

import strawberry

from api.graphql import pathways as paths
from api.graphql.catalog import DesignationIndex, ProgramScope
from api.graphql.errors import PublicError, RequestRefused
from api.graphql.holdings import Holdings
from api.graphql.inputs import DesignationInput, PathTarget
from api.graphql.limits import page_size
from api.graphql.names import split_level
from api.graphql.query.shared import (
    designation_link,
    held,
    program_props,
    region_scope,
    suggest,
    unknown_designations,
    unknown_region,
)
from api.graphql.timing import ON_DESCRIPTION, out_of_date
from api.graphql.types.designation import record_props
from api.graphql.types.links import BenefitLink, DesignationLink, Info
from api.graphql.types.pathway import PathStep, Pathway, Pathways, PathwaysResult
from api.graphql.types.problem import UnknownInput
from api.graphql.types.program import Program

MAX_PATH_STEPS = 6


@strawberry.type
class PathwayFields:
    @strawberry.field(
        description="Chains designation -> program -> granted designation -> program -> benefit, fewest steps "
        "first, then the largest amount; each step carries the facts (and their evidence) it rests on."
    )
    async def pathways(
        self,
        info: Info,
        from_: Annotated[list[DesignationInput], strawberry.argument(name="from")],
        to: PathTarget,
        max_steps: int = 4,
        region: str | None = None,
        first: int | None = 10,
        on: Annotated[date | None, strawberry.argument(description=ON_DESCRIPTION)] = None,
    ) -> PathwaysResult:
        if not 1 <= max_steps <= MAX_PATH_STEPS:
            raise RequestRefused(f"maxSteps must be between 1 and {MAX_PATH_STEPS}, got {max_steps}")
        size = page_size(first)
        catalog = info.context.catalog
        index, conditions, offers, programs = await asyncio.gather(
            catalog.designations(), catalog.conditions(), catalog.offers(), catalog.programs()
        )
        scope = await region_scope(info, region)
        if scope is not None and not scope.known:
            return unknown_region(region or "")
        start = held(from_)
        holdings = Holdings.of(index, start)
        if from_ and len(holdings.unrecognised) == len(from_):
            return unknown_designations(index, "from", holdings)
        target = _target(to, index, programs)
        if isinstance(target, UnknownInput):
            return target
        timing = await catalog.timing() if on is not None else {}
        left_out: set[str] = set()

        def current(pid: str) -> bool:
            """Not out of date on `on`; what is, is counted (once per program)."""
            if on is None or not out_of_date(timing, pid, on):
                return True
            left_out.add(pid)
            return False

        chains = paths.search(
            index,
            conditions,
            offers,
            start,
            target,
            max_steps=max_steps,
            limit=size,
            allowed=(lambda pid: pid in programs and scope.contains(programs[pid]))
            if scope
            else (lambda _: True),
            requiring=await catalog.requiring(),
            current=current,
        )
        ids = sorted({s.program for c in chains for s in c.steps})
        props = dict(zip(ids, await program_props(info, ids), strict=True))
        return Pathways(
            pathways=[
                Pathway(
                    steps=[
                        PathStep(
                            index=i + 1,
                            program=Program(props=props[s.program] or {"id": s.program}),
                            met=[designation_link(index, c) for c in s.met],
                            implied=[
                                DesignationLink(
                                    rel=index.implies_fact[hop], node=record_props(index.by_id[hop[1]])
                                )
                                for hop in s.via
                            ],
                            requires=[designation_link(index, c) for c in s.requires],
                            grants=[designation_link(index, c) for c in s.grants],
                            benefits=[BenefitLink(rel=o.rel, node=o.benefit) for o in s.offers],
                        )
                        for i, s in enumerate(c.steps)
                    ],
                    length=len(c.steps),
                    amount_max_wan=c.amount,
                )
                for c in chains
            ],
            unrecognised=holdings.unrecognised,
            left_out=len(left_out),
        )


def _target(
    to: PathTarget, index: DesignationIndex, programs: dict[str, ProgramScope]
) -> paths.Target | UnknownInput:
    kinds = [
        to.program is not None,
        to.designation is not None,
        to.benefit_type is not None or to.benefit_min_wan is not None,
    ]
    if sum(kinds) != 1:
        raise PublicError("to: set exactly one of program, designation, or benefitType/benefitMinWan")
    if to.program is not None:
        if str(to.program) not in programs:
            return UnknownInput(
                message=f"no program with id {to.program!r}",
                field="to.program",
                value=str(to.program),
                suggestions=[],
            )
        return paths.Target(program=str(to.program))
    if to.designation is not None:
        key, prefixed = split_level(to.designation.name)
        level = to.designation.level.value if to.designation.level else prefixed
        found = index.named(key)
        if not found:
            names = sorted({r.name for r in index.by_id.values()})
            return UnknownInput(
                message=f"no designation named {to.designation.name!r} is in the graph",
                field="to.designation",
                value=to.designation.name,
                suggestions=suggest(key, names),
            )
        return paths.Target(designation=[r.id for r in found], designation_level=level)
    return paths.Target(
        benefit_type=to.benefit_type.value if to.benefit_type else None, benefit_min_wan=to.benefit_min_wan
    )
