"""The Program type: a support program a company can apply for."""

from __future__ import annotations

import strawberry

from api.graphql.types import links
from api.graphql.types.base import NodeBase, node_type
from api.graphql.types.links import (
    BenefitLink,
    ContactLink,
    DepartmentLink,
    DesignationLink,
    Info,
    PolicyLink,
    RegionLink,
    SourceLink,
)


@node_type("Program")
class Program(NodeBase):
    @strawberry.field(description="Designations an applicant must already hold.")
    async def requires(self, info: Info) -> list[DesignationLink]:
        return await links.designations(info, "Program", "REQUIRES", self.node_id)

    @strawberry.field(description="Designations that earn priority (优先支持).")
    async def prefers(self, info: Info) -> list[DesignationLink]:
        return await links.designations(info, "Program", "PREFERS", self.node_id)

    @strawberry.field(description="Designations that bar an application.")
    async def excludes(self, info: Info) -> list[DesignationLink]:
        return await links.designations(info, "Program", "EXCLUDES", self.node_id)

    @strawberry.field(description="Designations the program confers.")
    async def grants(self, info: Info) -> list[DesignationLink]:
        return await links.designations(info, "Program", "GRANTS", self.node_id)

    @strawberry.field(description="What the program gives.")
    async def benefits(self, info: Info) -> list[BenefitLink]:
        rows = await links.fetch(info, "Program", "OFFERS", "Benefit", self.node_id)
        return [BenefitLink(rel=rel, node=node) for rel, node in rows]

    @strawberry.field(description="Offices to call, with their numbers.")
    async def contacts(self, info: Info) -> list[ContactLink]:
        rows = await links.fetch(info, "Program", "HAS_CONTACT", "ContactOffice", self.node_id)
        return [ContactLink(rel=rel, node=node) for rel, node in rows]

    @strawberry.field(description="The departments (归口部门) in charge.")
    async def administered_by(self, info: Info) -> list[DepartmentLink]:
        return await links.departments(info, "Program", "ADMINISTERED_BY", self.node_id)

    @strawberry.field(description="The policies (文件依据) the program rests on.")
    async def based_on(self, info: Info) -> list[PolicyLink]:
        rows = await links.fetch(info, "Program", "BASED_ON", "Policy", self.node_id)
        return [PolicyLink(rel=rel, node=node) for rel, node in rows]

    @strawberry.field(description="Where the program applies.")
    async def regions(self, info: Info) -> list[RegionLink]:
        return await links.regions(info, "Program", self.node_id)

    @strawberry.field(description="The documents the program was read from.")
    async def sources(self, info: Info) -> list[SourceLink]:
        return await links.sources(info, "Program", self.node_id)
