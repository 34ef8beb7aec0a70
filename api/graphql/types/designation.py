"""The Designation type: a title or qualification a company holds, at a level."""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry

from api.graphql.catalog import DesignationRecord
from api.graphql.enums import Level
from api.graphql.types import links
from api.graphql.types.base import NodeBase, node_type
from api.graphql.types.links import DesignationLink, Info, ProgramLink, SourceLink


def record_props(rec: DesignationRecord) -> dict[str, Any]:
    props: dict[str, Any] = {"id": rec.id, "name": rec.name, "level": rec.level}
    if rec.aliases:
        props["aliases"] = list(rec.aliases)
    return props


@strawberry.type(description="A program that holding a designation opens: the requirement it meets.")
class Unlock(ProgramLink):
    required: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)
    level_min: Level | None = strawberry.field(
        default=None, description="The lowest level the requirement accepts."
    )

    @strawberry.field(description="The designation the program requires (the held one, or one it implies).")
    def requirement(self) -> Designation:
        return Designation(props=self.required)


@node_type("Designation")
class Designation(NodeBase):
    @strawberry.field(
        description="Programs whose requirements this designation meets, directly, through IMPLIES, "
        "or by level order (a national holder meets a provincial requirement of the same name)."
    )
    async def unlocks(self, info: Info) -> list[Unlock]:
        catalog = info.context.catalog
        index, facts = await catalog.designations(), await catalog.unlocks(self.node_id)
        programs = await info.context.nodes("Program").load_many([c.program for c in facts])
        return [
            Unlock(rel=c.rel, node=p, required=record_props(index.by_id[c.designation]))
            for c, p in zip(facts, programs, strict=True)
            if p is not None
        ]

    @strawberry.field(description="Programs that require exactly this designation node.")
    async def required_by(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "REQUIRES", "Designation", self.node_id)

    @strawberry.field(description="Programs that prefer this designation.")
    async def preferred_by(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "PREFERS", "Designation", self.node_id)

    @strawberry.field(description="Programs that exclude holders of this designation.")
    async def excluded_by(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "EXCLUDES", "Designation", self.node_id)

    @strawberry.field(description="Programs that confer this designation.")
    async def granted_by(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "GRANTS", "Designation", self.node_id)

    @strawberry.field(description="Designations that holding this one satisfies.")
    async def implies(self, info: Info) -> list[DesignationLink]:
        return await links.designations(info, "Designation", "IMPLIES", self.node_id)

    @strawberry.field(description="Designations whose holders also satisfy this one.")
    async def implied_by(self, info: Info) -> list[DesignationLink]:
        return await links.designations(info, "Designation", "IMPLIES", self.node_id, outgoing=False)

    @strawberry.field
    async def sources(self, info: Info) -> list[SourceLink]:
        return await links.sources(info, "Designation", self.node_id)
