"""The graph as linked data: an rdflib Graph with stable IRIs, its serialisations, and a DCAT
description of the dataset.

A node becomes `{base}/id/{type}/{id}` typed with our own class and the established ones
(`schema/ontology.yaml`); a relationship becomes one triple plus an `rdf:Statement` that records
where it came from (document, evidence sentence, span), because every fact must stay traceable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef

from graph.queries import load_query
from graph.store import GraphStore
from schema.errors import PolicyKGError
from schema.graph import GraphDocument, Node, Relationship
from schema.jsonld import Vocabulary
from schema.ontology import ONTOLOGY
from schema.shapes import shapes_graph

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://\S+$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


class LinkedDataError(PolicyKGError):
    """A graph that cannot be written as RDF, naming the node or relationship at fault."""


class RdfFormat(StrEnum):
    JSONLD = "json-ld"
    TURTLE = "turtle"
    NTRIPLES = "nt"
    RDFXML = "xml"  # for older linked-data clients that ask for nothing else

    @property
    def media_type(self) -> str:
        return {
            RdfFormat.JSONLD: "application/ld+json",
            RdfFormat.TURTLE: "text/turtle",
            RdfFormat.NTRIPLES: "application/n-triples",
            RdfFormat.RDFXML: "application/rdf+xml",
        }[self]

    @property
    def extension(self) -> str:
        return {
            RdfFormat.JSONLD: "jsonld",
            RdfFormat.TURTLE: "ttl",
            RdfFormat.NTRIPLES: "nt",
            RdfFormat.RDFXML: "rdf",
        }[self]


class RdfWriter:
    """Adds nodes and relationships of a GraphDocument to an rdflib Graph under one base IRI."""

    def __init__(self, base: str) -> None:
        self.vocab = Vocabulary(base)
        self.rdf = Graph()
        for prefix, namespace in self.vocab.prefixes.items():
            if prefix not in ("cccev",):  # cccev shares cv's namespace; bind it once
                self.rdf.bind(prefix, namespace, replace=True)
        self._labels: dict[str, str] = {}

    def iri(self, node_id: str) -> URIRef:
        try:
            return URIRef(self.vocab.entity(self._labels[node_id], node_id))
        except KeyError:
            raise LinkedDataError(f"no node {node_id!r} in the graph being written") from None

    def add_graph(self, graph: GraphDocument) -> RdfWriter:
        for node in graph.nodes:
            self._labels[node.id] = node.label
        for node in graph.nodes:
            self.add_node(node)
        for rel in graph.relationships:
            self.add_relationship(rel)
        return self

    def add_node(self, node: Node) -> None:
        self._labels[node.id] = node.label
        subject = self.iri(node.id)
        for cls in self.vocab.classes(node.label):
            self.rdf.add((subject, RDF.type, URIRef(cls)))
        for prop, value in node.properties.items():
            self._add_property(subject, prop, value, f"{node.label} {node.id}")

    def add_relationship(self, rel: Relationship) -> None:
        subject, obj = self.iri(rel.start), self.iri(rel.end)
        predicate = URIRef(self.vocab.relationship_predicate(rel.type))
        self.rdf.add((subject, predicate, obj))
        if not rel.properties:
            return
        # One statement per (fact, document): the same fact from two documents keeps both sources.
        # Parallel edges of one type (two phones of one office) differ in the type's key properties.
        keys = getattr(ONTOLOGY.relationship_types[rel.type], "key", ())
        parts = [
            rel.type,
            rel.end,
            str(rel.properties.get("doc", "")),
            *(str(rel.properties.get(k)) for k in keys),
        ]
        key = "\x1f".join(parts)
        statement = URIRef(f"{subject}#{rel.type.lower()}-{hashlib.sha1(key.encode()).hexdigest()[:12]}")
        self.rdf.add((statement, RDF.type, RDF.Statement))
        self.rdf.add((statement, RDF.subject, subject))
        self.rdf.add((statement, RDF.predicate, predicate))
        self.rdf.add((statement, RDF.object, obj))
        for prop, value in rel.properties.items():
            self._add_property(statement, prop, value, f"{rel.type} {rel.start}->{rel.end}")

    def _add_property(self, subject: URIRef, prop: str, value: Any, where: str) -> None:
        mapping = self.vocab.mapping(prop)
        predicate = URIRef(self.vocab.expand(mapping.rdf))
        if prop == "doc":  # a Document id: link to the document's IRI
            self.rdf.add((subject, predicate, URIRef(self.vocab.entity("Document", str(value)))))
            return
        values = value if isinstance(value, list) else [value]
        try:
            terms = [self._term(v, mapping.lang, mapping.datatype) for v in values]
        except (ValueError, InvalidOperation) as exc:
            raise LinkedDataError(f"{where}: property {prop}={value!r} cannot be RDF: {exc}") from exc
        if mapping.parts:  # span [start, end] -> pkg:spanStart, pkg:spanEnd
            if len(values) != len(mapping.parts):
                raise LinkedDataError(f"{where}: property {prop}={value!r} needs {len(mapping.parts)} items")
            for part, term in zip(mapping.parts, terms, strict=True):
                self.rdf.add((subject, URIRef(self.vocab.expand(part)), term))
            return
        for term in terms:
            self.rdf.add((subject, predicate, term))

    @staticmethod
    def _term(value: Any, lang: str | None, datatype: str | None) -> URIRef | Literal:
        if datatype == "@id":
            text = str(value)
            return URIRef(text) if _ABSOLUTE.match(text) else Literal(text)
        if datatype == "xsd:date":
            # Dates printed partly (2024-04) stay plain strings rather than invalid xsd:date.
            return Literal(value, datatype=XSD.date) if _ISO_DATE.match(str(value)) else Literal(str(value))
        if datatype == "xsd:decimal":
            if isinstance(value, bool):
                raise ValueError("a boolean is not a decimal")
            return Literal(Decimal(str(value)), datatype=XSD.decimal)
        if datatype == "xsd:integer":
            return Literal(int(value), datatype=XSD.integer)
        if isinstance(value, str):
            # Only text in Chinese is tagged zh: a file name or an ASCII code under `name` is not.
            return Literal(value, lang=lang) if lang and _HAN.search(value) else Literal(value)
        if isinstance(value, float) and value != value:
            raise ValueError("NaN")
        return Literal(value)


def to_rdf(graph: GraphDocument, base: str) -> Graph:
    """The whole GraphDocument as RDF."""
    return RdfWriter(base).add_graph(graph).rdf


def serialise(rdf: Graph, fmt: RdfFormat, base: str) -> str:
    """Text in `fmt`; JSON-LD is compacted with the context derived from the ontology."""
    if fmt is RdfFormat.JSONLD:
        context = Vocabulary(base).context()
        return rdf.serialize(format="json-ld", context=context, indent=2, ensure_ascii=False)
    return rdf.serialize(format=fmt.value)


def parse(text: str, fmt: RdfFormat) -> Graph:
    """The inverse of `serialise` (tests and consumers)."""
    out = Graph()
    out.parse(data=text, format=fmt.value)
    return out


# -- DCAT -------------------------------------------------------------------------------------------

DCAT_TITLE = {
    "zh": "产业扶持政策知识图谱",
    "en": "policykg: a knowledge graph of Chinese industrial-support policy",
}
DCAT_DESCRIPTION = {
    "zh": "从政策汇编中抽取的扶持项目、申报条件（资质）、优惠、主管部门和联系方式，每条事实附原文依据。",
    "en": (
        "Support programs, the designations they require or grant, their benefits, departments and "
        "contact offices, extracted from policy compilations; every fact carries its source sentence."
    ),
}
KEYWORDS = ("专精特新", "企业技术中心", "扶持政策", "政务服务", "industrial policy")


def dataset_description(
    base: str,
    graph: GraphDocument,
    triples: int,
    modified: dt.date | None = None,
    distributions: Iterable[RdfFormat] = tuple(RdfFormat),
) -> Graph:
    """DCAT (and VoID) for the dataset: title, sources, per-class counts, one distribution per format."""
    vocab = Vocabulary(base)
    out = Graph()
    for prefix in ("dcat", "dcterms", "void", "prov", "xsd"):
        out.bind(prefix, vocab.prefixes[prefix])
    out.bind("pkg", vocab.vocab_ns)
    dcat, dcterms, void = (vocab.prefixes[p] for p in ("dcat", "dcterms", "void"))
    ds = URIRef(vocab.dataset)
    out.add((ds, RDF.type, URIRef(dcat + "Dataset")))
    out.add((ds, RDF.type, URIRef(void + "Dataset")))
    for lang, text in DCAT_TITLE.items():
        out.add((ds, URIRef(dcterms + "title"), Literal(text, lang=lang)))
    for lang, text in DCAT_DESCRIPTION.items():
        out.add((ds, URIRef(dcterms + "description"), Literal(text, lang=lang)))
    for word in KEYWORDS:
        out.add((ds, URIRef(dcat + "keyword"), Literal(word, lang="en" if word.isascii() else "zh")))
    out.add((ds, URIRef(dcterms + "modified"), Literal(modified or dt.date.today(), datatype=XSD.date)))
    out.add((ds, URIRef(dcterms + "conformsTo"), URIRef(vocab.vocab_ns)))
    out.add((ds, URIRef(void + "uriSpace"), Literal(f"{vocab.base}/id/")))
    out.add((ds, URIRef(void + "triples"), Literal(triples, datatype=XSD.integer)))
    # The SPARQL 1.1 endpoint over these triples (api/routes/sparql.py), in VoID and as a DCAT service.
    endpoint = URIRef(f"{vocab.base}/sparql")
    out.add((ds, URIRef(void + "sparqlEndpoint"), endpoint))
    out.add((endpoint, RDF.type, URIRef(dcat + "DataService")))
    out.add((endpoint, URIRef(dcat + "endpointURL"), endpoint))
    out.add((endpoint, URIRef(dcat + "servesDataset"), ds))
    out.add((endpoint, URIRef(dcterms + "conformsTo"), URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    out.add((ds, URIRef(void + "entities"), Literal(len(graph.nodes), datatype=XSD.integer)))
    counts = graph.counts()
    for label, count in counts.items():
        part = URIRef(f"{vocab.dataset}#class-{label}")
        out.add((ds, URIRef(void + "classPartition"), part))
        out.add((part, URIRef(void + "class"), URIRef(vocab.own_class(label))))
        out.add((part, URIRef(void + "entities"), Literal(count, datatype=XSD.integer)))
    for node in graph.nodes:
        if node.label == "Document":
            out.add((ds, URIRef(dcterms + "source"), URIRef(vocab.entity("Document", node.id))))
    for fmt in distributions:
        dist = URIRef(f"{vocab.dataset}#{fmt.extension}")
        out.add((ds, URIRef(dcat + "distribution"), dist))
        out.add((dist, RDF.type, URIRef(dcat + "Distribution")))
        out.add((dist, URIRef(dcat + "mediaType"), Literal(fmt.media_type)))
        out.add((dist, URIRef(dcat + "downloadURL"), URIRef(f"{vocab.dataset}/dump.{fmt.extension}")))
        out.add((dist, URIRef(dcterms + "title"), Literal(f"policykg ({fmt.extension})", lang="en")))
    return out


def context_json(base: str) -> str:
    return json.dumps(Vocabulary(base).context_document(), ensure_ascii=False, indent=2)


# -- SHACL ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShaclReport:
    conforms: bool
    violations: int
    text: str


def validate(rdf: Graph, base: str) -> ShaclReport:
    """Check an export against the shapes derived from the ontology (schema/shapes.py)."""
    import pyshacl  # slow to import: only when validating

    conforms, report, text = pyshacl.validate(
        data_graph=rdf, shacl_graph=shapes_graph(base), inference="none", allow_warnings=True
    )
    violations = len(set(report.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
    return ShaclReport(conforms=bool(conforms), violations=violations, text=str(text))


# -- one entity, as served at /id/{type}/{id} ------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A relationship seen from one entity: its type, the node at the other end and the provenance."""

    type: str
    other: str
    label: str
    caption: str | None
    properties: dict[str, Any]


