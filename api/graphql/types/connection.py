"""The Relay-style connection over programs."""

from __future__ import annotations

import base64
import re

import strawberry

from api.graphql.errors import PublicError
from api.graphql.types.program import Program

_PREFIX = "program:"
# The offsets cursor_of writes: ASCII digits without sign, underscore or leading zero, and short
# enough to be a position (int() would also take "-5", "1_0", "+1", " 1" and Arabic-Indic "١").
_OFFSET = re.compile(r"(?:0|[1-9][0-9]{0,8})", re.ASCII)


def cursor_of(offset: int) -> str:
    return base64.b64encode(f"{_PREFIX}{offset}".encode()).decode()


def offset_of(cursor: str | None) -> int:
    """The position after `cursor`; a cursor this API did not issue is a clear error."""
    if cursor is None:
        return 0
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
        offset = text.removeprefix(_PREFIX)
        if offset == text or not _OFFSET.fullmatch(offset):
            raise ValueError(text)
        return int(offset) + 1
    except ValueError as exc:
        raise PublicError(
            f"invalid cursor {cursor!r}: pass an endCursor or cursor this API returned"
        ) from exc


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class ProgramEdge:
    cursor: str
    node: Program


@strawberry.type(description="Programs, ordered by name then id.")
class ProgramConnection:
    edges: list[ProgramEdge]
    page_info: PageInfo
    total_count: int
