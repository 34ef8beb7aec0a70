"""Relationship fields return links: the node at the other end plus the provenance of the fact
(the document that stated it, the sentence, and its character span)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import strawberry

from api.graphql.context import Context
from api.graphql.enums import Level, level_or_none
from api.graphql.types.refs import (
    BenefitRef,
    ContactOfficeRef,
    DepartmentRef,
    DesignationRef,
    DocumentRef,
    PolicyRef,
    ProgramRef,
    RegionRef,
)

if TYPE_CHECKING:
    from api.graphql.context import Link

Info = strawberry.Info[Context, None]


@strawberry.interface(description="A relationship stated by a document: every fact says where it came from.")
class Fact:
    # Plain fields filled when the link is made (strawberry resolves those on a fast path); the far
    # node and the document are resolvers, made only when asked for.
    rel: strawberry.Private[dict[str, Any]]
    node: strawberry.Private[dict[str, Any]]
    evidence: str | None = strawberry.field(default=None, description="The sentence the fact was read from.")
    span: list[int] | None = strawberry.field(
        default=None, description="[start, end) character offsets of the evidence in the document text."
    )

    def __post_init__(self) -> None:
        evidence = self.rel.get("evidence")
        self.evidence = None if evidence is None else str(evidence)
        span = self.rel.get("span")
        self.span = [int(x) for x in span] if isinstance(span, list) else None

    @strawberry.field(description="The document that states the fact.")
    async def document(self, info: Info) -> DocumentRef | None:
        from api.graphql.types.document import Document

        doc = self.rel.get("doc")
        props = await info.context.nodes("Document").load(str(doc)) if doc else None
        return Document(props=props) if props else None


_LEVEL_MIN = "The lowest level that satisfies the condition (省级以上: PROVINCIAL)."


@strawberry.type(
    description="A designation at the end of a REQUIRES, PREFERS, EXCLUDES, GRANTS or IMPLIES fact."
)
class DesignationLink(Fact):
    level_min: Level | None = strawberry.field(default=None, description=_LEVEL_MIN)

    def __post_init__(self) -> None:
        Fact.__post_init__(self)
        self.level_min = level_or_none(self.rel.get("levelMin"))

    @strawberry.field
    def designation(self) -> DesignationRef:
        from api.graphql.types.designation import Designation

        return Designation(props=self.node)


@strawberry.type(description="A program at the other end of a fact.")
class ProgramLink(Fact):
    level_min: Level | None = strawberry.field(
        default=None, description="For requirements and preferences: the lowest level that satisfies them."
    )

    def __post_init__(self) -> None:
        Fact.__post_init__(self)
        self.level_min = level_or_none(self.rel.get("levelMin"))

    @strawberry.field
    def program(self) -> ProgramRef:
        from api.graphql.types.program import Program

        return Program(props=self.node)


@strawberry.type(description="A benefit a program offers (OFFERS).")
class BenefitLink(Fact):
    @strawberry.field
    def benefit(self) -> BenefitRef:
        from api.graphql.types.benefit import Benefit

        return Benefit(props=self.node)


@strawberry.type(description="A department (ADMINISTERED_BY, ISSUED_BY, PART_OF).")
class DepartmentLink(Fact):
    @strawberry.field
    def department(self) -> DepartmentRef:
        from api.graphql.types.department import Department

        return Department(props=self.node)


@strawberry.type(description="A policy (BASED_ON, CITES).")
class PolicyLink(Fact):
    @strawberry.field
    def policy(self) -> PolicyRef:
        from api.graphql.types.policy import Policy

        return Policy(props=self.node)


@strawberry.type(
    description="The office to call about a program (HAS_CONTACT), with the number printed for it."
)
class ContactLink(Fact):
    phone: str | None = strawberry.field(
        default=None, description="The number given for this program, area code included."
    )

    def __post_init__(self) -> None:
        Fact.__post_init__(self)
        value = self.rel.get("phone")
        if value is None:
            phones = self.node.get("phones") or []
            value = phones[0] if phones else None
        self.phone = None if value is None else str(value)

    @strawberry.field
    def office(self) -> ContactOfficeRef:
        from api.graphql.types.contact_office import ContactOffice

        return ContactOffice(props=self.node)


@strawberry.type(description="A region (IN_REGION, PART_OF).")
class RegionLink(Fact):
    @strawberry.field
    def region(self) -> RegionRef:
        from api.graphql.types.region import Region

        return Region(props=self.node)


@strawberry.type(description="The document a node was extracted from (EXTRACTED_FROM).")
class SourceLink(Fact):
    @strawberry.field
    def source(self) -> DocumentRef:
        from api.graphql.types.document import Document

        return Document(props=self.node)


async def fetch(
    info: Info, start: str, rel_type: str, end: str, node_id: str, *, outgoing: bool = True
) -> list[Link]:
    """The links of one node; batched with every other node asking the same in this request."""
    found = await info.context.links(start, rel_type, end, outgoing=outgoing).load(node_id)
    # Every node of the batch wakes up here in the same turn of the event loop: take turns.
    await info.context.slices.turn()
    return found


async def designations(
    info: Info, start: str, rel_type: str, node_id: str, *, outgoing: bool = True
) -> list[DesignationLink]:
    end, begin = ("Designation", start) if outgoing else (start, "Designation")
    rows = await fetch(info, begin, rel_type, end, node_id, outgoing=outgoing)
    return [DesignationLink(rel=rel, node=node) for rel, node in rows]


async def programs(info: Info, rel_type: str, end: str, node_id: str) -> list[ProgramLink]:
    """Programs pointing at this node with `rel_type`."""
    rows = await fetch(info, "Program", rel_type, end, node_id, outgoing=False)
    return [ProgramLink(rel=rel, node=node) for rel, node in rows]


async def departments(
    info: Info, start: str, rel_type: str, node_id: str, *, outgoing: bool = True
) -> list[DepartmentLink]:
    args = (start, rel_type, "Department") if outgoing else ("Department", rel_type, start)
    rows = await fetch(info, *args, node_id, outgoing=outgoing)
    return [DepartmentLink(rel=rel, node=node) for rel, node in rows]


async def regions(info: Info, start: str, node_id: str) -> list[RegionLink]:
    rows = await fetch(info, start, "IN_REGION", "Region", node_id)
    return [RegionLink(rel=rel, node=node) for rel, node in rows]


async def sources(info: Info, start: str, node_id: str) -> list[SourceLink]:
    rows = await fetch(info, start, "EXTRACTED_FROM", "Document", node_id)
    return [SourceLink(rel=rel, node=node) for rel, node in rows]
