"""The Department type: a government body or one of its divisions."""

from __future__ import annotations

import strawberry

from api.graphql.types import links
from api.graphql.types.base import NodeBase, node_type
from api.graphql.types.links import (
    ContactLink,
    DepartmentLink,
    Info,
    PolicyLink,
    ProgramLink,
    RegionLink,
    SourceLink,
)


@node_type("Department")
class Department(NodeBase):
    @strawberry.field(description="Programs this department administers.")
    async def programs(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "ADMINISTERED_BY", "Department", self.node_id)

    @strawberry.field(description="Policies this department issued.")
    async def policies(self, info: Info) -> list[PolicyLink]:
        rows = await links.fetch(info, "Policy", "ISSUED_BY", "Department", self.node_id, outgoing=False)
        return [PolicyLink(rel=rel, node=node) for rel, node in rows]

    @strawberry.field(description="The body this one is part of.")
    async def parent(self, info: Info) -> list[DepartmentLink]:
        return await links.departments(info, "Department", "PART_OF", self.node_id)

    @strawberry.field(description="Divisions of this body.")
    async def children(self, info: Info) -> list[DepartmentLink]:
        return await links.departments(info, "Department", "PART_OF", self.node_id, outgoing=False)

    @strawberry.field(description="Contact offices that belong to this body.")
    async def offices(self, info: Info) -> list[ContactLink]:
        rows = await links.fetch(info, "ContactOffice", "PART_OF", "Department", self.node_id, outgoing=False)
        return [ContactLink(rel=rel, node=node) for rel, node in rows]

    @strawberry.field
    async def regions(self, info: Info) -> list[RegionLink]:
        return await links.regions(info, "Department", self.node_id)

    @strawberry.field
    async def sources(self, info: Info) -> list[SourceLink]:
        return await links.sources(info, "Department", self.node_id)
