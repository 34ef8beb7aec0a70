"""The Region type: an administrative region."""

from __future__ import annotations

import strawberry

from api.graphql.types import links
from api.graphql.types.base import NodeBase, node_type
from api.graphql.types.links import Info, ProgramLink, RegionLink, SourceLink


@node_type("Region")
class Region(NodeBase):
    @strawberry.field(description="The region this one lies in.")
    async def parent(self, info: Info) -> list[RegionLink]:
        rows = await links.fetch(info, "Region", "PART_OF", "Region", self.node_id)
        return [RegionLink(rel=rel, node=node) for rel, node in rows]

    @strawberry.field(description="Regions inside this one.")
    async def children(self, info: Info) -> list[RegionLink]:
        rows = await links.fetch(info, "Region", "PART_OF", "Region", self.node_id, outgoing=False)
        return [RegionLink(rel=rel, node=node) for rel, node in rows]

    @strawberry.field(description="Programs stated to apply in this region (not those of regions above it).")
    async def programs(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "IN_REGION", "Region", self.node_id)

    @strawberry.field
    async def sources(self, info: Info) -> list[SourceLink]:
        return await links.sources(info, "Region", self.node_id)
