"""Lookups: one node by id or name, and the designations."""

from __future__ import annotations

import strawberry

from api.graphql.enums import Level
from api.graphql.errors import PublicError
from api.graphql.names import region_variants, split_level
from api.graphql.query.shared import (
    node,
)
from api.graphql.types.benefit import Benefit
from api.graphql.types.contact_office import ContactOffice
from api.graphql.types.department import Department
from api.graphql.types.designation import Designation, record_props
from api.graphql.types.document import Document
from api.graphql.types.links import Info
from api.graphql.types.policy import Policy
from api.graphql.types.program import Program
from api.graphql.types.region import Region


@strawberry.type
class LookupFields:
    @strawberry.field(description="A program by id.")
    async def program(self, info: Info, id: strawberry.ID) -> Program | None:
        props = await node(info, "Program", str(id))
        return Program(props=props) if props else None

    @strawberry.field(description="A policy by id.")
    async def policy(self, info: Info, id: strawberry.ID) -> Policy | None:
        props = await node(info, "Policy", str(id))
        return Policy(props=props) if props else None

    @strawberry.field(description="A benefit by id.")
    async def benefit(self, info: Info, id: strawberry.ID) -> Benefit | None:
        props = await node(info, "Benefit", str(id))
        return Benefit(props=props) if props else None

    @strawberry.field(description="A contact office by id.")
    async def contact_office(self, info: Info, id: strawberry.ID) -> ContactOffice | None:
        props = await node(info, "ContactOffice", str(id))
        return ContactOffice(props=props) if props else None

    @strawberry.field(description="A department by id, or by name or alias.")
    async def department(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Department | None:
        if id is not None:
            props = await node(info, "Department", str(id))
        elif name is not None:
            rows = await info.context.run("api_department_by_name", wanted=name)
            props = rows[0]["props"] if rows else None
        else:
            raise PublicError("department needs an id or a name")
        return Department(props=props) if props else None

    @strawberry.field(description="A region by id, or by name (鄂州 finds 鄂州市).")
    async def region(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Region | None:
        if id is not None:
            props = await node(info, "Region", str(id))
        elif name is not None:
            rows = await info.context.run("api_region_by_name", names=region_variants(name))
            props = rows[0]["props"] if rows else None
        else:
            raise PublicError("region needs an id or a name")
        return Region(props=props) if props else None

    @strawberry.field(description="A source document by id, or by file name.")
    async def document(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Document | None:
        if id is not None:
            props = await node(info, "Document", str(id))
        elif name is not None:
            rows = await info.context.run("api_document_by_name", wanted=name)
            props = rows[0]["props"] if rows else None
        else:
            raise PublicError("document needs an id or a name")
        return Document(props=props) if props else None

    @strawberry.field(
        description="A designation by name (or alias) and level; without a level, the highest one."
    )
    async def designation(self, info: Info, name: str, level: Level | None = None) -> Designation | None:
        key, prefixed = split_level(name)
        index = await info.context.catalog.designations()
        found = index.find(key, level.value if level else prefixed)
        return Designation(props=record_props(found[0])) if found else None

    @strawberry.field(description="Designations, optionally only those with this name (every level).")
    async def designations(self, info: Info, name: str | None = None) -> list[Designation]:
        index = await info.context.catalog.designations()
        records = (
            index.named(split_level(name)[0])
            if name
            else sorted(index.by_id.values(), key=lambda r: (r.name, r.id))
        )
        return [Designation(props=record_props(r)) for r in records]
