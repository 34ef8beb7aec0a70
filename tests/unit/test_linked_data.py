"""The linked-data view: context and shapes derived from the ontology, RDF round trips, SHACL,
DCAT, content negotiation and the Browser style sheet."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.compare import isomorphic

from api.linked_data import RdfFormat, dataset_description, parse, serialise, to_rdf, validate
from api.routes.linked_data import HTML, negotiate
from schema.browser_style import grass, text_color
from schema.graph import GraphDocument
from schema.jsonld import Vocabulary, term_name
from schema.ontology import ONTOLOGY
from tests.unit.test_linked_data_sample import sample_graph

BASE = "https://policykg.example.org"
VOCAB = Vocabulary(BASE)


def _with(graph: GraphDocument, label: str, **changes: object) -> GraphDocument:
    """The graph with the first node of `label` changed (a value of None drops the property)."""
    nodes, done = [], False
    for node in graph.nodes:
        if node.label == label and not done:
            props = {k: v for k, v in {**node.properties, **changes}.items() if v is not None}
            node = node.model_copy(update={"properties": props})
            done = True
        nodes.append(node)
    return GraphDocument(nodes=nodes, relationships=graph.relationships)


# -- derived from the ontology ----------------------------------------------------------------------


def test_context_has_a_term_for_every_label_property_and_relationship_type() -> None:
    ctx = VOCAB.context()
    for label, spec in ONTOLOGY.node_types.items():
        assert ctx[label] == f"pkg:{label}"
        for prop in spec.properties:
            assert prop in ctx, prop
    for rel_type in ONTOLOGY.relationship_types:
        assert ctx[term_name(rel_type)]["@type"] == "@id"
    assert ctx["name"] == {"@id": "schema:name", "@language": "zh"}
    assert ctx["pkg"] == f"{BASE}/vocab#"


def test_every_declared_property_and_type_is_mapped_explicitly() -> None:
    """A new property in ontology.yaml should get a real predicate, not the pkg: fallback."""
    mapped = ONTOLOGY.linked_data.properties
    for spec in ONTOLOGY.node_types.values():
        assert set(spec.properties) <= set(mapped), set(spec.properties) - set(mapped)
    for rel_type, spec in ONTOLOGY.relationship_types.items():
        assert spec.rdf, rel_type
        assert set(spec.properties) <= set(mapped)
    assert set(ONTOLOGY.provenance) <= set(mapped)


def test_established_vocabularies() -> None:
    assert VOCAB.classes("Program")[1:] == [
        "http://purl.org/vocab/cpsv#PublicService",
        "https://schema.org/GovernmentService",
    ]
    assert "http://data.europa.eu/eli/ontology#LegalResource" in VOCAB.classes("Policy")
    assert "http://data.europa.eu/m8g/Requirement" in VOCAB.classes("Designation")
    assert VOCAB.relationship_predicate("HAS_CONTACT") == "http://data.europa.eu/m8g/hasContactPoint"
    assert VOCAB.relationship_predicate("REQUIRES") == "http://data.europa.eu/m8g/holdsRequirement"
    assert VOCAB.entity("ContactOffice", "contactoffice-1") == f"{BASE}/id/contactoffice/contactoffice-1"
    assert VOCAB.label_of_segment("contactoffice") == "ContactOffice"
    assert VOCAB.label_of_segment("nothing") is None
    with pytest.raises(ValueError, match="unknown prefix"):
        VOCAB.expand("nope:thing")


# -- RDF --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_round_trip_keeps_every_triple(fmt: RdfFormat) -> None:
    rdf = to_rdf(sample_graph(), BASE)
    back = parse(serialise(rdf, fmt, BASE), fmt)
    assert len(back) == len(rdf) > 500
    assert isomorphic(back, rdf)


def test_jsonld_is_compacted_with_the_context() -> None:
    doc = json.loads(serialise(to_rdf(sample_graph(), BASE), RdfFormat.JSONLD, BASE))
    office = next(n for n in doc["@graph"] if "ContactOffice" in n.get("@type", []))
    assert office["name"] == "徐州市工业和信息化局技术创新处"
    assert office["phones"] == "0516-80801826"
    assert "schema:ContactPoint" in office["@type"]


def test_nodes_relationships_and_provenance_as_triples() -> None:
    graph = sample_graph()
    rdf = to_rdf(graph, BASE)
    program = next(n for n in graph.nodes if n.properties.get("name") == "国家企业技术中心")
    subject = URIRef(VOCAB.entity("Program", program.id))
    assert (subject, RDF.type, URIRef("http://purl.org/vocab/cpsv#PublicService")) in rdf
    assert (subject, URIRef("https://schema.org/name"), Literal("国家企业技术中心", lang="zh")) in rdf
    requires = URIRef(VOCAB.relationship_predicate("REQUIRES"))
    [(_, _, designation)] = list(rdf.triples((subject, requires, None)))
    [statement] = list(set(rdf.subjects(RDF.object, designation)) & set(rdf.subjects(RDF.subject, subject)))
    assert (statement, RDF.predicate, requires) in rdf
    evidence = rdf.value(statement, URIRef(VOCAB.property_predicate("evidence")))
    assert evidence == Literal("5.具有省级企业技术中心资格两年以上。", lang="zh")
    assert rdf.value(statement, URIRef(VOCAB.expand("pkg:spanStart"))) == Literal(8770)
    assert rdf.value(statement, URIRef(VOCAB.property_predicate("levelMin"))) == Literal("provincial")
    doc = rdf.value(statement, URIRef(VOCAB.property_predicate("doc")))
    assert str(doc).startswith(f"{BASE}/id/document/document-")


def test_dates_numbers_and_urls_are_typed() -> None:
    rdf = to_rdf(sample_graph(), BASE)
    issued = set(rdf.objects(None, URIRef(VOCAB.property_predicate("issuedAt"))))
    assert issued == {Literal("2023-07-20", datatype=XSD.date)}
    # "2024-04" is no xsd:date: it stays a plain string rather than an invalid typed literal
    assert set(rdf.objects(None, URIRef(VOCAB.property_predicate("publishedAt")))) == {Literal("2024-04")}
    amounts = set(rdf.objects(None, URIRef(VOCAB.property_predicate("amountMaxWan"))))
    assert amounts == {Literal("50.0", datatype=XSD.decimal)}
    urls = set(rdf.objects(None, URIRef(VOCAB.property_predicate("url"))))
    assert URIRef("http://gxt.jiangsu.gov.cn/") in urls


# -- SHACL ------------------------------------------------------------------------------------------


def test_export_conforms_to_the_shapes() -> None:
    report = validate(to_rdf(sample_graph(), BASE), BASE)
    assert report.conforms, report.text
    assert report.violations == 0


@pytest.mark.parametrize(
    ("label", "changes", "message"),
    [
        ("Program", {"name": None}, "schema:name"),
        ("Designation", {"level": "城市级"}, "InConstraintComponent"),
        ("Benefit", {"type": "gift"}, "InConstraintComponent"),
        ("Document", {"sha256": None}, "sha256"),
    ],
)
def test_shapes_catch_what_the_ontology_forbids(label: str, changes: dict[str, object], message: str) -> None:
    report = validate(to_rdf(_with(sample_graph(), label, **changes), BASE), BASE)
    assert not report.conforms
    assert message in report.text


def test_shapes_catch_a_statement_without_its_document() -> None:
    rdf = to_rdf(sample_graph(), BASE)
    doc_predicate = URIRef(VOCAB.property_predicate("doc"))
    statement = next(iter(rdf.subjects(RDF.type, RDF.Statement)))
    rdf.remove((statement, doc_predicate, None))
    report = validate(rdf, BASE)
    assert not report.conforms and report.violations == 1


# -- DCAT -------------------------------------------------------------------------------------------


def test_dcat_describes_counts_sources_and_distributions() -> None:
    graph = sample_graph()
    rdf = to_rdf(graph, BASE)
    dcat = dataset_description(BASE, graph, triples=len(rdf))
    ds = URIRef(f"{BASE}/dataset")
    assert (ds, RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")) in dcat
    assert dcat.value(ds, URIRef("http://rdfs.org/ns/void#triples")) == Literal(len(rdf))
    distributions = list(dcat.objects(ds, URIRef("http://www.w3.org/ns/dcat#distribution")))
    assert len(distributions) == len(RdfFormat)
    media = {str(dcat.value(d, URIRef("http://www.w3.org/ns/dcat#mediaType"))) for d in distributions}
    assert media == {"application/ld+json", "text/turtle", "application/n-triples", "application/rdf+xml"}
    sources = list(dcat.objects(ds, URIRef("http://purl.org/dc/terms/source")))
    assert len(sources) == graph.counts()["Document"]


# -- content negotiation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "fmt", "expected"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", None, HTML),
        ("application/ld+json", None, RdfFormat.JSONLD),
        ("text/turtle;q=0.9, application/ld+json;q=0.5", None, RdfFormat.TURTLE),
        ("application/n-triples", None, RdfFormat.NTRIPLES),
        ("*/*", None, RdfFormat.JSONLD),
        (None, None, RdfFormat.JSONLD),
        ("text/html", "ttl", RdfFormat.TURTLE),
        ("image/png", None, None),
        ("text/turtle;q=0", None, None),
        ("text/html", "xml", None),
        ("application/rdf+xml", None, RdfFormat.RDFXML),
    ],
)
def test_negotiate(accept: str | None, fmt: str | None, expected: object) -> None:
    assert negotiate(accept, fmt) == expected


# -- Browser style ----------------------------------------------------------------------------------


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Neo4j Browser's GraSS parser (shared/services/grassUtils.ts `parseGrassCSS`, used by `:style`
    and by dropping a file), in Python: quotes toggle a string and are dropped, `{`/`}` outside
    strings open and close a rule, `;` splits properties and each must split on `:` into exactly two."""
    rules: dict[str, str] = {}
    inside_string = inside_props = inside_binding = False
    keyword = props = ""
    for char in text:
        skip = True
        if char == "{":
            if inside_string:
                skip = False
            elif inside_props:
                inside_binding = True
            else:
                inside_props = True
        elif char == "}":
            if inside_string:
                skip = False
            elif inside_binding:
                inside_binding = False
            else:
                inside_props = False
                rules[keyword] = props
                keyword = props = ""
        elif char in "'\"":
            inside_string = not inside_string
        else:
            skip = False
        if skip:
            continue
        if inside_props:
            props += char
        elif not char.isspace():
            keyword += char
    parsed: dict[str, dict[str, str]] = {}
    for key, body in rules.items():
        parsed[key] = {}
        for prop in body.split(";"):
            parts = prop.split(":")
            if len(parts) == 2:
                parsed[key][parts[0].strip()] = parts[1].strip()
    return parsed


