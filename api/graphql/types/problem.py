"""Expected errors are union members: a name the graph does not know is an answer, not a failure."""

from __future__ import annotations

import strawberry


@strawberry.type(description="An input the graph does not know, with close names it does know.")
class UnknownInput:
    message: str
    field: str = strawberry.field(description="The argument that holds the unknown value.")
    value: str
    suggestions: list[str] = strawberry.field(description="Known names close to the value, best first.")
