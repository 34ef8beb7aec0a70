"""The SDL is pinned by a snapshot (regenerate with POLICYKG_UPDATE_SNAPSHOTS=1), served at
/graphql/schema.graphql, and derived from the ontology."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi.testclient import TestClient
from graphql import get_introspection_query

from api.graphql import sdl
from schema.ontology import ONTOLOGY
from tests.api.conftest import data

SNAPSHOT = Path(__file__).with_name("schema.graphql")


def test_sdl_matches_snapshot() -> None:
    if os.environ.get("POLICYKG_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(sdl(), encoding="utf-8")
    assert sdl() == SNAPSHOT.read_text(encoding="utf-8"), (
        "the GraphQL schema changed; if on purpose, rerun with POLICYKG_UPDATE_SNAPSHOTS=1 and commit schema.graphql"
    )


def test_sdl_and_graphiql_are_served(client: TestClient) -> None:
    response = client.get("/graphql/schema.graphql")
    assert response.status_code == 200 and response.text == sdl()
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_every_ontology_property_is_a_field(client: TestClient) -> None:
    query = "query ($name: String!) { __type(name: $name) { fields { name } } }"
    for label, spec in ONTOLOGY.node_types.items():
        fields = {f["name"] for f in data(client, query, name=label)["__type"]["fields"]}
        assert set(spec.properties) <= fields, (label, set(spec.properties) - fields)


def test_enums_come_from_the_ontology(client: TestClient) -> None:
    query = "query ($name: String!) { __type(name: $name) { enumValues { name } } }"
    levels = [v["name"] for v in data(client, query, name="Level")["__type"]["enumValues"]]
    assert levels == [level.upper() for level in ONTOLOGY.levels]
    types = [v["name"] for v in data(client, query, name="BenefitType")["__type"]["enumValues"]]
    assert types == [t.upper() for t in ONTOLOGY.benefit_types]


def test_every_fact_carries_provenance(client: TestClient) -> None:
    query = """{ __type(name: "Fact") { fields { name } possibleTypes { name } } }"""
    fact = data(client, query)["__type"]
    assert {f["name"] for f in fact["fields"]} == {"evidence", "span", "document"}
    assert {
        "DesignationLink",
        "ProgramLink",
        "BenefitLink",
        "ContactLink",
        "DepartmentLink",
        "PolicyLink",
        "RegionLink",
    } <= {t["name"] for t in fact["possibleTypes"]}


def test_introspection_is_within_the_limits(client: TestClient) -> None:
    """GraphiQL's own introspection query nests deeper than 10 through __schema: it must still pass."""
    body = client.post("/graphql", json={"query": get_introspection_query(descriptions=True)}).json()
    assert not body.get("errors"), body.get("errors")
    names = {t["name"] for t in body["data"]["__schema"]["types"]}
    assert {"Program", "Designation", "Fact", "Level", "BenefitType"} <= names


def test_answers_are_utf8_json(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": '{ designation(name: "企业技术中心") { name } }'})
    assert response.headers["content-type"].startswith("application/json")
    assert "企业技术中心".encode() in response.content and b"\\u" not in response.content
