"""Query templates for the generic node and link loaders. Slots such as `__LABEL__` are filled
only from the ontology's enums (never from client input), as `graph/writer.py` does for writes."""

from __future__ import annotations

from functools import cache

from graph.queries import load_query
from schema.ontology import Label, RelType

_ALLOWED = frozenset(Label) | frozenset(RelType)


@cache
def filled(name: str, **slots: str) -> str:
    """The text of cypher/<name>.cypher with each `__SLOT__` replaced by an ontology name."""
    text = load_query(name)
    for slot, value in slots.items():
        if value not in _ALLOWED:
            raise ValueError(f"{value!r} is not a label or relationship type of the ontology")
        text = text.replace(f"__{slot}__", value)
    return text
