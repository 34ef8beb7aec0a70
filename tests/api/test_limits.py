"""Abuse is refused fast with a clear GraphQL error; nothing leaks; the API is read-only."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.graphql.limits import MAX_BODY_BYTES
from graph.embedded import FalkorStore
from schema import GraphDocument, Node, make_id
from tests.api.conftest import gql


def _messages(body: dict) -> str:
    return " | ".join(e["message"] for e in body.get("errors") or [])


def test_depth_over_ten_is_refused(client: TestClient) -> None:
    # program > requires > designation > unlocks > program > requires > designation > grantedBy > program
    #   > benefits > benefit > offeredBy: 12 levels
    query = """{ programs { edges { node { requires { designation { unlocks { program { requires {
        designation { grantedBy { program { benefits { benefit { id } } } } } } } } } } } } } }"""
    body = gql(client, query)
    assert body.get("data") is None
    assert "exceeds maximum operation depth of 10" in _messages(body)


def test_depth_of_ten_is_served(client: TestClient) -> None:
    query = """{ programs { edges { node { requires { designation { unlocks { program { requires {
        designation { name } } } } } } } } } }"""
    body = gql(client, query)
    assert not body.get("errors"), body


def test_more_than_fifteen_aliases_are_refused(client: TestClient) -> None:
    fields = " ".join(f"a{i}: designations {{ name }}" for i in range(16))
    body = gql(client, "{ " + fields + " }")
    assert body.get("data") is None
    assert "16 aliases found. Allowed: 15" in _messages(body)
    fifteen = " ".join(f"a{i}: designations {{ name }}" for i in range(15))
    assert not gql(client, "{ " + fifteen + " }").get("errors")


def test_wide_documents_are_refused(client: TestClient) -> None:
    body = gql(client, "{ " + " ".join(["__typename"] * 6000) + " }")
    assert body.get("data") is None
    assert "Document contains more than 5000 tokens" in _messages(body)


def test_first_over_500_is_refused(client: TestClient) -> None:
    body = gql(client, "{ programs(first: 501) { totalCount } }")
    assert "first must be between 0 and 500, got 501" in _messages(body)
    assert body["errors"][0]["extensions"]["code"] == "REFUSED"
    assert not gql(client, "{ programs(first: 500) { totalCount } }").get("errors")


def test_oversized_document_is_refused_with_413(client: TestClient) -> None:
    padding = "#" + "x" * MAX_BODY_BYTES + "\n"
    response = client.post("/graphql", json={"query": padding + "{ designations { name } }"})
    assert response.status_code == 413
    assert "request too large" in response.json()["errors"][0]["message"]
    # Without a Content-Length the bytes are counted as they arrive.
    chunks = (b'{"query": "#' + b"x" * 20_000 + b'"}' if i == 0 else b" " * 20_000 for i in range(8))
    response = client.post("/graphql", content=chunks, headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_malformed_query_says_where(client: TestClient) -> None:
    body = gql(client, "{ programs { edges { node { name } }")
    assert body.get("data") is None
    assert "Syntax Error" in _messages(body)
    assert body["errors"][0]["locations"]
    body = gql(client, "{ programs { nosuchfield } }")
    assert "Cannot query field 'nosuchfield' on type 'ProgramConnection'." in _messages(body)


def test_api_is_read_only(client: TestClient) -> None:
    body = gql(client, 'mutation { deleteEverything(id: "x") }')
    assert body.get("data") is None
    assert "mutation" in _messages(body).lower()
    schema = client.get("/graphql/schema.graphql").text
    assert "type Mutation" not in schema and "type Subscription" not in schema


def test_unexpected_errors_are_masked(client: TestClient, graph_store: FalkorStore) -> None:
    # A document whose `chars` is not a number makes the resolver fail: the client sees no trace of it.
    doc = make_id("Document", "broken.txt")
    graph_store.replace_document(
        doc,
        GraphDocument(
            nodes=[Node(id=doc, label="Document", properties={"name": "broken.txt", "chars": "many"})]
        ),
    )
    body = gql(client, '{ document(name: "broken.txt") { name chars } }')
    assert _messages(body) == "Unexpected error."
    assert "Traceback" not in str(body) and "ValueError" not in str(body) and "MATCH" not in str(body)
    assert (
        body["data"] is None or body["data"]["document"] is None or body["data"]["document"]["chars"] is None
    )


def test_bad_cursor_is_a_clear_error(client: TestClient) -> None:
    body = gql(client, '{ programs(after: "bm90LWEtY3Vyc29y") { totalCount } }')
    assert "invalid cursor" in _messages(body)


def test_get_queries(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": "{ designations { name } }"})
    assert response.status_code == 200 and response.json()["data"]["designations"]
    # Mutations are refused over GET as well (and there are none).
    response = client.get("/graphql", params={"query": "mutation { x }"})
    assert response.status_code in (400, 405) or response.json().get("errors")
