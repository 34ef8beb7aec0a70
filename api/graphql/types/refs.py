"""Lazy references between the type modules, which refer to each other in both directions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeAlias

import strawberry

if TYPE_CHECKING:
    from api.graphql.types.benefit import Benefit
    from api.graphql.types.contact_office import ContactOffice
    from api.graphql.types.department import Department
    from api.graphql.types.designation import Designation
    from api.graphql.types.document import Document
    from api.graphql.types.policy import Policy
    from api.graphql.types.program import Program
    from api.graphql.types.region import Region

BenefitRef: TypeAlias = Annotated["Benefit", strawberry.lazy("api.graphql.types.benefit")]
ContactOfficeRef: TypeAlias = Annotated["ContactOffice", strawberry.lazy("api.graphql.types.contact_office")]
DepartmentRef: TypeAlias = Annotated["Department", strawberry.lazy("api.graphql.types.department")]
DesignationRef: TypeAlias = Annotated["Designation", strawberry.lazy("api.graphql.types.designation")]
DocumentRef: TypeAlias = Annotated["Document", strawberry.lazy("api.graphql.types.document")]
PolicyRef: TypeAlias = Annotated["Policy", strawberry.lazy("api.graphql.types.policy")]
ProgramRef: TypeAlias = Annotated["Program", strawberry.lazy("api.graphql.types.program")]
RegionRef: TypeAlias = Annotated["Region", strawberry.lazy("api.graphql.types.region")]