@dataclass(frozen=True)
class EntityView:
    node: Node
    outgoing: list[Link]
    incoming: list[Link]
    limit: int

    @property
    def truncated(self) -> bool:
        return len(self.outgoing) >= self.limit or len(self.incoming) >= self.limit

    def graph(self) -> GraphDocument:
        """The entity with its relationships; each neighbour carries only its type and caption."""
        nodes: dict[str, Node] = {self.node.id: self.node}
        for link in [*self.outgoing, *self.incoming]:
            if link.other not in nodes:
                caption = ONTOLOGY.node_types[link.label].caption
                props = {caption: link.caption} if link.caption else {}
                nodes[link.other] = Node(id=link.other, label=link.label, properties=props)
        rels = [
            Relationship(type=x.type, start=self.node.id, end=x.other, properties=x.properties)
            for x in self.outgoing
        ]
        rels += [
            Relationship(type=x.type, start=x.other, end=self.node.id, properties=x.properties)
            for x in self.incoming
        ]
        return GraphDocument(nodes=list(nodes.values()), relationships=rels)


def _labelled(name: str, label: str) -> str:
    if label not in ONTOLOGY.node_types:  # labels reach Cypher text only from the ontology
        raise LinkedDataError(f"unknown label {label!r}")
    return load_query(name).replace("__LABEL__", label)


def fetch_entity(store: GraphStore, label: str, node_id: str, limit: int = 500) -> EntityView | None:
    """The entity `node_id` with label `label`, or None; at most `limit` relationships each way."""
    rows = store.run_text(_labelled("ld_node", label), {"id": node_id})
    if not rows:
        return None
    node = Node(id=rows[0]["id"], label=rows[0]["label"], properties=dict(rows[0]["properties"]))

    def links(name: str) -> list[Link]:
        found = store.run_text(_labelled(name, label), {"id": node_id, "limit": limit})
        return [
            Link(r["type"], r["other"], r["label"], r["caption"], dict(r["properties"]))
            for r in found
            if r["label"] in ONTOLOGY.node_types
        ]

    return EntityView(node=node, outgoing=links("ld_outgoing"), incoming=links("ld_incoming"), limit=limit)
