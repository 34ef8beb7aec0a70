"""Answers to "what can we apply for": eligible programs and near misses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import strawberry

from api.graphql.types.designation import Designation
from api.graphql.types.links import DesignationLink, ProgramLink
from api.graphql.types.problem import UnknownInput
from api.graphql.types.program import Program
from api.graphql.types.region import Region


@strawberry.type(description="A program the holdings qualify for, with the requirements they meet.")
class Eligibility:
    # Made when asked for: an answer part kept for the same program and facts (api/graphql/fragments.py,
    # by `fragment_id`) needs neither.
    props: strawberry.Private[dict[str, Any]]
    links: strawberry.Private[Callable[[], list[DesignationLink]]]
    fragment_id: strawberry.Private[str | None] = None

    @strawberry.field
    def program(self) -> Program:
        return Program(props=self.props)

    @strawberry.field(description="Each requirement and the fact that states it.")
    def met(self) -> list[DesignationLink]:
        return self.links()


@strawberry.type(description="A program one condition short, naming it and the programs that grant it.")
class NearMiss:
    program: Program
    met: list[DesignationLink]
    missing: list[DesignationLink] = strawberry.field(
        description="The unmet condition: any one of these designations meets it (alternatives stated in one sentence)."
    )
    granted_by: list[ProgramLink] = strawberry.field(
        description="Programs whose designation would meet the missing condition (GRANTS facts)."
    )


@strawberry.type(description="Programs the holdings qualify for in the region (and the regions above it).")
class EligiblePrograms:
    programs: list[Eligibility]
    holding: list[Designation] = strawberry.field(description="The held designations and all they imply.")
    region: Region | None
    unrecognised: list[str] = strawberry.field(
        description="Held names the graph does not know (they open nothing)."
    )
    left_out: int = strawberry.field(
        default=0,
        description="Programs the holdings qualify for that `on` left out: closed or no longer in force.",
    )
    extra: strawberry.Private[dict[str, Any] | None] = None


@strawberry.type(description="Programs exactly one requirement away.")
class NearlyEligiblePrograms:
    programs: list[NearMiss]
    region: Region | None
    unrecognised: list[str]


EligibleResult = Annotated[EligiblePrograms | UnknownInput, strawberry.union("EligibleResult")]
NearlyEligibleResult = Annotated[
    NearlyEligiblePrograms | UnknownInput, strawberry.union("NearlyEligibleResult")
]
