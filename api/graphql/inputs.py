"""Input types: what a client names (designations, filters, pathway targets)."""

from __future__ import annotations

from datetime import date

import strawberry

from api.graphql.enums import BenefitType, Level


@strawberry.input(description='A designation as a company names it: 专精特新"小巨人"企业, level NATIONAL.')
class DesignationInput:
    name: str = strawberry.field(
        description="Name or alias; quotes, spaces and a leading 国家级/省级 word are ignored."
    )
    level: Level | None = strawberry.field(
        default=None, description="Omit when the name says it or only one level exists."
    )


@strawberry.input(description="Filters on programs; all given filters must hold.")
class ProgramFilter:
    region: str | None = strawberry.field(
        default=None,
        description="A region name (鄂州 or 鄂州市): its programs and those of every region above it.",
    )
    level: Level | None = None
    kind: str | None = strawberry.field(
        default=None, description="funding | recognition | service | tax | finance | other"
    )
    requires: DesignationInput | None = None
    prefers: DesignationInput | None = None
    grants: DesignationInput | None = None
    department: str | None = strawberry.field(
        default=None, description="Part of the name of the administering department or of a body above it."
    )
    benefit_type: BenefitType | None = None
    benefit_min_wan: float | None = strawberry.field(
        default=None, description="Offers at least this many 万元."
    )
    text: str | None = strawberry.field(
        default=None, description="Words in the name or summary (segmented with jieba)."
    )
    open_on: date | None = strawberry.field(
        default=None,
        description="Programs whose window is open on this day (a recurring window such as 每年3月: in "
        "its months) and that are in force then; programs whose window is not known are left out.",
    )
    closing_before: date | None = strawberry.field(
        default=None,
        description="Programs whose window closes before this day (closesOn earlier than it); a recurring "
        "window closes at the end of its months that hold openOn, when openOn is given.",
    )


@strawberry.input(
    description="Where a pathway should lead: set exactly one of program, designation, or benefit fields."
)
class PathTarget:
    program: strawberry.ID | None = strawberry.field(default=None, description="A program id.")
    designation: DesignationInput | None = None
    benefit_type: BenefitType | None = None
    benefit_min_wan: float | None = None
