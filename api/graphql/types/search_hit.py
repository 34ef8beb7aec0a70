"""Search results: programs, designations, departments and policies in one ranked list."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.types.department import Department
from api.graphql.types.designation import Designation
from api.graphql.types.policy import Policy
from api.graphql.types.program import Program

SearchNode = Annotated[Program | Designation | Department | Policy, strawberry.union("SearchNode")]


@strawberry.type(description="One search result; higher scores first (whole-query matches on short names).")
class SearchHit:
    score: float
    node: SearchNode
