"""Pathways: ranked chains of programs from what a company holds to what it wants."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.types.links import BenefitLink, DesignationLink
from api.graphql.types.problem import UnknownInput
from api.graphql.types.program import Program


@strawberry.type(
    description="Applying to one program: the requirements that link it to the step before, what it grants."
)
class PathStep:
    index: int = strawberry.field(description="1 for the first program applied to.")
    program: Program
    met: list[DesignationLink] = strawberry.field(
        description="Requirements met by the previous step (or the holdings)."
    )
    implied: list[DesignationLink] = strawberry.field(
        description="IMPLIES facts that carry what the previous step granted (or what is held) to those "
        "requirements: 专精特新小巨人企业 implies 专精特新中小企业."
    )
    requires: list[DesignationLink] = strawberry.field(description="Every requirement of the program.")
    grants: list[DesignationLink] = strawberry.field(description="Designations the program confers.")
    benefits: list[BenefitLink] = strawberry.field(
        description="On the last step: the offers that meet the target."
    )


@strawberry.type(description="A chain of programs; each step states its evidence.")
class Pathway:
    steps: list[PathStep]
    length: int = strawberry.field(description="Number of programs applied to.")
    amount_max_wan: float | None = strawberry.field(
        description="The largest amount offered at the end, in 万元."
    )


@strawberry.type
class Pathways:
    pathways: list[Pathway]
    unrecognised: list[str]
    left_out: int = strawberry.field(
        default=0,
        description="Programs the chains could have applied to (every condition met by then) that `on` "
        "left out: closed or no longer in force. Counted over the steps searched: once shorter chains "
        "fill the page, longer ones are not looked for.",
    )


PathwaysResult = Annotated[Pathways | UnknownInput, strawberry.union("PathwaysResult")]
