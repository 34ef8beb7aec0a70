"""Eligible programs and near misses for what a company holds."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial
from typing import Annotated

import strawberry

from api.graphql import eligibility as rules
from api.graphql.catalog import Offer
from api.graphql.holdings import Holdings
from api.graphql.inputs import DesignationInput
from api.graphql.query.shared import (
    designation_link,
    designation_links,
    held,
    program_props,
    region_scope,
    unknown_designations,
    unknown_region,
)
from api.graphql.timing import ON_DESCRIPTION, out_of_date
from api.graphql.types.designation import Designation, record_props
from api.graphql.types.eligibility import (
    Eligibility,
    EligiblePrograms,
    EligibleResult,
    NearlyEligiblePrograms,
    NearlyEligibleResult,
    NearMiss,
)
from api.graphql.types.links import Info, ProgramLink
from api.graphql.types.program import Program
from api.graphql.types.region import Region


def _largest_amount(offers: list[Offer]) -> float:
    return max((o.amount for o in offers if o.amount is not None), default=0.0)


@strawberry.type
class EligibilityFields:
    @strawberry.field(
        description="Programs whose every requirement the holdings meet (IMPLIES and level order included) "
        "and that nothing held excludes, in the region and the regions above it; largest amount first."
    )
    async def eligible(
        self,
        info: Info,
        holding: list[DesignationInput],
        region: str | None = None,
        include_open: Annotated[
            bool, strawberry.argument(description="Also list programs that require no designation at all.")
        ] = False,
        on: Annotated[date | None, strawberry.argument(description=ON_DESCRIPTION)] = None,
    ) -> EligibleResult:
        catalog = info.context.catalog
        index, conditions, offers, requirements = await asyncio.gather(
            catalog.designations(), catalog.conditions(), catalog.offers(), catalog.requirement_index()
        )
        scope = await region_scope(info, region)
        if scope is not None and not scope.known:
            return unknown_region(region or "")
        holdings = Holdings.of(index, held(holding))
        if holding and len(holdings.unrecognised) == len(holding):
            return unknown_designations(index, "holding", holdings)
        if include_open:
            programs = await catalog.in_region(scope)
        else:  # only programs with a requirement under a held name can be open
            programs = await catalog.in_region_among(scope, requirements.candidates(holdings.ranks))
        verdicts = rules.eligible(
            rules.verdicts(programs, conditions, holdings, with_requirements_only=not include_open),
            include_open=include_open,
        )
        left_out = 0
        if on is not None:  # closed windows and expired programs, counted as they go
            timing = await catalog.timing()
            current = [v for v in verdicts if not out_of_date(timing, v.program, on)]
            left_out, verdicts = len(verdicts) - len(current), current
        # What pays most first (the sort is stable, so equal amounts stay in name order).
        verdicts.sort(key=lambda v: -_largest_amount(offers.get(v.program, [])))
        props = await program_props(info, [v.program for v in verdicts])
        return EligiblePrograms(
            left_out=left_out,
            programs=[
                Eligibility(
                    props=p,
                    links=partial(designation_links, index, v.met),
                    fragment_id="\n".join([str(p["id"]), *(c.key for c in v.met)]),
                )
                for v, p in zip(verdicts, props, strict=True)
                if p
            ],
            holding=[Designation(props=record_props(index.by_id[i])) for i in sorted(holdings.ids)],
            region=Region(props=scope.region) if scope and scope.region else None,
            unrecognised=holdings.unrecognised,
        )

    @strawberry.field(
        description="Programs with exactly one requirement missing, and the programs that grant it."
    )
    async def nearly_eligible(
        self, info: Info, holding: list[DesignationInput], region: str | None = None
    ) -> NearlyEligibleResult:
        catalog = info.context.catalog
        index, conditions, requirements = await asyncio.gather(
            catalog.designations(), catalog.conditions(), catalog.requirement_index()
        )
        scope = await region_scope(info, region)
        if scope is not None and not scope.known:
            return unknown_region(region or "")
        holdings = Holdings.of(index, held(holding))
        if holding and len(holdings.unrecognised) == len(holding):
            return unknown_designations(index, "holding", holdings)
        wanted = requirements.candidates(holdings.ranks, one_short=True)
        programs = await catalog.in_region_among(scope, wanted)
        near = rules.nearly_eligible(rules.verdicts(programs, conditions, holdings))
        grant_index = await catalog.grant_index()
        grants = {v.program: grant_index.granting(v.missing[0]) for v in near}
        granting_ids = sorted({g.program for gs in grants.values() for g in gs})
        props, granting_props = await asyncio.gather(
            program_props(info, [v.program for v in near]), program_props(info, granting_ids)
        )
        by_id = {pid: p for pid, p in zip(granting_ids, granting_props, strict=True) if p}
        return NearlyEligiblePrograms(
            programs=[
                NearMiss(
                    program=Program(props=p),
                    met=[designation_link(index, c) for c in v.met],
                    missing=[designation_link(index, c) for c in v.missing[0]],
                    granted_by=[
                        ProgramLink(rel=g.rel, node=by_id[g.program])
                        for g in grants[v.program]
                        if g.program in by_id
                    ],
                )
                for v, p in zip(near, props, strict=True)
                if p
            ],
            region=Region(props=scope.region) if scope and scope.region else None,
            unrecognised=holdings.unrecognised,
        )
