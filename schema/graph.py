"""The one interchange type between extraction and the stores: a graph of nodes and relationships.

Its JSON form is fixed (other tools read it):
`{"nodes": [{"id", "label", "properties"}], "relationships": [{"type", "start", "end", "properties"}]}`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schema.ontology import ONTOLOGY

Scalar = str | int | float | bool
PropertyValue = Scalar | list[str] | list[int] | list[float]


def clean_properties(props: dict[str, Any]) -> dict[str, PropertyValue]:
    """Drop None and empty values: stores cannot hold null properties and empty lists say nothing."""
    return {k: v for k, v in props.items() if v is not None and v != [] and v != ""}


class Node(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    label: str
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_label(self) -> Node:
        if self.label not in ONTOLOGY.node_types:
            raise ValueError(f"unknown node label {self.label!r}")
        return self


class Relationship(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str
    start: str
    end: str
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_type(self) -> Relationship:
        if self.type not in ONTOLOGY.relationship_types:
            raise ValueError(f"unknown relationship type {self.type!r}")
        return self

    @property
    def doc(self) -> str | None:
        value = self.properties.get("doc")
        return value if isinstance(value, str) else None

    @property
    def identity(self) -> tuple[object, ...]:
        """What makes two relationships one: ends, type, document and the type's key properties."""
        keys = ONTOLOGY.relationship_types[self.type].key
        return (self.type, self.start, self.end, self.doc, *(str(self.properties.get(k)) for k in keys))


class GraphDocument(BaseModel):
    """Nodes and relationships, validated against the ontology's patterns."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    nodes: list[Node] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)

    @model_validator(mode="after")
    def _patterns_hold(self) -> GraphDocument:
        labels = {node.id: node.label for node in self.nodes}
        for rel in self.relationships:
            start, end = labels.get(rel.start), labels.get(rel.end)
            if start is None or end is None:
                raise ValueError(f"{rel.type} {rel.start}->{rel.end} points at a node not in the graph")
            if not ONTOLOGY.allows(rel.type, start, end):
                raise ValueError(f"ontology does not allow ({start})-[:{rel.type}]->({end})")
        return self

    @classmethod
    def merge(cls, parts: Iterable[GraphDocument]) -> GraphDocument:
        """One graph from several: a node seen twice keeps its first properties plus new ones."""
        nodes: dict[str, Node] = {}
        rels: dict[tuple[object, ...], Relationship] = {}
        for part in parts:
            for node in part.nodes:
                old = nodes.get(node.id)
                nodes[node.id] = (
                    node
                    if old is None
                    else old.model_copy(update={"properties": {**node.properties, **old.properties}})
                )
            for rel in part.relationships:
                rels.setdefault(rel.identity, rel)
        return cls(nodes=list(nodes.values()), relationships=list(rels.values()))

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for node in self.nodes:
            out[node.label] = out.get(node.label, 0) + 1
        return dict(sorted(out.items()))

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)
