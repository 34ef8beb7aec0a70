"""The Document type: a source file the graph was extracted from."""

from __future__ import annotations

import strawberry

from api.graphql.types import links
from api.graphql.types.base import NodeBase, node_type
from api.graphql.types.links import Info, ProgramLink, RegionLink


@node_type("Document")
class Document(NodeBase):
    @strawberry.field(description="Programs read from this document.")
    async def programs(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "EXTRACTED_FROM", "Document", self.node_id)

    @strawberry.field(description="The region the document is about.")
    async def regions(self, info: Info) -> list[RegionLink]:
        return await links.regions(info, "Document", self.node_id)
