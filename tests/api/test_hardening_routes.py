"""The linked-data and Browser routes under hostile or unlucky requests, through HTTP on the real
embedded store: a store that is down answers 503, ids the store cannot hold are 404, malformed
q-values are not 500s, concurrent first dump requests share one build, the Host header does not
reach the guide's markup or queries, and cursors are parsed strictly."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import api.routes.linked_data as linked_data
from api.app import create_app
from api.routes.linked_data import negotiate
from api.settings import Settings, redact
from graph import StoreConfig
from graph.embedded import FalkorStore
from graph.store import GraphStore, export_graph
from schema import make_id
from schema.graph import GraphDocument
from tests.api.conftest import data, gql, load_small_graph

PROGRAM = make_id("Program", "004_477b3b47acea63bc.txt", "省级专精特新中小企业申报")


# -- the store goes down ------------------------------------------------------------------------


@pytest.fixture
def own_store(tmp_path: Path) -> Iterator[FalkorStore]:
    """A store with a server of its own, which the test may stop."""
    store = FalkorStore(StoreConfig(data_dir=tmp_path / "data", graph_name="hardening_routes"))
    try:
        store.ensure_schema()
        load_small_graph(store)
        yield store
    finally:
        store.server.stop()


def test_linked_data_answers_503_while_the_store_is_down(own_store: FalkorStore) -> None:
    with TestClient(create_app(Settings(), store=own_store), raise_server_exceptions=False) as client:
        assert client.get(f"/id/program/{PROGRAM}").status_code == 200
        assert client.get("/dataset/dump.nt").status_code == 200
        own_store.server.stop()
        for path in (f"/id/program/{PROGRAM}", "/dataset/dump.nt", "/dataset/dump.ttl", "/dataset"):
            r = client.get(path)
            assert r.status_code == 503, (path, r.status_code, r.text)
            assert r.headers["retry-after"]
            assert "not available" in r.json()["detail"]
            assert "127.0.0.1" not in r.text and "falkordb://" not in r.text  # no address to the public
        own_store.server.ensure_running()
        assert client.get(f"/id/program/{PROGRAM}").status_code == 200


# -- ids the store cannot hold ------------------------------------------------------------------


@pytest.mark.parametrize("node_id", ["%00", "program-%00", "%00%27%7D)%20RETURN%201%20//", "%ED%A0%80"])
def test_ids_with_nul_or_surrogates_are_404(client: TestClient, node_id: str) -> None:
    """A NUL cut the query text short (the embedded store's client inlines parameters): 500."""
    r = client.get(f"/id/program/{node_id}")
    assert r.status_code == 404, r.text
    assert r.json()["detail"].startswith("no Program with id")


def test_a_real_id_still_answers(client: TestClient) -> None:
    assert client.get(f"/id/program/{PROGRAM}", headers={"Accept": "text/turtle"}).status_code == 200


# -- content negotiation ------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["nan", "NaN", "inf", "-inf", "2", "-1", "1e0", "0.5.5", "", "1.0001"])
def test_a_malformed_q_value_is_406_not_500(client: TestClient, q: str) -> None:
    r = client.get(f"/id/program/{PROGRAM}", headers={"Accept": f"application/ld+json;q={q}"})
    assert r.status_code == 406, r.text
    assert "application/ld+json" in r.json()["detail"]


def test_a_malformed_q_value_leaves_the_other_ranges(client: TestClient) -> None:
    r = client.get(
        f"/id/program/{PROGRAM}", headers={"Accept": "application/ld+json;q=nan, text/turtle;q=0.2"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")


def test_negotiate_reads_q_values_strictly() -> None:
    assert negotiate("text/turtle;q=0.5, application/ld+json;q=0.501", None) == "json-ld"
    assert negotiate("text/turtle;Q=1.000, application/ld+json;q=0.999", None) == "turtle"
    assert negotiate("text/turtle ; q = 0.3 , application/n-triples;q=0.2", None) == "turtle"
    assert negotiate("application/ld+json;q=nan", None) is None
    assert negotiate("*/*;q=inf", None) is None


# -- the cold dump stampede ---------------------------------------------------------------------


def test_concurrent_first_dump_requests_share_one_build(
    client: TestClient, graph_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight first requests used to build eight snapshots at once (57-61 s each on the seed graph,
    RSS doubled). Now one builds and the others wait for it, without holding a thread: /health
    answers meanwhile."""
    builds: list[float] = []
    started = threading.Event()

    def slow_export(store: GraphStore) -> GraphDocument:
        builds.append(time.monotonic())
        started.set()
        time.sleep(1.5)  # a snapshot of a large graph takes seconds: make the requests overlap
        return export_graph(store)

    monkeypatch.setattr(linked_data, "export_graph", slow_export)
    with ThreadPoolExecutor(8) as pool:
        dumps = [pool.submit(client.get, "/dataset/dump.ttl") for _ in range(8)]
        assert started.wait(10)
        health_started = time.monotonic()
        assert client.get("/health").status_code == 200
        assert time.monotonic() - health_started < 2  # generous: it takes milliseconds
        responses = [f.result() for f in dumps]
    assert [r.status_code for r in responses] == [200] * 8
    assert len({r.content for r in responses}) == 1
    assert len(builds) == 1
    # the serialisation is kept: another format builds from the same snapshot, the same one is free
    assert client.get("/dataset/dump.nt").status_code == 200
    assert client.get("/dataset/dump.ttl").content == responses[0].content
    assert len(builds) == 1


def test_a_failed_build_is_not_kept(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from schema.errors import StoreError

    def failing(store: GraphStore) -> GraphDocument:
        raise StoreError("the graph store at falkordb://127.0.0.1:1/x is not answering")

    monkeypatch.setattr(linked_data, "export_graph", failing)
    assert client.get("/dataset/dump.nt").status_code == 503
    monkeypatch.setattr(linked_data, "export_graph", export_graph)
    assert client.get("/dataset/dump.nt").status_code == 200


# -- the Browser guide --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["evil'\"<script>x</script>", "a' RETURN 1 //", "x.org/<b>", "x.org:80:80", "-x.org"]
)
def test_a_forged_host_header_does_not_reach_the_guide(graph_store: GraphStore, host: str) -> None:
    settings = Settings(base_iri="https://policykg.example.org")
    with TestClient(create_app(settings, store=graph_store)) as client:
        page = client.get("/browser/guide", headers={"Host": host}).text
    assert host not in page and "<script>x" not in page and "x.org/<b>" not in page
    assert ":style https://policykg.example.org/browser/style.grass" in page
    assert "&#x27;https://policykg.example.org/id/program/&#x27; + p.id" in page


@pytest.mark.parametrize("host", ["policykg.example.net:8080", "127.0.0.1:8000", "[::1]:8000", "localhost"])
def test_a_real_host_header_is_used_for_the_guide_links(client: TestClient, host: str) -> None:
    page = client.get("/browser/guide", headers={"Host": host}).text
    assert f":style http://{host}/browser/style.grass" in page
    assert f'href="http://{host}/dataset"' in page


# -- cursors ------------------------------------------------------------------------------------

PAGE = """query ($after: String) { programs(first: 2, after: $after) {
    edges { cursor node { name } } pageInfo { endCursor } } }"""


def _cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "offset", ["-5", "1_0", "١", "١٠", "+1", " 1", "1 ", "01", "0x1", "1.0", "", "9999999999"]
)
def test_cursors_are_parsed_strictly(client: TestClient, offset: str) -> None:
    body = gql(client, PAGE, after=_cursor(f"program:{offset}"))
    assert body["data"] is None or body["data"]["programs"] is None
    assert "invalid cursor" in body["errors"][0]["message"]


def test_issued_cursors_still_page(client: TestClient) -> None:
    first = data(client, PAGE)["programs"]
    second = data(client, PAGE, after=first["pageInfo"]["endCursor"])["programs"]
    names = [e["node"]["name"] for e in first["edges"] + second["edges"]]
    assert len(names) == 4 and len(set(names)) == 4
    assert first["pageInfo"]["endCursor"] == _cursor("program:1")


# -- a Neo4j password in the URI ----------------------------------------------------------------


def test_a_password_in_the_neo4j_uri_moves_out_of_it() -> None:
    s = Settings(neo4j_uri="neo4j://alice:p%40ss@db.example.org:7687?policy=x")
    assert s.neo4j_uri == "neo4j://db.example.org:7687?policy=x"
    assert (s.neo4j_user, s.neo4j_password) == ("alice", "p@ss")
    assert "p@ss" not in repr(s) and "p@ss" not in repr(s.store_config().neo4j_uri)
    assert Settings(neo4j_uri="bolt://db:7687", neo4j_password="x").neo4j_uri == "bolt://db:7687"
    assert "secret" not in repr(Settings(neo4j_password="secret"))
    assert redact("Given URI: 'neo4j://bob:hunter2@host:7687'.") == "Given URI: 'neo4j://bob:***@host:7687'."


def test_the_cli_does_not_print_the_password_of_a_uri_the_driver_refuses(tmp_path: Path) -> None:
    """The driver refuses these at once, printing the URI it was given: it used to be given the
    password too (and to refuse any URI with one), in a traceback."""
    from typer.testing import CliRunner

    from api.cli import app

    for uri in ("bolt://neo4j:hunter2@127.0.0.1:1?routing=x", "bogus://neo4j:hunter2@127.0.0.1:1"):
        result = CliRunner().invoke(app, ["stats"], env={"NEO4J_URI": uri, "POLICYKG_DATA": str(tmp_path)})
        assert result.exit_code == 1, result.output
        assert "hunter2" not in result.output
        assert "cannot open the graph store" in result.stderr
