"""The linked-data view of the ontology: IRIs, classes, predicates and the JSON-LD @context.

All of it is read from `ontology.yaml` (each label's `rdf` classes, each relationship type's `rdf`
predicate, the `linked_data` section for properties), so adding a label or property there is enough.
Only the base IRI comes from outside (settings.base_iri), because it names where the graph is served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from schema.ontology import ONTOLOGY, Ontology, PropertyMapping

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"

_CURIE = re.compile(r"^([A-Za-z][\w-]*):(.*)$")


def term_name(rel_type: str) -> str:
    """`BASED_ON` -> `basedOn`: the JSON-LD term a relationship type is written as."""
    first, *rest = rel_type.lower().split("_")
    return first + "".join(part.capitalize() for part in rest)


def type_segment(label: str) -> str:
    """The `{type}` part of an entity IRI: the label in lower case, as ids start with it."""
    return label.lower()


@dataclass(frozen=True)
class Vocabulary:
    """The ontology's mapping to RDF under one base IRI."""

    base: str
    ontology: Ontology = ONTOLOGY

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", self.base.rstrip("/"))

    # -- namespaces ---------------------------------------------------------------------------------
    @property
    def vocab_ns(self) -> str:
        return f"{self.base}/{self.ontology.linked_data.vocab}"

    @property
    def prefixes(self) -> dict[str, str]:
        """Every prefix a CURIE in the ontology may use, `pkg` (our own terms) included."""
        return {
            **self.ontology.linked_data.prefixes,
            "pkg": self.vocab_ns,
            "rdf": RDF_NS,
            "rdfs": RDFS_NS,
            "xsd": XSD_NS,
        }

    def expand(self, curie: str) -> str:
        """`schema:name` -> `https://schema.org/name`; an absolute IRI is returned unchanged."""
        match = _CURIE.match(curie)
        if match is None or match.group(2).startswith("//"):
            return curie
        prefix, local = match.groups()
        try:
            return self.prefixes[prefix] + local
        except KeyError:
            raise ValueError(f"ontology.yaml: unknown prefix {prefix!r} in {curie!r}") from None

    # -- IRIs of the graph ----------------------------------------------------------------------------
    def entity(self, label: str, node_id: str) -> str:
        """`{base}/id/{type}/{id}`: the stable IRI of a node."""
        return f"{self.base}/id/{type_segment(label)}/{node_id}"

    def label_of_segment(self, segment: str) -> str | None:
        """The label whose IRI segment is `segment`, or None."""
        for label in self.ontology.node_types:
            if type_segment(label) == segment:
                return label
        return None

    @property
    def dataset(self) -> str:
        return f"{self.base}/dataset"

    # -- classes and predicates -----------------------------------------------------------------------
    def own_class(self, label: str) -> str:
        return self.vocab_ns + label

    def classes(self, label: str) -> list[str]:
        """Our own class first, then the established ones the ontology maps the label to."""
        return [self.own_class(label), *(self.expand(c) for c in self.ontology.node_types[label].rdf)]

    def mapping(self, prop: str) -> PropertyMapping:
        """How a property becomes RDF; an unmapped one becomes a plain `pkg:` predicate."""
        return self.ontology.linked_data.properties.get(prop) or PropertyMapping(rdf=f"pkg:{prop}")

    def property_predicate(self, prop: str) -> str:
        return self.expand(self.mapping(prop).rdf)

    def relationship_predicate(self, rel_type: str) -> str:
        curie = self.ontology.relationship_types[rel_type].rdf or f"pkg:{term_name(rel_type)}"
        return self.expand(curie)

    # -- JSON-LD --------------------------------------------------------------------------------------
    def context(self) -> dict[str, Any]:
        """The JSON-LD @context body: prefixes, a term per label, property and relationship type."""
        ctx: dict[str, Any] = {}
        for prefix, namespace in self.prefixes.items():
            # cccev and cv share a namespace: only the first prefix is offered for compaction.
            if namespace not in ctx.values():
                ctx[prefix] = namespace
        for label in self.ontology.node_types:
            ctx[label] = f"pkg:{label}"
        names = {p for nt in self.ontology.node_types.values() for p in nt.properties}
        names |= {p for rt in self.ontology.relationship_types.values() for p in rt.properties}
        names |= set(self.ontology.linked_data.properties)
        for prop in sorted(names):
            mapping = self.mapping(prop)
            if mapping.parts:  # span -> spanStart, spanEnd
                for part in mapping.parts:
                    # integers stay JSON numbers without a @type
                    ctx[part.split(":", 1)[1]] = _term_definition(PropertyMapping(rdf=part))
            else:
                ctx[prop] = _term_definition(mapping)
        for rel_type, spec in self.ontology.relationship_types.items():
            ctx[term_name(rel_type)] = {"@id": spec.rdf or f"pkg:{term_name(rel_type)}", "@type": "@id"}
        # The statements that carry each relationship's provenance (RDF reification).
        ctx.update(
            {
                "Statement": "rdf:Statement",
                "subject": {"@id": "rdf:subject", "@type": "@id"},
                "predicate": {"@id": "rdf:predicate", "@type": "@id"},
                "object": {"@id": "rdf:object", "@type": "@id"},
            }
        )
        return ctx

    def context_document(self) -> dict[str, Any]:
        return {"@context": self.context()}


def _term_definition(mapping: PropertyMapping) -> dict[str, Any] | str:
    definition: dict[str, Any] = {"@id": mapping.rdf}
    if mapping.lang:
        definition["@language"] = mapping.lang
    if mapping.datatype:
        definition["@type"] = mapping.datatype
    if mapping.container:
        definition["@container"] = mapping.container
    return definition if len(definition) > 1 else mapping.rdf
