"""Store down: /health says so, GraphQL says "graph store unavailable", and when the store returns
(on another port) the same app answers again without a restart."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import VERSION_TTL_S, create_app
from api.settings import Settings
from graph import StoreConfig
from graph.embedded import FalkorStore
from tests.api.conftest import gql, load_small_graph

QUERY = '{ designation(name: "企业技术中心", level: PROVINCIAL) { name unlocks { program { name } } } }'


def test_store_down_then_back(tmp_path: Path) -> None:
    store = FalkorStore(StoreConfig(data_dir=tmp_path / "data", graph_name="down_test"))
    try:
        store.ensure_schema()
        load_small_graph(store)
        with TestClient(create_app(Settings(), store=store)) as client:
            assert client.get("/health").status_code == 200
            assert gql(client, QUERY)["data"]["designation"]["unlocks"]

            store.server.stop()
            time.sleep(VERSION_TTL_S)  # answers may come from memory for that long
            health = client.get("/health")
            assert health.status_code == 503
            assert health.json()["status"] == "down" and "not answering" in health.json()["store"]["error"]
            body = gql(client, QUERY)
            assert body["errors"][0]["message"].startswith("graph store unavailable")
            assert body["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
            assert "127.0.0.1" not in str(body) and "MATCH" not in str(body)

            store.server.ensure_running()  # a new server, most likely on another port
            assert client.get("/health").status_code == 200
            body = gql(client, QUERY)
            assert not body.get("errors")
            assert "国家技术创新示范企业项目申报" in {
                u["program"]["name"] for u in body["data"]["designation"]["unlocks"]
            }
    finally:
        store.server.stop()


def test_store_that_cannot_start(tmp_path: Path) -> None:
    """A data folder the embedded store cannot use: the app still starts, and says why."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    with TestClient(create_app(Settings(data_dir=blocked))) as client:
        health = client.get("/health")
        assert health.status_code == 503 and health.json()["status"] == "down"
        assert health.json()["store"]["error"]
        body = gql(client, QUERY)
        assert body["errors"][0]["message"].startswith("graph store unavailable")
