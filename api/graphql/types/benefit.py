"""The Benefit type: what a program gives."""

from __future__ import annotations

import strawberry

from api.graphql.types import links
from api.graphql.types.base import NodeBase, node_type
from api.graphql.types.links import Info, ProgramLink, SourceLink


@node_type("Benefit")
class Benefit(NodeBase):
    @strawberry.field(description="The programs offering this benefit.")
    async def offered_by(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "OFFERS", "Benefit", self.node_id)

    @strawberry.field
    async def sources(self, info: Info) -> list[SourceLink]:
        return await links.sources(info, "Benefit", self.node_id)
