"""The programs connection and its filters."""

from __future__ import annotations

from datetime import date

import strawberry

from api.graphql import search as searching
from api.graphql.catalog import Condition, DesignationIndex, Offer, ProgramScope
from api.graphql.enums import BenefitType
from api.graphql.errors import PublicError
from api.graphql.inputs import DesignationInput, ProgramFilter
from api.graphql.limits import page_size
from api.graphql.names import name_key, split_level
from api.graphql.query.shared import (
    program_props,
    region_scope,
)
from api.graphql.timing import ProgramTiming
from api.graphql.types.connection import PageInfo, ProgramConnection, ProgramEdge, cursor_of, offset_of
from api.graphql.types.links import Info
from api.graphql.types.program import Program


def _matches_designation(index: DesignationIndex, conds: list[Condition], wanted: DesignationInput) -> bool:
    key, prefixed = split_level(wanted.name)
    level = wanted.level.value if wanted.level else prefixed
    for cond in conds:
        rec = index.by_id.get(cond.designation)
        named = rec is not None and key in {name_key(n) for n in (rec.name, *rec.aliases)}
        if named and (level is None or rec.level == level or cond.level_min == level):  # type: ignore[union-attr]
            return True
    return False


def _text_match(program: ProgramScope, full: str, words: list[str]) -> bool:
    hay = program.text_key
    return full in hay or (bool(words) and all(w in hay for w in words))


def _offers_match(offers: list[Offer], benefit_type: BenefitType | None, min_wan: float | None) -> bool:
    return any(
        (benefit_type is None or o.benefit.get("type") == benefit_type.value)
        and (min_wan is None or (o.amount is not None and o.amount >= min_wan))
        for o in offers
    )


def _dates_match(timing: ProgramTiming | None, open_on: date | None, closing_before: date | None) -> bool:
    if timing is None:
        return False  # a program with no window is neither open nor closing on any day
    if open_on is not None and not timing.open_on(open_on):
        return False
    if closing_before is not None:
        closes = timing.closes(open_on)
        return closes is not None and closes < closing_before
    return True


@strawberry.type
class ProgramFields:
    @strawberry.field(description="Programs matching every given filter, as a Relay connection.")
    async def programs(
        self,
        info: Info,
        filter: ProgramFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> ProgramConnection:
        size = page_size(first)
        start = offset_of(after)
        f = filter or ProgramFilter()
        catalog = info.context.catalog
        # Only the tables the filters need.
        by_designation = f.requires is not None or f.prefers is not None or f.grants is not None
        by_benefit = f.benefit_type is not None or f.benefit_min_wan is not None
        by_date = f.open_on is not None or f.closing_before is not None
        conditions = await catalog.conditions() if by_designation else {}
        timing = await catalog.timing() if by_date else {}
        index = await catalog.designations() if by_designation else None
        offers = await catalog.offers() if by_benefit else {}
        region = await region_scope(info, f.region)
        if region is not None and not region.known:
            raise PublicError(f"no region named {f.region!r} is in the graph")
        text_ids: frozenset[str] | None = None
        if f.text is not None:
            full, words = searching.terms(f.text)
            text_ids = await catalog.text_matches(f.text, lambda p: _text_match(p, full, words))
            # The few programs a text names, not every program of the region, go through the filters.
            ordered = await catalog.in_region_among(region, text_ids)
        else:
            ordered = await catalog.in_region(region)  # the region's programs only, in name order
        department = name_key(f.department) if f.department is not None else None

        def matches(p: ProgramScope) -> bool:
            if (f.level is not None and p.level != f.level.value) or (
                f.kind is not None and p.kind != f.kind
            ):
                return False
            conds = conditions.get(p.id)
            for wanted, kind in ((f.requires, "requires"), (f.prefers, "prefers"), (f.grants, "grants")):
                if wanted is not None and not (
                    conds and index and _matches_designation(index, getattr(conds, kind), wanted)
                ):
                    return False
            if department is not None and not any(department in name_key(d) for d in p.departments):
                return False
            if by_benefit and not _offers_match(offers.get(p.id, []), f.benefit_type, f.benefit_min_wan):
                return False
            if by_date and not _dates_match(timing.get(p.id), f.open_on, f.closing_before):
                return False
            return text_ids is None or p.id in text_ids

        chosen = [p.id for p in ordered if matches(p)]
        page = chosen[start : start + size]
        props = await program_props(info, page)
        edges = [
            ProgramEdge(cursor=cursor_of(start + i), node=Program(props=pr))
            for i, pr in enumerate(props)
            if pr
        ]
        return ProgramConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=start + size < len(chosen),
                has_previous_page=start > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=len(chosen),
        )
