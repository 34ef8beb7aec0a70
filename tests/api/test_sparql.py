"""The SPARQL 1.1 endpoint (issue 11, part 1), over HTTP, on the small graph of seed facts in the real
embedded FalkorDB, with its Oxigraph store in a temporary data folder.

The README's three example queries are read from the README itself and must give the answers the
seed facts give; an update, a SERVICE clause, a query over the time limit and an answer over the
size limit are refused; and the endpoint holds exactly the triples of `policykg export --format
turtle`, before and after a document changes."""

from __future__ import annotations

import asyncio
import io
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from api.settings import Settings
from api.sparql.service import SparqlLimits, SparqlService, SparqlUnavailable
from graph import StoreConfig
from graph.embedded import FalkorStore
from schema import make_id
from tests.api.conftest import EZHOU, SEED, XUZHOU
from tests.api.live import serve

README = Path(__file__).resolve().parents[2] / "README.md"
BASE = "http://localhost:8000"
RESULTS_JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Four patterns over the same triples: the small graph's ~840 triples make ~5e11 rows to count.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def readme_queries() -> list[str]:
    """The ```sparql blocks of the README's SPARQL section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## SPARQL\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", section, re.DOTALL)


def make_client(graph_store: FalkorStore, data_dir: Path, limits: SparqlLimits | None = None) -> TestClient:
    app = create_app(Settings(data_dir=data_dir), store=graph_store)
    # Version checked on every query: a changed graph shows at once.
    app.state.sparql = SparqlService(data_dir, BASE, limits=limits, version_ttl_s=0.0)
    return TestClient(app)


@pytest.fixture
def client(graph_store: FalkorStore, tmp_path: Path) -> Iterator[TestClient]:
    with make_client(graph_store, tmp_path / "data") as c:
        yield c


def select(client: TestClient, query: str) -> list[dict[str, Any]]:
    """The rows of a SELECT answered in SPARQL Results JSON, as {variable: Python value}."""
    response = client.post("/sparql", data={"query": query}, headers={"Accept": RESULTS_JSON})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(RESULTS_JSON)
    return [{k: _value(v) for k, v in row.items()} for row in response.json()["results"]["bindings"]]


def _value(term: dict[str, str]) -> Any:
    if term.get("datatype", "").endswith(("#integer", "#decimal")):
        return Decimal(term["value"])
    return term["value"]


def refusal(response: Any, status: int, *words: str) -> str:
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("text/plain")
    for word in words:
        assert word in response.text, response.text
    return response.text


# -- the README's queries ---------------------------------------------------------------------------


def test_the_readme_gives_three_queries() -> None:
    queries = readme_queries()
    assert len(queries) == 3
    assert all(q.lstrip().startswith("#") and "SELECT" in q for q in queries)


def test_programs_of_a_region_with_amounts(client: TestClient) -> None:
    rows = select(client, readme_queries()[0])
    found = {(r["name"], r["region"], r.get("amountWan")) for r in rows}
    # The four 鄂州 programs of the seed list (创新型 offers nothing: the OPTIONAL keeps it).
    assert found == {
        ("国家级专精特新“小巨人”企业申报", "鄂州市", Decimal(100)),
        ("国家技术创新示范企业项目申报", "鄂州市", Decimal(100)),
        ("省级专精特新中小企业申报", "鄂州市", Decimal(20)),
        ("省级创新型中小企业申报", "鄂州市", None),
    }
    amounts = [r["amountWan"] for r in rows if "amountWan" in r]
    assert amounts == sorted(amounts, reverse=True)
    assert all(r["program"].startswith(f"{BASE}/id/program/program-") for r in rows)


def test_a_city_includes_its_province(client: TestClient) -> None:
    """The region query follows dcterms:isPartOf*: 徐州市 sees the programs of 江苏省."""
    query = readme_queries()[0].replace("鄂州市", "徐州市")
    assert {(r["name"], r["region"]) for r in select(client, query)} == {
        ("江苏省制造业贷款财政贴息实施方案", "江苏省"),
        ("专精特新中小企业认定", "江苏省"),
    }


def test_designations_a_program_requires_with_evidence(client: TestClient) -> None:
    evidence = "获批省级专精特新“小巨人”企业（现名：专精特新中小企业）"
    start = (SEED / EZHOU).read_text(encoding="utf-8").find(evidence)
    assert select(client, readme_queries()[1]) == [
        {
            "designation": "专精特新中小企业",
            "level": "provincial",
            "levelMin": "provincial",
            "evidence": evidence,
            "start": Decimal(start),
            "end": Decimal(start + len(evidence)),
            "document": EZHOU,
        }
    ]


def test_programs_a_department_administers(client: TestClient) -> None:
    rows = select(client, readme_queries()[2])
    # Through its 综合规划处 (PART_OF the department); its 中小企业局 is not linked to it in these facts.
    assert [(r["name"], r["unit"]) for r in rows] == [
        ("江苏省制造业贷款财政贴息实施方案", "江苏省工业和信息化厅综合规划处")
    ]
    query = readme_queries()[2].replace("江苏省工业和信息化厅", "鄂州市经济和信息化局")
    assert [(r["name"], r["unit"]) for r in select(client, query)] == [
        ("国家级专精特新“小巨人”企业申报", "鄂州市经济和信息化局中小企业发展科")
    ]


def test_a_sparql_client_gets_the_readme_answers(graph_store: FalkorStore, tmp_path: Path) -> None:
    """rdflib's SPARQL client, over real HTTP, by each of the protocol's three ways of asking."""
    app = create_app(Settings(data_dir=tmp_path / "data"), store=graph_store)
    with serve(app) as base:
        for method in ("GET", "POST", "POST_FORM"):
            remote = Graph(
                store=SPARQLStore(query_endpoint=f"{base}/sparql", method=method, returnFormat="json")
            )
            programs = {str(row.name) for row in remote.query(readme_queries()[0])}
            assert programs == {
                "国家级专精特新“小巨人”企业申报",
                "国家技术创新示范企业项目申报",
                "省级专精特新中小企业申报",
                "省级创新型中小企业申报",
            }
            (requirement,) = remote.query(readme_queries()[1])
            assert (str(requirement.designation), str(requirement.levelMin)) == (
                "专精特新中小企业",
                "provincial",
            )
            assert [str(row.name) for row in remote.query(readme_queries()[2])] == [
                "江苏省制造业贷款财政贴息实施方案"
            ]
            # CONSTRUCT through a client that asked for SPARQL JSON: Turtle, which it parses.
            graph = remote.query("CONSTRUCT WHERE { ?p a pkg:Program }").graph
            assert graph is not None and len(graph) == 6


# -- the protocol and the formats -------------------------------------------------------------------


def test_get_post_and_direct_post_give_the_same_answer(client: TestClient) -> None:
    query = readme_queries()[0]
    by_form = client.post("/sparql", data={"query": query})
    by_get = client.get("/sparql", params={"query": query})
    direct = client.post(
        "/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query; charset=UTF-8"}
    )
    assert by_form.status_code == by_get.status_code == direct.status_code == 200
    assert by_form.json() == by_get.json() == direct.json()
    assert by_form.headers["content-type"].startswith(RESULTS_JSON)  # the default
    assert by_form.headers["vary"] == "Accept"


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+xml", "xml"),
        ("text/csv", "csv"),
        ("text/tab-separated-values", "tsv"),
        ("application/json", "json"),
    ],
)
def test_select_in_every_results_format(client: TestClient, accept: str, fmt: str) -> None:
    query = "SELECT ?p ?name WHERE { ?p a pkg:Program ; schema:name ?name } ORDER BY ?name"
    reference = Result.parse(io.BytesIO(client.post("/sparql", data={"query": query}).content), format="json")
    response = client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    parsed = Result.parse(io.BytesIO(response.content), format=fmt)
    # CSV has no types or language tags: compare the text of each value.
    assert [[str(v) for v in row] for row in parsed] == [[str(v) for v in row] for row in reference]
    assert len(reference) == 6


def test_ask(client: TestClient) -> None:
    yes = client.get("/sparql", params={"query": 'ASK { ?d schema:name "企业技术中心"@zh }'})
    no = client.get("/sparql", params={"query": 'ASK { ?d schema:name "不存在的资质"@zh }'})
    assert (yes.json()["boolean"], no.json()["boolean"]) == (True, False)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_in_every_graph_format(client: TestClient, accept: str, fmt: str) -> None:
    query = "CONSTRUCT { ?p schema:name ?name } WHERE { ?p a pkg:Program ; schema:name ?name }"
    response = client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=response.content, format=fmt)
    names = {str(o) for o in graph.objects(None, URIRef("https://schema.org/name"))}
    assert len(graph) == 6 and "省级创新型中小企业申报" in names


def test_describe_a_program(client: TestClient) -> None:
    program = f"{BASE}/id/program/{make_id('Program', EZHOU, '国家技术创新示范企业项目申报')}"
    response = client.get("/sparql", params={"query": f"DESCRIBE <{program}>"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    assert graph.value(URIRef(program), URIRef("https://schema.org/name")) == Literal(
        "国家技术创新示范企业项目申报", lang="zh"
    )


def test_content_negotiation(client: TestClient) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    refusal(client.post("/sparql", data={"query": query}, headers={"Accept": "image/png"}), 406, "available")
    # Only a type of the other form named (rdflib asks for SPARQL JSON even for CONSTRUCT): the default.
    select_as_turtle = client.post("/sparql", data={"query": query}, headers={"Accept": "text/turtle"})
    assert select_as_turtle.headers["content-type"].startswith(RESULTS_JSON)
    construct = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"
    construct_as_json = client.post("/sparql", data={"query": construct}, headers={"Accept": RESULTS_JSON})
    assert construct_as_json.headers["content-type"].startswith("text/turtle")
    # q-values decide between the offers of one form; a browser's Accept gets XML results.
    csv = client.post(
        "/sparql",
        data={"query": query},
        headers={"Accept": "text/csv;q=0.9, text/tab-separated-values;q=0.5"},
    )
    assert csv.headers["content-type"].startswith("text/csv")
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    in_browser = client.post("/sparql", data={"query": query}, headers={"Accept": browser})
    assert in_browser.status_code == 200 and in_browser.headers["content-type"].startswith("application/xml")


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = URIRef(f"{BASE}/sparql")
    assert graph.value(endpoint, URIRef(sd + "endpoint")) == endpoint
    assert graph.value(endpoint, URIRef(sd + "supportedLanguage")) == URIRef(sd + "SPARQL11Query")


def test_the_dataset_names_the_endpoint(client: TestClient) -> None:
    graph = Graph().parse(
        data=client.get("/dataset", headers={"Accept": "text/turtle"}).text, format="turtle"
    )
    endpoint = URIRef(f"{BASE}/sparql")
    assert (
        graph.value(URIRef(f"{BASE}/dataset"), URIRef("http://rdfs.org/ns/void#sparqlEndpoint")) == endpoint
    )
    assert graph.value(endpoint, URIRef("http://www.w3.org/ns/dcat#endpointURL")) == endpoint


# -- the triples are the export's ---------------------------------------------------------------------


def _turtle_export(falkor_config: StoreConfig) -> Graph:
    """`policykg export --format turtle` of the test store, run as the command."""
    env = {
        "POLICYKG_DATA": str(falkor_config.data_dir),
        "POLICYKG_GRAPH_NAME": falkor_config.graph_name,
        "POLICYKG_BASE_IRI": BASE,
        "NEO4J_URI": "",
    }
    result = CliRunner().invoke(cli, ["export", "--format", "turtle"], env=env)
    assert result.exit_code == 0, result.output
    return Graph().parse(data=result.stdout, format="turtle")


def _comparable(graph: Graph) -> set[tuple[Any, ...]]:
    """Triples with literals as (value, datatype, language): Oxigraph writes 100.0 as 100."""

    def term(node: Any) -> Any:
        if isinstance(node, Literal):
            return ("literal", node.value if node.datatype else str(node), node.datatype, node.language)
        return node

    return {(s, p, term(o)) for s, p, o in graph}


def _endpoint_triples(client: TestClient) -> tuple[int, Graph]:
    count = select(client, COUNT)[0]["n"]
    response = client.post(
        "/sparql",
        data={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert response.status_code == 200, response.text
    return int(count), Graph().parse(data=response.text, format="nt")


def test_the_endpoint_holds_the_turtle_export(
    client: TestClient, graph_store: FalkorStore, falkor_config: StoreConfig
) -> None:
    export = _turtle_export(falkor_config)
    count, triples = _endpoint_triples(client)
    assert count == len(export) == len(triples) > 800
    assert _comparable(triples) == _comparable(export)
    # Provenance included: every REQUIRES fact is a statement with its evidence.
    statements = select(
        client,
        "SELECT ?e WHERE { ?f rdf:predicate cv:holdsRequirement ; pkg:evidence ?e ; prov:wasDerivedFrom ?d }",
    )
    assert len(statements) == 3

    # A document changes (here: goes away): the next query sees the new version, still the export's.
    graph_store.delete_document(make_id("Document", XUZHOU))
    export = _turtle_export(falkor_config)
    count, triples = _endpoint_triples(client)
    assert count == len(export) == len(triples) < 800
    assert _comparable(triples) == _comparable(export)
    assert not select(client, 'SELECT ?p WHERE { ?p schema:name "专精特新中小企业认定"@zh }')


def test_one_folder_per_version_and_old_ones_removed(
    client: TestClient, graph_store: FalkorStore, tmp_path: Path
) -> None:
    root = tmp_path / "data" / "sparql"
    select(client, COUNT)
    first = (root / "CURRENT").read_text().strip()
    graph_store.delete_document(make_id("Document", XUZHOU))
    select(client, COUNT)
    second = (root / "CURRENT").read_text().strip()
    graph_store.delete_document(make_id("Document", EZHOU))
    assert select(client, COUNT)[0]["n"] == 0
    third = (root / "CURRENT").read_text().strip()
    assert len({first, second, third}) == 3
    # The current version and the one before it stay (another process may still read it).
    assert {p.name for p in root.iterdir() if p.is_dir()} == {second, third}


def test_the_last_store_answers_while_the_graph_store_is_down(
    graph_store: FalkorStore, tmp_path: Path
) -> None:
    service = SparqlService(tmp_path, BASE, version_ttl_s=0.0)

    async def run() -> None:
        with pytest.raises(SparqlUnavailable, match="not available"):
            await service.current_store(lambda: None)  # down, and nothing built yet
        built = await service.current_store(lambda: graph_store)
        assert await service.current_store(lambda: None) == built
        # A new process (no memory of it) finds it through CURRENT.
        fresh = SparqlService(tmp_path, BASE, version_ttl_s=0.0)
        assert await fresh.current_store(lambda: None) == built
        answer = await fresh.query(built, COUNT, "json", None)
        assert answer.header["ok"] and json.loads(answer.body)["results"]["bindings"]
        await fresh.close()
        await service.close()

    asyncio.run(run())


# -- refusals ----------------------------------------------------------------------------------------


def test_updates_are_refused(client: TestClient) -> None:
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    refusal(client.post("/sparql", data={"update": update}), 403, "read-only")
    refusal(
        client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}),
        403,
        "read-only",
    )
    refusal(client.post("/sparql", data={"query": update}), 403, "read-only")
    refusal(client.get("/sparql", params={"update": update}), 403, "read-only")
    refusal(client.get("/sparql", params={"query": f"PREFIX ex: <http://example.org/>\n{update}"}), 403)
    assert select(client, "SELECT * WHERE { <http://example.org/a> ?p ?o }") == []


def test_service_is_refused(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    refusal(client.post("/sparql", data={"query": query}), 400, "SERVICE", "not offered")
    # The word alone is fine: in a prefixed name, a string or a variable.
    ok = 'SELECT ?service WHERE { ?service a cpsv:PublicService ; schema:name "SERVICE"@zh }'
    assert select(client, ok) == []


def test_bad_requests_say_what_is_wrong(client: TestClient) -> None:
    refusal(client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p }"}), 400, "does not parse", "1:")
    refusal(client.post("/sparql", data={"query": "  "}), 400, "empty")
    refusal(client.get("/sparql", params=[("query", COUNT), ("query", COUNT)]), 400, "exactly one query")
    refusal(client.post("/sparql", data={"other": "x"}), 400, "no 'query' field")
    refusal(
        client.get("/sparql", params={"query": COUNT, "default-graph-uri": f"{BASE}/dataset"}),
        400,
        "default-graph-uri is not supported",
    )
    refusal(
        client.post("/sparql", content=COUNT, headers={"Content-Type": "text/plain"}),
        415,
        "application/sparql-query",
    )
    refusal(
        client.post("/sparql", content=b"SELECT \xff", headers={"Content-Type": "application/sparql-query"}),
        400,
        "not valid UTF-8",
    )


def test_query_size_limits(graph_store: FalkorStore, tmp_path: Path) -> None:
    assert SparqlLimits().max_query_bytes == 100_000  # as for GraphQL documents; smaller here, for URLs
    with make_client(graph_store, tmp_path / "data", SparqlLimits(max_query_bytes=2_000)) as client:
        padding = "#" + "x" * 2_000 + "\n"
        refusal(client.post("/sparql", data={"query": padding + COUNT}), 413, "2000 bytes")
        refusal(
            client.post(
                "/sparql", content=padding + COUNT, headers={"Content-Type": "application/sparql-query"}
            ),
            413,
            "2000 bytes",
        )
        refusal(client.get("/sparql", params={"query": padding + COUNT}), 414, "by POST")
        assert select(client, "#" + "x" * 1_000 + "\n" + COUNT)[0]["n"] > 800


def test_an_answer_over_the_size_limit_is_refused(graph_store: FalkorStore, tmp_path: Path) -> None:
    with make_client(graph_store, tmp_path / "data", SparqlLimits(max_result_bytes=20_000)) as client:
        refusal(
            client.post("/sparql", data={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}),
            400,
            "larger than",
            "LIMIT",
        )
        refusal(client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o }"}), 400, "larger than")
        small = client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"})
        assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 10


def test_a_query_over_the_time_limit_is_stopped(graph_store: FalkorStore, tmp_path: Path) -> None:
    with make_client(graph_store, tmp_path / "data", SparqlLimits(timeout_s=1.0)) as client:
        select(client, COUNT)  # the store built and a worker started: what is timed is the query
        slowest_health = 0.0
        done = threading.Event()

        def poll() -> None:
            nonlocal slowest_health
            while not done.is_set():
                started = time.monotonic()
                assert client.get("/health").status_code == 200
                slowest_health = max(slowest_health, time.monotonic() - started)
                time.sleep(0.05)

        poller = threading.Thread(target=poll)
        poller.start()
        started = time.monotonic()
        try:
            response = client.post("/sparql", data={"query": ENDLESS})
        finally:
            done.set()
            poller.join()
        elapsed = time.monotonic() - started
        refusal(response, 503, "more than 1 s", "stopped")
        assert elapsed < 5, f"the refusal took {elapsed:.1f} s"
        assert slowest_health < 1.0, "the server stalled while the query ran"
        # The killed worker is replaced: the next query is answered.
        assert select(client, COUNT)[0]["n"] > 800


def test_a_query_over_the_memory_limit_is_stopped(graph_store: FalkorStore, tmp_path: Path) -> None:
    """Sorting ~6e8 rows needs far more than 300 MB: the worker's heap limit ends it, not the machine."""
    limits = SparqlLimits(worker_memory_bytes=300 * 2**20, timeout_s=60.0)
    with make_client(graph_store, tmp_path / "data", limits) as client:
        hungry = "SELECT ?a ?b ?c WHERE { ?a ?p ?o . ?b ?q ?r . ?c ?x ?y } ORDER BY ?a ?b ?c LIMIT 1"
        started = time.monotonic()
        refusal(client.post("/sparql", data={"query": hungry}), 503, "more than 300 MB of memory")
        assert time.monotonic() - started < 30
        assert select(client, COUNT)[0]["n"] > 800  # a new worker answers the next query


