"""Loads `ontology.yaml` into frozen models and derives the enums every other package uses."""

from __future__ import annotations

import itertools
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

ONTOLOGY_FILE = Path(__file__).with_name("ontology.yaml")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class PropertyType(_Frozen):
    type: str
    required: bool = False
    description: str = ""


class NodeType(_Frozen):
    label: str
    description: str = ""
    key: tuple[str, ...]
    caption: str
    color: str
    size: int
    rdf: tuple[str, ...] = ()
    properties: dict[str, PropertyType]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(name for name, prop in self.properties.items() if prop.required)


class RelationshipType(_Frozen):
    type: str
    description: str = ""
    rdf: str | None = None  # the predicate a linked-data export maps the type to
    patterns: tuple[tuple[str, str], ...]
    properties: dict[str, PropertyType] = Field(default_factory=dict)
    key: tuple[str, ...] = ()  # properties that tell parallel edges of this type apart

    @property
    def start_labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(start for start, _ in self.patterns))

    @property
    def end_labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(end for _, end in self.patterns))


class PropertyMapping(_Frozen):
    """How one property name becomes RDF (schema/jsonld.py): one predicate per name across labels,
    because a JSON-LD context maps a term once."""

    rdf: str
    lang: str | None = None  # language tag of the literal (zh for Chinese text)
    datatype: str | None = None  # xsd:date, xsd:decimal ...; "@id" for an IRI
    container: str | None = None  # a JSON-LD @container, if a term needs one
    parts: tuple[str, ...] = ()  # a fixed-length list written as one predicate per item (span)


class LinkedData(_Frozen):
    prefixes: dict[str, str] = Field(default_factory=dict)
    vocab: str = "vocab#"  # relative to the base IRI: terms of our own
    properties: dict[str, PropertyMapping] = Field(default_factory=dict)


class Ontology(_Frozen):
    version: int
    levels: tuple[str, ...]
    benefit_types: tuple[str, ...]
    provenance: tuple[str, ...]
    node_types: dict[str, NodeType]
    relationship_types: dict[str, RelationshipType]
    linked_data: LinkedData = Field(default_factory=LinkedData)

    @classmethod
    def from_file(cls, path: Path = ONTOLOGY_FILE) -> Ontology:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        nodes = {label: NodeType(label=label, **spec) for label, spec in raw.pop("node_types").items()}
        rels = {}
        for rel_type, spec in raw.pop("relationship_types").items():
            spec = dict(spec)
            patterns = spec.pop("patterns", None) or list(itertools.product(spec.pop("from"), spec.pop("to")))
            rels[rel_type] = RelationshipType(type=rel_type, patterns=patterns, **spec)
        onto = cls(node_types=nodes, relationship_types=rels, **raw)
        onto._check()
        return onto

    def _check(self) -> None:
        for rel in self.relationship_types.values():
            for start, end in rel.patterns:
                if start not in self.node_types or end not in self.node_types:
                    raise ValueError(f"ontology: {rel.type} names unknown label in ({start}, {end})")

    def allows(self, rel_type: str, start_label: str, end_label: str) -> bool:
        rel = self.relationship_types.get(rel_type)
        return rel is not None and (start_label, end_label) in rel.patterns

    def level_rank(self, level: str | None) -> int:
        """National is the highest rank; None (unknown) ranks below every level."""
        if level is None:
            return -1
        return len(self.levels) - self.levels.index(level)


@cache
def load_ontology() -> Ontology:
    return Ontology.from_file()


ONTOLOGY = load_ontology()

# Enums generated from the file, so a label or type exists in code only if the ontology has it.
Label = StrEnum("Label", {name: name for name in ONTOLOGY.node_types})
RelType = StrEnum("RelType", {name: name for name in ONTOLOGY.relationship_types})
Level = StrEnum("Level", {name.upper(): name for name in ONTOLOGY.levels})
BenefitType = StrEnum("BenefitType", {name.upper(): name for name in ONTOLOGY.benefit_types})