def test_grass_parses_as_the_browser_parses_it() -> None:
    rules = parse_grass(grass())
    assert set(rules) == {"node", "relationship"} | {f"node.{label}" for label in ONTOLOGY.node_types} | {
        f"relationship.{t}" for t in ONTOLOGY.relationship_types
    }
    for label, spec in ONTOLOGY.node_types.items():
        rule = rules[f"node.{label}"]
        assert rule["color"] == spec.color
        assert rule["diameter"] == f"{spec.size}px"
        assert rule["caption"] == "{" + spec.caption + "}"
    assert rules["node.Policy"]["caption"] == "{title}"
    assert rules["node.Benefit"]["caption"] == "{text}"
    assert int(rules["node.Program"]["diameter"][:-2]) > int(rules["node.Document"]["diameter"][:-2])
    assert rules["relationship.REQUIRES"]["caption"] == "<type>"
    assert rules["relationship.REQUIRES"]["color"] == ONTOLOGY.node_types["Designation"].color


def test_text_colour_follows_the_fill() -> None:
    # the Browser's own palette: dark text on these ...
    for fill in ("#FFFFFF", "#57C7E3", "#D9C8AE", "#8DCC93", "#FFC454"):
        assert text_color(fill) == "#2A2C34", fill
    # ... and white on these
    for fill in ("#4C8EDA", "#F79767", "#C990C0", "#F16667", "#A5ABB6", "#604A0E"):
        assert text_color(fill) == "#FFFFFF", fill


