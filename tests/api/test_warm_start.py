"""A serving app loads the decision tables of the graph when it starts, not on the first question."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from api.app import create_app
from api.graphql import catalog
from api.settings import Settings
from graph.embedded import FalkorStore

TABLES = {"designations", "conditions", "programs", "offers", "search", "requirement_index"}
ELIGIBLE = """{ eligible(holding: [{name: "专精特新中小企业", level: PROVINCIAL}], region: "鄂州") {
    ... on EligiblePrograms { programs { program { name } } } } }"""


def test_the_tables_are_loaded_before_the_first_request(seed_store: FalkorStore) -> None:
    config = seed_store.config
    # No store handed in: the app opens its own, as `policykg serve` does.
    app = create_app(Settings(data_dir=config.data_dir, graph_name=config.graph_name))
    with TestClient(app) as client:
        deadline = time.monotonic() + 60
        while not app.state.warming.done() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app.state.warming.done() and app.state.warming.exception() is None
        store = app.state.holder.store
        assert set(catalog._SNAPSHOTS[store].tables) >= TABLES
        before = store.query_count
        answer = client.post("/graphql", json={"query": ELIGIBLE}).json()
        names = [p["program"]["name"] for p in answer["data"]["eligible"]["programs"]]
        assert "国家级专精特新“小巨人”企业申报" in names
        # The question read no table: at most the version check and the programs it shows.
        assert store.query_count - before <= 3


def test_a_restarted_app_reads_the_tables_from_its_data_folder(seed_store: FalkorStore) -> None:
    config = seed_store.config
    settings = Settings(data_dir=config.data_dir, graph_name=config.graph_name)
    folder = config.data_dir / "api-tables"
    for old in folder.glob("*.pickle"):
        old.unlink()
    first = create_app(settings)
    with TestClient(first):
        _wait_warm(first)
    kept = sorted(p.name.split("-", 1)[1] for p in folder.glob("*.pickle"))
    assert {f"{key}.pickle" for key in ("designations", "conditions", "programs", "offers", "search")} <= set(
        kept
    )

    again = create_app(settings)
    with TestClient(again) as client:
        _wait_warm(again)
        store = again.state.holder.store
        # The version check, and no table query: every table came from the folder.
        assert store.query_count <= 2
        answer = client.post("/graphql", json={"query": ELIGIBLE}).json()
        names = [p["program"]["name"] for p in answer["data"]["eligible"]["programs"]]
        assert "国家级专精特新“小巨人”企业申报" in names


def _wait_warm(app: object) -> None:
    deadline = time.monotonic() + 60
    while not app.state.warming.done() and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.05)
    assert app.state.warming.exception() is None  # type: ignore[attr-defined]
