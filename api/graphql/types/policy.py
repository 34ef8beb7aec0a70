"""The Policy type: a policy document (通知, 办法, 意见, 方案)."""

from __future__ import annotations

import strawberry

from api.graphql.types import links
from api.graphql.types.base import NodeBase, node_type
from api.graphql.types.links import DepartmentLink, Info, PolicyLink, ProgramLink, RegionLink, SourceLink


@node_type("Policy")
class Policy(NodeBase):
    @strawberry.field(description="The departments that issued the policy.")
    async def issued_by(self, info: Info) -> list[DepartmentLink]:
        return await links.departments(info, "Policy", "ISSUED_BY", self.node_id)

    @strawberry.field(description="Programs based on this policy.")
    async def programs(self, info: Info) -> list[ProgramLink]:
        return await links.programs(info, "BASED_ON", "Policy", self.node_id)

    @strawberry.field(description="Policies this one cites.")
    async def cites(self, info: Info) -> list[PolicyLink]:
        rows = await links.fetch(info, "Policy", "CITES", "Policy", self.node_id)
        return [PolicyLink(rel=rel, node=node) for rel, node in rows]

    @strawberry.field(description="Policies citing this one.")
    async def cited_by(self, info: Info) -> list[PolicyLink]:
        rows = await links.fetch(info, "Policy", "CITES", "Policy", self.node_id, outgoing=False)
        return [PolicyLink(rel=rel, node=node) for rel, node in rows]

    @strawberry.field
    async def regions(self, info: Info) -> list[RegionLink]:
        return await links.regions(info, "Policy", self.node_id)

    @strawberry.field
    async def sources(self, info: Info) -> list[SourceLink]:
        return await links.sources(info, "Policy", self.node_id)
