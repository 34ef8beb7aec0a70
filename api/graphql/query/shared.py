"""Helpers the query modules share: inputs to holdings, facts to links, unknown names to answers."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from api.graphql.catalog import Condition, DesignationIndex, RegionScope
from api.graphql.holdings import Held, Holdings, parse_held
from api.graphql.inputs import DesignationInput
from api.graphql.names import name_key, split_level
from api.graphql.types.designation import record_props
from api.graphql.types.links import DesignationLink, Info
from api.graphql.types.problem import UnknownInput


def held(items: list[DesignationInput]) -> list[Held]:
    return [parse_held(item.name, item.level.value if item.level else None) for item in items]


def designation_link(index: DesignationIndex, cond: Condition) -> DesignationLink:
    return DesignationLink(rel=cond.rel, node=record_props(index.by_id[cond.designation]))


def designation_links(index: DesignationIndex, conds: Iterable[Condition]) -> list[DesignationLink]:
    return [designation_link(index, c) for c in conds]


def suggest(typed: str, names: list[str]) -> list[str]:
    key = name_key(typed)
    contains = [n for n in names if key and (key in name_key(n) or name_key(n) in key)]
    close = difflib.get_close_matches(typed, names, n=5, cutoff=0.4)
    return list(dict.fromkeys(contains + close))[:5]


def unknown_designations(index: DesignationIndex, field: str, holdings: Holdings) -> UnknownInput:
    names = sorted({r.name for r in index.by_id.values()})
    typed = holdings.unrecognised[0]
    return UnknownInput(
        message=f"no designation named {typed!r} is in the graph",
        field=field,
        value=typed,
        suggestions=suggest(split_level(typed)[0], names),
    )


def unknown_region(name: str) -> UnknownInput:
    return UnknownInput(
        message=f"no region named {name!r} is in the graph", field="region", value=name, suggestions=[]
    )


async def node(info: Info, label: str, node_id: str) -> dict[str, Any] | None:
    return await info.context.nodes(label).load(node_id)


async def program_props(info: Info, ids: list[str]) -> list[dict[str, Any] | None]:
    return await info.context.nodes("Program").load_many(ids)


async def region_scope(info: Info, name: str | None) -> RegionScope | None:
    return None if name is None else await info.context.catalog.region(name)
