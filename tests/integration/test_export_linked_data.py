"""Linked data and the Neo4j Browser over HTTP (FastAPI TestClient, real embedded FalkorDB), the
guide's queries run on the store, and `policykg export` in every format."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, URIRef
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from api.linked_data import RdfFormat, parse, to_rdf
from api.routes.browser import STEPS, guide_html
from api.settings import Settings
from graph import StoreConfig
from graph.embedded import FalkorStore
from graph.export.cypher_script import split_statements
from graph.queries import load_query
from graph.store import export_graph
from schema.graph import GraphDocument
from schema.jsonld import Vocabulary
from tests.unit.test_linked_data_sample import DOC, sample_graph

BASE = "https://policykg.example.org"
PROGRAM = "国家企业技术中心"


@pytest.fixture
def loaded(store: FalkorStore) -> FalkorStore:
    store.replace_document(DOC, sample_graph())
    return store


@pytest.fixture
def client(loaded: FalkorStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(base_iri=BASE), store=loaded)) as c:
        yield c


def _program_id(graph=None) -> str:
    graph = graph or sample_graph()
    return next(n.id for n in graph.nodes if n.properties.get("name") == PROGRAM)


def _designation_id(level: str) -> str:
    return next(
        n.id
        for n in sample_graph().nodes
        if n.label == "Designation"
        and n.properties["name"] == "企业技术中心"
        and n.properties["level"] == level
    )


# -- /id/{type}/{id} --------------------------------------------------------------------------------


def test_entity_as_turtle(client: TestClient) -> None:
    program = _program_id()
    r = client.get(f"/id/program/{program}", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    assert r.headers["vary"] == "Accept"
    rdf = parse(r.text, RdfFormat.TURTLE)
    subject = URIRef(f"{BASE}/id/program/{program}")
    assert (subject, RDF.type, URIRef("http://purl.org/vocab/cpsv#PublicService")) in rdf
    contact = URIRef("http://data.europa.eu/m8g/hasContactPoint")
    offices = list(rdf.objects(subject, contact))
    assert len(offices) == 1
    # the neighbour comes with its type and name, so a client can show it without another request
    assert (offices[0], RDF.type, URIRef("https://schema.org/ContactPoint")) in rdf
    assert "徐州市工业和信息化局技术创新处" in r.text
    assert "具有省级企业技术中心资格两年以上" in r.text


def test_entity_as_jsonld_has_the_context(client: TestClient) -> None:
    program = _program_id()
    r = client.get(f"/id/program/{program}", headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    body = r.json()
    assert body["@context"]["name"] == {"@id": "schema:name", "@language": "zh"}
    entity = next(n for n in body["@graph"] if n["@id"] == f"{BASE}/id/program/{program}")
    assert entity["name"] == PROGRAM
    assert entity["requires"] == f"{BASE}/id/designation/{_designation_id('provincial')}"
    same = parse(r.text, RdfFormat.JSONLD)
    turtle = parse(client.get(f"/id/program/{program}?format=ttl").text, RdfFormat.TURTLE)
    assert len(same) == len(turtle)


def test_entity_as_html_page(client: TestClient) -> None:
    program = _program_id()
    r = client.get(f"/id/program/{program}", headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert f"<h1>{PROGRAM}</h1>" in page
    assert f'href="/id/designation/{_designation_id("provincial")}"' in page  # relationships are links
    assert "<blockquote>5.具有省级企业技术中心资格两年以上。</blockquote>" in page  # with their evidence
    end = 8770 + len("5.具有省级企业技术中心资格两年以上。")
    assert f'href="/id/document/{DOC}">000_7a2f4ff3c5f69e6c.txt</a>, 字符 8770–{end}' in page
    assert '<script type="application/ld+json">' in page
    assert 'href="?format=ttl"' in page


def test_incoming_relationships_are_listed(client: TestClient) -> None:
    r = client.get(f"/id/designation/{_designation_id('provincial')}?format=html")
    assert r.status_code == 200
    assert "被指向 Incoming" in r.text
    assert PROGRAM in r.text and "技术创新示范企业" in r.text


def test_unknown_ids_and_types_are_404_and_unknown_formats_406(client: TestClient) -> None:
    assert client.get("/id/program/program-0000000000000000").status_code == 404
    assert client.get(f"/id/designation/{_program_id()}").status_code == 404  # right id, wrong type
    assert client.get("/id/widget/x").status_code == 404
    assert client.get(f"/id/program/{_program_id()}", headers={"Accept": "image/png"}).status_code == 406
    # a hostile id is a parameter, never Cypher text
    assert client.get("/id/program/x'})%20DETACH%20DELETE%20n%20//").status_code == 404


def test_every_entity_answers(client: TestClient, loaded: FalkorStore) -> None:
    vocab = Vocabulary(BASE)
    for node in export_graph(loaded).nodes:
        path = vocab.entity(node.label, node.id).removeprefix(BASE)
        assert client.get(path, headers={"Accept": "application/n-triples"}).status_code == 200, path


def test_dataset_dump_context_and_shapes(client: TestClient, loaded: FalkorStore) -> None:
    triples = len(to_rdf(export_graph(loaded), BASE))
    dcat = parse(client.get("/dataset", headers={"Accept": "text/turtle"}).text, RdfFormat.TURTLE)
    assert int(dcat.value(URIRef(f"{BASE}/dataset"), URIRef("http://rdfs.org/ns/void#triples"))) == triples
    dump = client.get("/dataset/dump.nt")
    assert dump.status_code == 200
    assert len(parse(dump.text, RdfFormat.NTRIPLES)) == triples
    assert client.get("/dataset/dump.xml").status_code == 404
    assert client.get("/context.jsonld").json()["@context"]["Program"] == "pkg:Program"
    assert "sh:NodeShape" in client.get("/shapes.ttl").text


# -- Neo4j Browser ----------------------------------------------------------------------------------


def test_guide_is_served_with_cors_and_runnable_queries(client: TestClient) -> None:
    r = client.get("/browser/guide", headers={"Origin": "http://localhost:7474"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    page = r.text
    assert '<article class="guide"' in page and "<carousel" in page
    assert page.count("<slide") == len(STEPS) + 2
    assert (
        "专精特新" in page and "企业技术中心" in page and "徐州市工业和信息化局" in page and "徐州市" in page
    )
    assert ":style http://testserver/browser/style.grass" in page
    assert ":param city =&gt; &#x27;徐州市&#x27;" in page
    preflight = client.options("/browser/guide", headers={"Origin": "http://localhost:7474"})
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == "*"
    style = client.get("/browser/style.grass")
    assert style.status_code == 200 and "node.Program" in style.text
    assert style.headers["access-control-allow-origin"] == "*"


def test_guide_queries_answer_on_the_store(loaded: FalkorStore) -> None:
    """The slides' queries, with the parameters the slides set, on the real store."""
    answers = {}
    for step in STEPS:
        for name in step.queries:
            answers[name] = loaded.run_text(load_query(name), dict(step.params))
    assert len(answers["guide_ladder"]) >= 3  # 小巨人 -> 专精特新中小企业 -> 创新型中小企业
    unlocked = {(r["program"], r["relation"]) for r in answers["guide_unlocks_table"]}
    assert unlocked == {
        ("国家企业技术中心", "REQUIRES"),
        ("江苏省企业技术中心", "REQUIRES"),
        ("技术创新示范企业", "REQUIRES"),
        ("技术创新示范企业", "PREFERS"),
    }
    [contacts] = answers["guide_contacts"]
    assert contacts["phones"] == ["0516-80801826"]
    assert set(contacts["programs"]) == {"国家企业技术中心", "江苏省企业技术中心"}
    assert [r["program"] for r in answers["guide_city_programs"]] == ["技术创新示范企业"]
    assert answers["guide_city_graph"]
    evidence = {(r["relation"], r["evidence"]) for r in answers["guide_evidence"]}
    assert ("REQUIRES", "5.具有省级企业技术中心资格两年以上。") in evidence
    assert all(r["document"] == DOC and len(r["span"]) == 2 for r in answers["guide_evidence"])