def test_parallel_edges_keep_one_statement_each() -> None:
    """One office, two numbers: two HAS_CONTACT edges (the type's key is `phone`), two statements."""
    graph = sample_graph()
    rel = next(r for r in graph.relationships if r.type == "HAS_CONTACT")
    second = rel.model_copy(update={"properties": {**rel.properties, "phone": "0516-83735577"}})
    rdf = to_rdf(GraphDocument(nodes=graph.nodes, relationships=[*graph.relationships, second]), BASE)
    predicate = URIRef(VOCAB.relationship_predicate("HAS_CONTACT"))
    statements = {
        s
        for s in rdf.subjects(RDF.predicate, predicate)
        if (s, RDF.subject, URIRef(VOCAB.entity("Program", rel.start))) in rdf
    }
    assert len(statements) == 2
    assert validate(rdf, BASE).conforms


def test_only_chinese_text_is_tagged_zh() -> None:
    rdf = to_rdf(sample_graph(), BASE)
    names = set(rdf.objects(None, URIRef(VOCAB.property_predicate("name"))))
    assert Literal("000_7a2f4ff3c5f69e6c.txt") in names  # a file name is no Chinese text
    assert Literal("徐州市", lang="zh") in names
    report = validate(rdf, BASE)
    assert report.conforms, report.text
    tagged_wrongly = _with(sample_graph(), "Program")
    rdf = to_rdf(tagged_wrongly, BASE)
    program = next(iter(rdf.subjects(RDF.type, URIRef(VOCAB.own_class("Program")))))
    rdf.set((program, URIRef(VOCAB.property_predicate("name")), Literal("项目", lang="en")))
    assert not validate(rdf, BASE).conforms
