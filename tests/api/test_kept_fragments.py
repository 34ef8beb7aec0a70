"""Parts of answers kept per graph version (api/graphql/fragments.py): a node completed under a
selection is given back for the same node under the same selection, in a request never asked before,
and the answer is byte for byte the one a server that keeps nothing gives."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from graphql import parse

from api.app import create_app
from api.graphql import execution
from api.graphql.fragments import KeptFragments, count_fields, selection_key
from api.settings import Settings
from graph.embedded import FalkorStore

PROGRAMS = """query ($r: String, $b: Boolean = true) { programs(filter: {region: $r}, first: 500) {
    edges { node { ...P benefits @include(if: $b) { benefit { text amountMaxWan } evidence } } } } }
    fragment P on Program { name contacts { office { name } phone } }"""


def _post(client: TestClient, query: str, **variables: object) -> bytes:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.content


@pytest.fixture
def hits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the kept program nodes given back (offices and benefits shared by programs are given
    back within one answer too)."""
    found = [0]
    get = KeptFragments.get

    def counting(self: KeptFragments, key: tuple[str, str, str]) -> Any:
        value = get(self, key)
        found[0] += value is not None and key[0].endswith("/Program")
        return value

    monkeypatch.setattr(KeptFragments, "get", counting)
    return found


def test_a_new_request_gets_kept_nodes_and_the_same_answer(graph_store: FalkorStore, hits: list[int]) -> None:
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=False)) as fresh:
        expected = {
            (r, b): _post(fresh, PROGRAMS, r=r, b=b) for r in ("鄂州", "徐州", "江苏") for b in (True, False)
        }
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=True)) as kept:
        assert _post(kept, PROGRAMS, r="鄂州") == expected[("鄂州", True)]
        assert hits[0] == 0
        # Another question (not a kept answer: another region) shares the nodes both regions see:
        # the province's programs apply in its city.
        assert _post(kept, PROGRAMS, r="徐州") == expected[("徐州", True)]
        assert _post(kept, PROGRAMS, r="江苏") == expected[("江苏", True)]
        shared = hits[0]
        assert shared > 0
        # The same question worded anew: every program node is given back.
        programs = expected[("鄂州", True)].count(b'"node":')
        assert _post(kept, PROGRAMS + "\n# again", r="鄂州") == expected[("鄂州", True)]
        assert hits[0] - shared == programs
        # A variable the selection reads is part of what is kept: without the benefits, another value.
        assert _post(kept, PROGRAMS, r="鄂州", b=False) == expected[("鄂州", False)]


def test_nodes_left_null_past_the_budget_are_not_kept(
    graph_store: FalkorStore, monkeypatch: pytest.MonkeyPatch, hits: list[int]
) -> None:
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=False)) as fresh:
        expected = _post(fresh, PROGRAMS, r="鄂州")
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=True)) as kept:
        monkeypatch.setattr(execution, "MAX_RESOLVED_FIELDS", 40)
        refused = kept.post("/graphql", json={"query": PROGRAMS, "variables": {"r": "鄂州"}}).json()
        assert refused["errors"][0]["extensions"]["code"] == "REFUSED"
        monkeypatch.setattr(execution, "MAX_RESOLVED_FIELDS", 10**6)
        assert _post(kept, PROGRAMS + "\n# after", r="鄂州") == expected
        assert hits[0] == 0


def test_the_selection_key_reads_fragments_and_used_variables_only() -> None:
    def key(text: str, **variables: Any) -> str | None:
        document = parse(text)
        operation = document.definitions[0]
        fragments = {d.name.value: d for d in document.definitions[1:]}  # type: ignore[attr-defined]
        field = operation.selection_set.selections[0]  # type: ignore[attr-defined]
        return selection_key([field], fragments, variables)

    base = "{ p { ...F } } fragment F on P { name }"
    assert key(base, unused=1) == key(base, unused=2)
    assert key(base) != key("{ p { ...F } } fragment F on P { name level }")
    read = "query ($b: Boolean) { p { name @include(if: $b) } }"
    assert key(read, b=True) != key(read, b=False)
    assert key("{ p { ... @defer { name } } }") is None
    assert key("{ p { ...F } } fragment F on P { ... @defer { name } }") is None


def test_the_budget_keeps_the_most_recently_used() -> None:
    value = {"name": "x" * 10, "benefits": [{"text": "y"}]}
    assert count_fields(value) == 3
    kept = KeptFragments(budget=10_000)
    for i in range(100):
        kept.put(("Program", str(i), "s"), value)
        kept.get(("Program", "0", "s"))  # used again and again: never the oldest
    assert kept.size <= kept.budget
    assert 0 < len(kept) < 100
    assert kept.get(("Program", "0", "s")) == (value, 3)
    assert kept.get(("Program", "1", "s")) is None


ELIGIBLE = """query ($r: String, $h: [DesignationInput!]!) { eligible(holding: $h, region: $r) {
    ... on EligiblePrograms { programs { program { name benefits { benefit { text } } } met { evidence
    designation { name level } } } } } }"""


def test_an_eligibility_kept_for_one_region_serves_another_with_the_same_answer(
    graph_store: FalkorStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each eligible program is kept by its program and the facts met: a city's question gets the
    # province's programs back, as a server that keeps nothing answers them.
    kept_types: list[str] = []
    get = KeptFragments.get

    def recording(self: KeptFragments, key: tuple[str, str, str]) -> Any:
        value = get(self, key)
        if value is not None:
            kept_types.append(key[0].split("/")[-1])
        return value

    holding = [{"name": "专精特新中小企业", "level": "PROVINCIAL"}]
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=False)) as fresh:
        expected = {r: _post(fresh, ELIGIBLE, r=r, h=holding) for r in ("江苏", "徐州")}
    assert expected["江苏"].count(b'"program"') > 0
    monkeypatch.setattr(KeptFragments, "get", recording)
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=True)) as kept:
        assert _post(kept, ELIGIBLE, r="江苏", h=holding) == expected["江苏"]
        assert _post(kept, ELIGIBLE, r="徐州", h=holding) == expected["徐州"]
    assert "Eligibility" in kept_types
