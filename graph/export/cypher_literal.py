"""Values as Cypher literals, for scripts that cannot take parameters.

Only what a property can hold is accepted (strings, integers, finite floats, booleans, lists of
these, maps for the UNWIND rows); anything else is refused rather than written half-right.
"""

from __future__ import annotations

import math
import re
from typing import Any

from schema.errors import PolicyKGError


class ExportError(PolicyKGError):
    """A graph that cannot be written in an export format, naming the value or element at fault."""


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def string_literal(text: str) -> str:
    """Single-quoted, with backslash, quote and line breaks escaped, so that a literal never spans
    lines. Other control characters stay raw: FalkorDB does not read `\\uXXXX` (Neo4j does), and
    both take them raw; only NUL is escaped, since tools treat it as the end of the text."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == "\0":
            out.append("\\u0000")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def key_literal(key: str) -> str:
    """A map key or property name: bare when it is an identifier, else in backticks."""
    if _IDENTIFIER.match(key):
        return key
    return "`" + key.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"{value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key_literal(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise ExportError(f"{value!r} ({type(value).__name__}) has no Cypher literal")
