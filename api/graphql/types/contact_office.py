"""The ContactOffice type: whom a company calls about a program."""

from __future__ import annotations

import strawberry

from api.graphql.types import links
from api.graphql.types.base import NodeBase, node_type
from api.graphql.types.links import DepartmentLink, Info, ProgramLink, RegionLink, SourceLink


@node_type("ContactOffice")
class ContactOffice(NodeBase):
    @strawberry.field(description="The department the office belongs to.")
    async def department(self, info: Info) -> list[DepartmentLink]:
        return await links.departments(info, "ContactOffice", "PART_OF", self.node_id)

    @strawberry.field(description="Programs this office answers for.")
    async def programs(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "HAS_CONTACT", "ContactOffice", self.node_id)

    @strawberry.field
    async def regions(self, info: Info) -> list[RegionLink]:
        return await links.regions(info, "ContactOffice", self.node_id)

    @strawberry.field
    async def sources(self, info: Info) -> list[SourceLink]:
        return await links.sources(info, "ContactOffice", self.node_id)
