"""Node types get their scalar fields from the ontology: `@node_type("Program")` adds one field per
property listed in `schema/ontology.yaml`, typed from it, so a property added there shows up here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import strawberry

from api.graphql.enums import BenefitType, Level, benefit_type_or_none, level_or_none
from schema.ontology import ONTOLOGY

C = TypeVar("C", bound=type)


def _date_or_none(value: Any) -> date | None:
    """A stored ISO date (opensOn, validUntil) as a GraphQL Date; anything else reads as None."""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


# ontology property type -> (GraphQL-facing Python type, conversion from the stored value)
_SCALARS: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    "str": (str, lambda v: None if v is None else str(v)),
    "int": (int, lambda v: None if v is None else int(v)),
    "float": (float, lambda v: None if v is None else float(v)),
    "bool": (bool, lambda v: None if v is None else bool(v)),
    "date": (date, _date_or_none),
    "list[str]": (list[str], lambda v: None if v is None else [str(x) for x in v]),
    "list[int]": (list[int], lambda v: None if v is None else [int(x) for x in v]),
    "level": (Level, level_or_none),
    "benefit_type": (BenefitType, benefit_type_or_none),
}


def node_type(label: str) -> Callable[[C], C]:
    """A strawberry type named `label` with the ontology's properties as fields (plus the class's own).

    The properties are plain dataclass fields filled from the stored properties when the object is
    made, not resolvers: strawberry resolves plain fields on a fast path, and a planner's answer is
    mostly such fields. Only the id is non-null: extraction may leave even a "required" property
    out, and one missing caption must not void a whole answer.
    """
    spec = ONTOLOGY.node_types[label]

    def wrap(cls: C) -> C:
        own = dict(vars(cls))
        annotations = own.pop("__annotations__", {})
        own.pop("__dict__", None)
        own.pop("__weakref__", None)
        fields: dict[str, Any] = {}
        types: dict[str, Any] = {"props": strawberry.Private[dict[str, Any]]}
        converters: dict[str, Callable[[Any], Any]] = {}
        for prop, ptype in spec.properties.items():
            if prop in own or prop in annotations:
                continue
            if prop == "id":
                types[prop], converters[prop] = strawberry.ID, lambda v: strawberry.ID(str(v))
            else:
                py_type, converters[prop] = _SCALARS[ptype.type]
                types[prop] = py_type | None
            fields[prop] = strawberry.field(default=None, description=ptype.description or None)

        def __post_init__(self: Any) -> None:
            props = self.props
            for prop, convert in converters.items():
                setattr(self, prop, convert(props.get(prop)))

        # A new class with the ontology's properties first, so the SDL reads like the ontology.
        namespace = {
            **fields,
            **own,
            "__post_init__": __post_init__,
            "__annotations__": {**types, **annotations},
        }
        rebuilt = type(cls.__name__, cls.__bases__, namespace)
        return strawberry.type(rebuilt, name=label, description=spec.description)  # type: ignore[return-value]

    return wrap


class NodeBase:
    """What every node type holds: the stored properties of its node (`props`, added by node_type)."""

    props: dict[str, Any]

    @property
    def node_id(self) -> str:
        return str(self.props["id"])
