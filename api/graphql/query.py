"""The root Query: lookups, the programs connection, search, eligibility and pathways."""

from __future__ import annotations

import asyncio
import difflib
from typing import Annotated, Any

import strawberry

from api.graphql import eligibility as rules
from api.graphql import pathways as paths
from api.graphql import search as searching
from api.graphql.catalog import Condition, DesignationIndex, Offer, ProgramScope, RegionScope
from api.graphql.enums import BenefitType, Level
from api.graphql.errors import PublicError, RequestRefused
from api.graphql.holdings import Held, Holdings, parse_held
from api.graphql.inputs import DesignationInput, PathTarget, ProgramFilter
from api.graphql.limits import page_size
from api.graphql.names import name_key, region_variants, split_level
from api.graphql.types.benefit import Benefit
from api.graphql.types.connection import PageInfo, ProgramConnection, ProgramEdge, cursor_of, offset_of
from api.graphql.types.contact_office import ContactOffice
from api.graphql.types.department import Department
from api.graphql.types.designation import Designation, record_props
from api.graphql.types.document import Document
from api.graphql.types.eligibility import (
    Eligibility,
    EligiblePrograms,
    EligibleResult,
    NearlyEligiblePrograms,
    NearlyEligibleResult,
    NearMiss,
)
from api.graphql.types.links import BenefitLink, DesignationLink, Info, ProgramLink
from api.graphql.types.pathway import PathStep, Pathway, Pathways, PathwaysResult
from api.graphql.types.policy import Policy
from api.graphql.types.problem import UnknownInput
from api.graphql.types.program import Program
from api.graphql.types.region import Region
from api.graphql.types.search_hit import SearchHit

MAX_PATH_STEPS = 6
_SEARCH_TYPES = {"Program": Program, "Designation": Designation, "Department": Department, "Policy": Policy}


def _held(items: list[DesignationInput]) -> list[Held]:
    return [parse_held(item.name, item.level.value if item.level else None) for item in items]


def _designation_link(index: DesignationIndex, cond: Condition) -> DesignationLink:
    return DesignationLink(rel=cond.rel, node=record_props(index.by_id[cond.designation]))


def _suggest(typed: str, names: list[str]) -> list[str]:
    key = name_key(typed)
    contains = [n for n in names if key and (key in name_key(n) or name_key(n) in key)]
    close = difflib.get_close_matches(typed, names, n=5, cutoff=0.4)
    return list(dict.fromkeys(contains + close))[:5]


def _unknown_designations(index: DesignationIndex, field: str, holdings: Holdings) -> UnknownInput:
    names = sorted({r.name for r in index.by_id.values()})
    typed = holdings.unrecognised[0]
    return UnknownInput(
        message=f"no designation named {typed!r} is in the graph",
        field=field,
        value=typed,
        suggestions=_suggest(split_level(typed)[0], names),
    )


def _unknown_region(name: str) -> UnknownInput:
    return UnknownInput(
        message=f"no region named {name!r} is in the graph", field="region", value=name, suggestions=[]
    )


async def _node(info: Info, label: str, node_id: str) -> dict[str, Any] | None:
    return await info.context.nodes(label).load(node_id)


async def _programs(info: Info, ids: list[str]) -> list[dict[str, Any] | None]:
    return await info.context.nodes("Program").load_many(ids)


async def _region(info: Info, name: str | None) -> RegionScope | None:
    return None if name is None else await info.context.catalog.region(name)


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


def _largest_amount(offers: list[Offer]) -> float:
    return max((o.amount for o in offers if o.amount is not None), default=0.0)


def _offers_match(offers: list[Offer], benefit_type: BenefitType | None, min_wan: float | None) -> bool:
    return any(
        (benefit_type is None or o.benefit.get("type") == benefit_type.value)
        and (min_wan is None or (o.amount is not None and o.amount >= min_wan))
        for o in offers
    )