def test_a_store_that_cannot_be_built_is_a_503(graph_store: FalkorStore, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    with make_client(graph_store, blocked) as client:
        response = client.post("/sparql", data={"query": COUNT})
        refusal(response, 503, "could not be brought up to date")
        assert response.headers["retry-after"] == "5" and str(tmp_path) not in response.text


def test_a_worker_reaches_no_network(client: TestClient) -> None:
    """The second wall behind the SERVICE refusal: a SERVICE clause that reached a worker anyway
    cannot connect anywhere, not even to a port listening on this machine."""
    select(client, COUNT)
    service: SparqlService = client.app.state.sparql  # type: ignore[attr-defined]
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        federated = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.getsockname()[1]}/sparql> {{ ?s ?p ?o }} }}"

        async def run() -> tuple[bool | None, dict[str, Any]]:
            store = await service.current_store(lambda: None)
            answer = await service.query(store, federated, "json", None)
            isolated = service.pool().isolated
            await service.close()
            return isolated, answer.header

        isolated, header = asyncio.run(run())
        if not isolated:
            pytest.skip("this system gives processes no network namespace of their own (no user namespaces)")
        assert header["ok"] is False and header["error"] == "evaluation"
        with pytest.raises(TimeoutError):
            listener.accept()


def test_a_worker_neither_runs_updates_nor_writes_its_store(client: TestClient) -> None:
    """Past the API's checks, an update reaching a worker is not run (it only evaluates queries),
    and the store's folder is the same, file for file, after queries (it is opened read-only)."""
    select(client, COUNT)
    service: SparqlService = client.app.state.sparql  # type: ignore[attr-defined]

    def files(folder: Path) -> dict[str, tuple[int, int]]:
        return {
            str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")
        }

    async def run() -> None:
        store = await service.current_store(lambda: None)
        before = files(store)
        update = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
        answer = await service.query(store, update, "json", None)
        assert answer.header == {"ok": False, "error": "syntax", "message": answer.header["message"]}
        for query in (COUNT, "CONSTRUCT WHERE { ?s ?p ?o }", readme_queries()[0]):
            assert (await service.query(store, query, "json", "turtle")).header["ok"]
        await service.close()
        assert files(store) == before

    asyncio.run(run())