def test_guide_html_escapes_its_queries() -> None:
    page = guide_html("http://localhost:8000")
    assert "<-[:REQUIRES|PREFERS]-" not in page  # raw `<` would open a tag
    assert "&lt;-[:REQUIRES|PREFERS]-" in page


# -- policykg export --------------------------------------------------------------------------------


@pytest.fixture
def cli_env(loaded: FalkorStore, falkor_config: StoreConfig) -> dict[str, str]:
    return {
        "POLICYKG_DATA": str(falkor_config.data_dir),
        "POLICYKG_GRAPH_NAME": falkor_config.graph_name,
        "POLICYKG_BASE_IRI": BASE,
        "NEO4J_URI": "",
    }


def test_cli_exports_turtle_that_conforms(cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    result = CliRunner().invoke(cli, ["export", "--format", "turtle", "--check", "-o", str(out)], env=cli_env)
    assert result.exit_code == 0, result.output
    assert "conforms=True" in result.stderr
    rdf = parse(out.read_text(encoding="utf-8"), RdfFormat.TURTLE)
    assert len(rdf) == len(to_rdf(sample_graph(), BASE))


@pytest.mark.parametrize(
    ("fmt", "rdf_format"), [("jsonld", RdfFormat.JSONLD), ("ntriples", RdfFormat.NTRIPLES)]
)
def test_cli_exports_rdf(cli_env: dict[str, str], fmt: str, rdf_format: RdfFormat) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", fmt], env=cli_env)
    assert result.exit_code == 0, result.output
    assert len(parse(result.stdout, rdf_format)) == len(to_rdf(sample_graph(), BASE))


def test_cli_exports_cypher_and_neo4j_admin(cli_env: dict[str, str], tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--format", "cypher"], env=cli_env)
    assert result.exit_code == 0, result.output
    statements = split_statements(result.stdout)
    assert sum(s.count("\n  {") for s in statements if s.startswith("UNWIND")) == len(
        sample_graph().nodes
    ) + len(sample_graph().relationships)
    result = runner.invoke(
        cli, ["export", "--format", "neo4j-admin", "-o", str(tmp_path / "adm")], env=cli_env
    )
    assert result.exit_code == 0, result.output
    with (tmp_path / "adm" / "nodes_Program.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.reader(fh))) == 1 + sample_graph().counts()["Program"]
    assert runner.invoke(cli, ["export", "--format", "neo4j-admin"], env=cli_env).exit_code == 2


def test_cli_exports_grass_dcat_and_shacl(cli_env: dict[str, str]) -> None:
    runner = CliRunner()
    assert "node.Designation" in runner.invoke(cli, ["export", "--format", "grass"], env=cli_env).stdout
    dcat = runner.invoke(cli, ["export", "--format", "dcat"], env=cli_env)
    assert dcat.exit_code == 0 and "dcat:Dataset" in dcat.stdout and BASE in dcat.stdout
    shacl = runner.invoke(cli, ["export", "--format", "shacl"], env=cli_env)
    assert "sh:targetClass" in shacl.stdout
    json_out = runner.invoke(cli, ["export", "--format", "json"], env=cli_env)
    assert len(json.loads(json_out.stdout)["nodes"]) == len(sample_graph().nodes)


def test_dumps_are_kept_until_a_document_changes(client: TestClient, loaded: FalkorStore) -> None:
    first = client.get("/dataset/dump.nt").text
    queries = loaded.query_count
    assert client.get("/dataset/dump.nt").text == first
    assert loaded.query_count == queries + 1  # only the documents query: nothing rebuilt
    graph = sample_graph()
    renamed = GraphDocument(
        nodes=[
            n.model_copy(update={"properties": {**n.properties, "sha256": "f" * 64}})
            if n.label == "Document"
            else n
            for n in graph.nodes
            if n.properties.get("name") != "专精特新中小企业认定"
        ],
        relationships=[
            r for r in graph.relationships if r.start != _program_id_named("专精特新中小企业认定")
        ],
    )
    loaded.replace_document(DOC, renamed)
    second = client.get("/dataset/dump.nt").text
    assert second != first
    assert "专精特新中小企业认定" in first and "专精特新中小企业认定" not in second


def _program_id_named(name: str) -> str:
    return next(n.id for n in sample_graph().nodes if n.label == "Program" and n.properties["name"] == name)


def test_entity_as_rdf_xml_for_older_clients(client: TestClient) -> None:
    path = f"/id/program/{_program_id()}"
    r = client.get(path, headers={"Accept": "application/rdf+xml"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/rdf+xml")
    turtle = parse(client.get(path, headers={"Accept": "text/turtle"}).text, RdfFormat.TURTLE)
    assert len(parse(r.text, RdfFormat.RDFXML)) == len(turtle)


def test_html_page_escapes_what_documents_say(store: FalkorStore) -> None:
    """Text comes from documents: markup in it must reach the page as text, also inside the JSON-LD."""
    graph = sample_graph()
    hostile = "</script><script>alert('专精特新')</script>"
    nodes = [
        n.model_copy(update={"properties": {**n.properties, "name": hostile}})
        if n.properties.get("name") == PROGRAM
        else n
        for n in graph.nodes
    ]
    store.replace_document(DOC, GraphDocument(nodes=nodes, relationships=graph.relationships))
    with TestClient(create_app(Settings(base_iri=BASE), store=store)) as c:
        page = c.get(f"/id/program/{_program_id()}?format=html").text
    assert "<script>alert" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(&#x27;专精特新&#x27;)" in page
    assert page.count("<script") == 1 and page.count("</script>") == 1  # only the JSON-LD block
    embedded = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    names = [n.get("name") for n in json.loads(embedded)["@graph"]]
    assert hostile in names  # the data itself is intact