@strawberry.type(description="Read-only questions over the policy graph.")
class Query:
    @strawberry.field(description="A program by id.")
    async def program(self, info: Info, id: strawberry.ID) -> Program | None:
        props = await _node(info, "Program", str(id))
        return Program(props=props) if props else None

    @strawberry.field(description="A policy by id.")
    async def policy(self, info: Info, id: strawberry.ID) -> Policy | None:
        props = await _node(info, "Policy", str(id))
        return Policy(props=props) if props else None

    @strawberry.field(description="A benefit by id.")
    async def benefit(self, info: Info, id: strawberry.ID) -> Benefit | None:
        props = await _node(info, "Benefit", str(id))
        return Benefit(props=props) if props else None

    @strawberry.field(description="A contact office by id.")
    async def contact_office(self, info: Info, id: strawberry.ID) -> ContactOffice | None:
        props = await _node(info, "ContactOffice", str(id))
        return ContactOffice(props=props) if props else None

    @strawberry.field(description="A department by id, or by name or alias.")
    async def department(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Department | None:
        if id is not None:
            props = await _node(info, "Department", str(id))
        elif name is not None:
            rows = await info.context.run("api_department_by_name", wanted=name)
            props = rows[0]["props"] if rows else None
        else:
            raise PublicError("department needs an id or a name")
        return Department(props=props) if props else None

    @strawberry.field(description="A region by id, or by name (鄂州 finds 鄂州市).")
    async def region(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Region | None:
        if id is not None:
            props = await _node(info, "Region", str(id))
        elif name is not None:
            rows = await info.context.run("api_region_by_name", names=region_variants(name))
            props = rows[0]["props"] if rows else None
        else:
            raise PublicError("region needs an id or a name")
        return Region(props=props) if props else None

    @strawberry.field(description="A source document by id, or by file name.")
    async def document(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Document | None:
        if id is not None:
            props = await _node(info, "Document", str(id))
        elif name is not None:
            rows = await info.context.run("api_document_by_name", wanted=name)
            props = rows[0]["props"] if rows else None
        else:
            raise PublicError("document needs an id or a name")
        return Document(props=props) if props else None

    @strawberry.field(
        description="A designation by name (or alias) and level; without a level, the highest one."
    )
    async def designation(self, info: Info, name: str, level: Level | None = None) -> Designation | None:
        key, prefixed = split_level(name)
        index = await info.context.catalog.designations()
        found = index.find(key, level.value if level else prefixed)
        return Designation(props=record_props(found[0])) if found else None

    @strawberry.field(description="Designations, optionally only those with this name (every level).")
    async def designations(self, info: Info, name: str | None = None) -> list[Designation]:
        index = await info.context.catalog.designations()
        records = (
            index.named(split_level(name)[0])
            if name
            else sorted(index.by_id.values(), key=lambda r: (r.name, r.id))
        )
        return [Designation(props=record_props(r)) for r in records]

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
        ordered = await catalog.program_order()
        # Only the tables the filters need.
        by_designation = f.requires is not None or f.prefers is not None or f.grants is not None
        by_benefit = f.benefit_type is not None or f.benefit_min_wan is not None
        conditions = await catalog.conditions() if by_designation else {}
        index = await catalog.designations() if by_designation else None
        offers = await catalog.offers() if by_benefit else {}
        region = await _region(info, f.region)
        if region is not None and not region.known:
            raise PublicError(f"no region named {f.region!r} is in the graph")
        full, words = searching.terms(f.text) if f.text is not None else ("", [])
        department = name_key(f.department) if f.department is not None else None

        def matches(p: ProgramScope) -> bool:
            if region is not None and not region.contains(p):
                return False
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
            return f.text is None or _text_match(p, full, words)

        chosen = [p.id for p in ordered if matches(p)]
        page = chosen[start : start + size]
        props = await _programs(info, page)
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

    @strawberry.field(
        description="Programs, designations, departments and policies by name or alias; 专精特新 finds "
        '专精特新"小巨人"企业 and 专精特新中小企业.'
    )
    async def search(self, info: Info, text: str, first: int | None = 20) -> list[SearchHit]:
        size = page_size(first)
        full, words = searching.terms(text)
        if not full:
            return []
        rows = await info.context.run("api_search", full=full, terms=words, limit=2000)
        hits = []
        for row in rows:
            kind = _SEARCH_TYPES.get(row["label"])
            if kind is not None:
                hits.append((searching.score(row["props"], full, words), row["label"], row["props"], kind))
        hits.sort(key=lambda h: (-h[0], str(h[2].get("name") or h[2].get("title")), str(h[2]["id"])))
        return [SearchHit(score=round(s, 4), node=kind(props=props)) for s, _, props, kind in hits[:size]]

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
    ) -> EligibleResult:
        catalog = info.context.catalog
        index, conditions, programs, offers = await asyncio.gather(
            catalog.designations(), catalog.conditions(), catalog.programs(), catalog.offers()
        )
        scope = await _region(info, region)
        if scope is not None and not scope.known:
            return _unknown_region(region or "")
        holdings = Holdings.of(index, _held(holding))
        if holding and len(holdings.unrecognised) == len(holding):
            return _unknown_designations(index, "holding", holdings)
        verdicts = rules.eligible(
            rules.verdicts(programs, conditions, holdings, scope, with_requirements_only=not include_open),
            include_open=include_open,
        )
        # What pays most first (the sort is stable, so equal amounts stay in name order).
        verdicts.sort(key=lambda v: -_largest_amount(offers.get(v.program, [])))
        props = await _programs(info, [v.program for v in verdicts])
        return EligiblePrograms(
            programs=[
                Eligibility(program=Program(props=p), met=[_designation_link(index, c) for c in v.met])
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
        index, conditions, programs = await asyncio.gather(
            catalog.designations(), catalog.conditions(), catalog.programs()
        )
        scope = await _region(info, region)
        if scope is not None and not scope.known:
            return _unknown_region(region or "")
        holdings = Holdings.of(index, _held(holding))
        if holding and len(holdings.unrecognised) == len(holding):
            return _unknown_designations(index, "holding", holdings)
        near = rules.nearly_eligible(rules.verdicts(programs, conditions, holdings, scope))
        grant_index = await catalog.grant_index()
        grants = {v.program: grant_index.granting(v.missing[0]) for v in near}
        granting_ids = sorted({g.program for gs in grants.values() for g in gs})
        props, granting_props = await asyncio.gather(
            _programs(info, [v.program for v in near]), _programs(info, granting_ids)
        )
        by_id = {pid: p for pid, p in zip(granting_ids, granting_props, strict=True) if p}
        return NearlyEligiblePrograms(
            programs=[
                NearMiss(
                    program=Program(props=p),
                    met=[_designation_link(index, c) for c in v.met],
                    missing=[_designation_link(index, c) for c in v.missing[0]],
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
    ) -> PathwaysResult:
        if not 1 <= max_steps <= MAX_PATH_STEPS:
            raise RequestRefused(f"maxSteps must be between 1 and {MAX_PATH_STEPS}, got {max_steps}")
        size = page_size(first)
        catalog = info.context.catalog
        index, conditions, offers, programs = await asyncio.gather(
            catalog.designations(), catalog.conditions(), catalog.offers(), catalog.programs()
        )
        scope = await _region(info, region)
        if scope is not None and not scope.known:
            return _unknown_region(region or "")
        start = _held(from_)
        holdings = Holdings.of(index, start)
        if from_ and len(holdings.unrecognised) == len(from_):
            return _unknown_designations(index, "from", holdings)
        target = _target(to, index, programs)
        if isinstance(target, UnknownInput):
            return target
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
        )
        ids = sorted({s.program for c in chains for s in c.steps})
        props = dict(zip(ids, await _programs(info, ids), strict=True))
        return Pathways(
            pathways=[
                Pathway(
                    steps=[
                        PathStep(
                            index=i + 1,
                            program=Program(props=props[s.program] or {"id": s.program}),
                            met=[_designation_link(index, c) for c in s.met],
                            implied=[
                                DesignationLink(
                                    rel=index.implies_fact[hop], node=record_props(index.by_id[hop[1]])
                                )
                                for hop in s.via
                            ],
                            requires=[_designation_link(index, c) for c in s.requires],
                            grants=[_designation_link(index, c) for c in s.grants],
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
                suggestions=_suggest(key, names),
            )
        return paths.Target(designation=[r.id for r in found], designation_level=level)
    return paths.Target(
        benefit_type=to.benefit_type.value if to.benefit_type else None, benefit_min_wan=to.benefit_min_wan
    )
