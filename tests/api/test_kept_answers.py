"""Answers kept per graph version (api/graphql/answers.py) and the queue of time slices
(api/graphql/execution.py): the same bytes for the same request, never across versions, and
never an answer with errors; waiting pieces are woken in bursts, in order, without
cutting the batches their loads make."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from strawberry.dataloader import DataLoader

from api.app import create_app
from api.graphql import execution
from api.graphql.answers import KeptAnswers, request_key
from api.graphql.execution import Slices
from api.settings import Settings
from graph.embedded import FalkorStore
from tests.api.test_batching import ezhou_rows

PROGRAMS = """query ($r: String) { programs(filter: {region: $r}, first: 500) { totalCount
    edges { node { name benefits { benefit { text amountMaxWan } evidence } } } } }"""


def _post(client: TestClient, query: str, **variables: object) -> bytes:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    return response.content


def test_the_same_request_gets_the_same_bytes_without_the_store(graph_store: FalkorStore) -> None:
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=True)) as kept:
        first = _post(kept, PROGRAMS, r="鄂州")
        before = graph_store.query_count
        assert _post(kept, PROGRAMS, r="鄂州") == first
        assert graph_store.query_count == before  # answered from the kept bytes
        other = _post(kept, PROGRAMS, r="徐州")  # other variables: another answer
        assert other != first
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=False)) as fresh:
        assert _post(fresh, PROGRAMS, r="鄂州") == first
        assert _post(fresh, PROGRAMS, r="徐州") == other


def test_a_new_graph_version_is_never_answered_from_the_old_one(graph_store: FalkorStore) -> None:
    app = create_app(Settings(), store=graph_store, keep_answers=True, version_ttl_s=0)
    with TestClient(app) as client:
        before = _post(client, PROGRAMS, r="鄂州")
        assert _post(client, PROGRAMS, r="鄂州") == before
        rows = ezhou_rows()
        graph_store.replace_document(next(n.id for n in rows.nodes if n.label == "Document"), rows)
        after = _post(client, PROGRAMS, r="鄂州")
        assert after != before
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=False)) as fresh:
        assert _post(fresh, PROGRAMS, r="鄂州") == after


def test_answers_with_errors_are_not_kept(graph_store: FalkorStore) -> None:
    with TestClient(create_app(Settings(), store=graph_store, keep_answers=True)) as client:
        bad = '{ programs(filter: {region: "火星"}) { totalCount } }'
        for _ in range(2):
            body = client.post("/graphql", json={"query": bad}).json()
            assert body["errors"] and "火星" in body["errors"][0]["message"]
        # A request error keeps its 400 for clients of the specification's media type.
        accept = {"accept": "application/graphql-response+json"}
        for _ in range(2):
            assert client.post("/graphql", json={"query": "{ nosuch }"}, headers=accept).status_code == 400
            ok = client.post("/graphql", json={"query": "{ __typename }"}, headers=accept)
            assert ok.status_code == 200 and ok.json() == {"data": {"__typename": "Query"}}


def test_the_budget_keeps_the_most_recently_served() -> None:
    answers = KeptAnswers(budget=8 * 200)  # 8 of 195 bytes at most, none over 200
    keys = [request_key("POST", f"q{i}", {"b": 1, "a": 2}, None, None) for i in range(10)]
    assert request_key("POST", "q", {"a": 2, "b": 1}, None, None) == request_key(
        "POST", "q", {"b": 1, "a": 2}, None, None
    )
    for key in keys[:4]:
        answers.put(key, b"x" * 150)
    answers.get(keys[0])  # served again: kept over the others
    for key in keys[4:9]:
        answers.put(key, b"x" * 150)
    assert answers.size <= answers.budget
    assert answers.get(keys[0]) is not None and answers.get(keys[1]) is None
    answers.put("huge", b"x" * 300)  # over an eighth of the budget: not kept
    assert answers.get("huge") is None


def test_waiting_pieces_take_their_turns_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(execution, "SLICE_S", 0.0)  # every piece gets a slice of its own

    async def run() -> tuple[list[int], int]:
        slices = Slices()
        opened = 0
        open_slice = slices._open

        def counting_open() -> None:
            nonlocal opened
            opened += 1
            open_slice()

        slices._open = counting_open  # type: ignore[method-assign]
        done: list[int] = []

        async def piece(n: int) -> None:
            await slices.turn()
            done.append(n)

        await asyncio.gather(*(piece(n) for n in range(500)))
        return done, opened

    done, opened = asyncio.run(run())
    assert done == list(range(500))  # pieces woken in a burst and put back keep their places
    assert opened == 500


def test_a_piece_is_not_woken_at_every_slice(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pieces of about 0.5 ms in slices of 5 ms: about 10 a slice, 40 slices. Waking every waiting
    # piece at each slice (as before) would wait about 20 times per piece.
    monkeypatch.setattr(execution, "SLICE_S", 0.005)

    async def run() -> tuple[list[int], int]:
        slices = Slices()
        waits = 0
        wait = slices._wait

        async def counting_wait(line: Any) -> None:
            nonlocal waits
            waits += 1
            await wait(line)

        slices._wait = counting_wait  # type: ignore[method-assign]
        slices._started -= 1  # the current slice is spent: every piece waits
        done: list[int] = []

        async def piece(n: int) -> None:
            await slices.turn()
            end = time.perf_counter() + 0.0005
            while time.perf_counter() < end:
                pass
            done.append(n)

        await asyncio.gather(*(piece(n) for n in range(400)))
        return done, waits

    done, waits = asyncio.run(run())
    assert done == list(range(400))
    assert waits < 3 * 400


def test_a_burst_of_pieces_loads_in_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces woken together start their loads in the same turn of the loop: a DataLoader batches
    them, as it batches the pieces of a slice that nothing deferred."""
    monkeypatch.setattr(execution, "SLICE_S", 3600.0)

    async def run() -> list[int]:
        slices = Slices()
        batches: list[int] = []

        async def load(keys: list[int]) -> list[int]:
            batches.append(len(keys))
            return keys

        loader: DataLoader[int, int] = DataLoader(load_fn=load)
        slices._started -= 7200  # spent: every piece waits for the next slice, which has time

        async def piece(n: int) -> int:
            await slices.turn()
            return await loader.load(n)

        assert await asyncio.gather(*(piece(n) for n in range(300))) == list(range(300))
        return batches

    batches = asyncio.run(run())
    assert sum(batches) == 300
    assert len(batches) <= 4  # bursts of 8, 16, 32, ... (one a piece: 150 batches of two)


