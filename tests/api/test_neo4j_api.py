"""The same questions over Neo4j, through HTTP: these run only when NEO4J_URI is set."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import GraphStore
from tests.api.conftest import data, load_small_graph
from tests.api.test_acceptance_small import ELIGIBLE, PATHWAYS
from tests.conftest import needs_neo4j

pytestmark = needs_neo4j


@pytest.fixture
def neo4j_client(neo4j_store: GraphStore) -> Iterator[TestClient]:
    neo4j_store.ensure_schema()
    load_small_graph(neo4j_store)  # type: ignore[arg-type]
    with TestClient(create_app(Settings(), store=neo4j_store)) as client:
        yield client


def test_the_four_questions_on_neo4j(neo4j_client: TestClient) -> None:
    out = data(
        neo4j_client, ELIGIBLE, holding=[{"name": "专精特新中小企业", "level": "PROVINCIAL"}], region="鄂州"
    )
    assert "国家级专精特新“小巨人”企业申报" in {e["program"]["name"] for e in out["eligible"]["programs"]}
    unlocks = data(
        neo4j_client,
        '{ designation(name: "企业技术中心", level: NATIONAL) { unlocks { program { name } } } }',
    )["designation"]["unlocks"]
    assert "国家技术创新示范企业项目申报" in {u["program"]["name"] for u in unlocks}
    chains = data(
        neo4j_client, PATHWAYS, **{"from": [{"name": "创新型中小企业"}], "to": {"benefitMinWan": 100}}
    )
    assert chains["pathways"]["pathways"][0]["length"] == 2
    contacts = data(
        neo4j_client,
        '{ programs(filter: {text: "贷款贴息"}) { edges { node { contacts { phone } } } } }',
    )["programs"]["edges"][0]["node"]["contacts"]
    assert any(c["phone"].endswith("83735577") for c in contacts)
    hits = data(neo4j_client, '{ search(text: "专精特新") { node { ... on Designation { name } } } }')[
        "search"
    ]
    assert {"专精特新中小企业", "专精特新小巨人企业"} <= {h["node"].get("name") for h in hits}
