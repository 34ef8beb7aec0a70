"""SHACL shapes derived from the ontology: what a conforming linked-data export must hold.

One node shape per label (targeting our own class): its required properties at least once, every
declared property with its datatype, language or allowed values, and every relationship type with the
classes it may point at. One shape for the `rdf:Statement`s that carry provenance.
"""

from __future__ import annotations

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from schema.jsonld import Vocabulary
from schema.ontology import ONTOLOGY, Ontology, PropertyType

SH = Namespace("http://www.w3.org/ns/shacl#")


class ShapeBuilder:
    def __init__(self, base: str, ontology: Ontology = ONTOLOGY) -> None:
        self.vocab = Vocabulary(base, ontology)
        self.ontology = ontology
        self.g = Graph()
        self.g.bind("sh", SH)
        self.g.bind("pkg", self.vocab.vocab_ns)
        self.g.bind("xsd", str(XSD))

    def _list(self, items: list[URIRef | Literal | BNode]) -> BNode:
        head = BNode()
        Collection(self.g, head, items)
        return head

    def _property(self, shape: URIRef, path: str, name: str) -> BNode:
        prop = BNode()
        self.g.add((shape, SH.property, prop))
        self.g.add((prop, SH.path, URIRef(path)))
        self.g.add((prop, SH.name, Literal(name)))
        return prop

    def _text(self, prop: BNode, lang: str) -> None:
        """Text tagged `lang`, or a plain string where it has no Chinese in it (a file name)."""
        tagged, plain = BNode(), BNode()
        self.g.add((tagged, SH.datatype, RDF.langString))
        self.g.add((tagged, SH.languageIn, self._list([Literal(lang)])))
        self.g.add((plain, SH.datatype, XSD.string))
        self.g.add((prop, SH["or"], self._list([tagged, plain])))

    def _values(self, prop: BNode, name: str, spec: PropertyType) -> None:
        """The datatype, language or enumeration of one property's values."""
        mapping = self.vocab.mapping(name)
        if spec.type == "level":
            self.g.add((prop, SH["in"], self._list([Literal(v) for v in self.ontology.levels])))
        elif spec.type == "benefit_type":
            self.g.add((prop, SH["in"], self._list([Literal(v) for v in self.ontology.benefit_types])))
        elif mapping.datatype == "@id":
            self.g.add((prop, SH.nodeKind, SH.IRIOrLiteral))
        elif mapping.datatype == "xsd:date":  # a partial date (2024-04) is kept as a plain string
            alternatives = []
            for dt in (XSD.date, XSD.string):
                alt = BNode()
                self.g.add((alt, SH.datatype, dt))
                alternatives.append(alt)
            self.g.add((prop, SH["or"], self._list(alternatives)))
        elif mapping.datatype:
            self.g.add((prop, SH.datatype, URIRef(self.vocab.expand(mapping.datatype))))
        elif mapping.lang:
            self._text(prop, mapping.lang)
        else:
            datatype = {"int": XSD.integer, "float": XSD.double, "bool": XSD.boolean}.get(
                spec.type, XSD.string
            )
            self.g.add((prop, SH.datatype, datatype))
        if not spec.type.startswith("list["):
            self.g.add((prop, SH.maxCount, Literal(1)))

    def add_node_shapes(self) -> None:
        for label, node_type in self.ontology.node_types.items():
            shape = URIRef(f"{self.vocab.vocab_ns}{label}Shape")
            self.g.add((shape, RDF.type, SH.NodeShape))
            self.g.add((shape, SH.targetClass, URIRef(self.vocab.own_class(label))))
            for name, spec in node_type.properties.items():
                prop = self._property(shape, self.vocab.property_predicate(name), name)
                if spec.required:
                    self.g.add((prop, SH.minCount, Literal(1)))
                self._values(prop, name, spec)
            for rel_type, rel in self.ontology.relationship_types.items():
                ends = sorted({end for start, end in rel.patterns if start == label})
                if not ends:
                    continue
                prop = self._property(shape, self.vocab.relationship_predicate(rel_type), rel_type)
                self.g.add((prop, SH.nodeKind, SH.IRI))
                if len(ends) == 1:
                    self.g.add((prop, SH["class"], URIRef(self.vocab.own_class(ends[0]))))
                else:
                    alternatives = []
                    for end in ends:
                        alt = BNode()
                        self.g.add((alt, SH["class"], URIRef(self.vocab.own_class(end))))
                        alternatives.append(alt)
                    self.g.add((prop, SH["or"], self._list(alternatives)))

    def add_statement_shape(self) -> None:
        """Every fact keeps its source: subject, predicate, object and the document, exactly once."""
        shape = URIRef(f"{self.vocab.vocab_ns}StatementShape")
        self.g.add((shape, RDF.type, SH.NodeShape))
        self.g.add((shape, SH.targetClass, RDF.Statement))
        for path in (RDF.subject, RDF.predicate, RDF.object):
            prop = self._property(shape, str(path), path.split("#")[-1])
            self.g.add((prop, SH.minCount, Literal(1)))
            self.g.add((prop, SH.maxCount, Literal(1)))
            self.g.add((prop, SH.nodeKind, SH.IRI))
        doc = self._property(shape, self.vocab.property_predicate("doc"), "doc")
        self.g.add((doc, SH.minCount, Literal(1)))
        self.g.add((doc, SH.maxCount, Literal(1)))
        self.g.add((doc, SH["class"], URIRef(self.vocab.own_class("Document"))))
        evidence = self._property(shape, self.vocab.property_predicate("evidence"), "evidence")
        self.g.add((evidence, SH.minCount, Literal(1)))
        self._text(evidence, self.vocab.mapping("evidence").lang or "zh")
        for part in self.vocab.mapping("span").parts:
            prop = self._property(shape, self.vocab.expand(part), part)
            self.g.add((prop, SH.maxCount, Literal(1)))
            self.g.add((prop, SH.datatype, XSD.integer))


def shapes_graph(base: str, ontology: Ontology = ONTOLOGY) -> Graph:
    """The SHACL shapes for an export under `base`."""
    builder = ShapeBuilder(base, ontology)
    builder.add_node_shapes()
    builder.add_statement_shape()
    return builder.g