def test_a_piece_woken_then_cancelled_does_not_stall_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(execution, "SLICE_S", 0.0)

    async def run() -> list[int]:
        slices = Slices()
        done: list[int] = []
        tasks: list[asyncio.Task[None]] = []
        wake = slices._wake
        cancelled = False

        def wake_then_cancel() -> None:
            nonlocal cancelled
            woken = [gate for gate in slices._waiting if not gate.done()][: slices._burst]
            wake()
            if len(done) == 5 and not cancelled:  # cancel every piece one burst woke, before any resumes
                cancelled = True
                for task in tasks:
                    if task._fut_waiter in woken:  # type: ignore[attr-defined]
                        task.cancel()

        slices._wake = wake_then_cancel  # type: ignore[method-assign]

        async def piece(n: int) -> None:
            await slices.turn()
            done.append(n)

        tasks.extend(asyncio.ensure_future(piece(n)) for n in range(30))
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 5)
        return done

    done = asyncio.run(run())
    assert done[:5] == list(range(5)) and len(done) == 30 - 8 and done == sorted(done)
    assert done[-1] == 29


def test_a_cancelled_piece_does_not_stall_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(execution, "SLICE_S", 0.0)

    async def run() -> list[int]:
        slices = Slices()
        done: list[int] = []

        async def piece(n: int) -> None:
            await slices.turn()
            done.append(n)

        tasks = [asyncio.ensure_future(piece(n)) for n in range(20)]
        await asyncio.sleep(0)
        tasks[3].cancel()
        tasks[4].cancel()
        await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 5)
        return done

    assert asyncio.run(run()) == [n for n in range(20) if n not in (3, 4)]
