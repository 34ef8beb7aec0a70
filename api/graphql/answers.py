"""Answers kept per graph version: the encoded JSON of a request that executed without an error, served
again to the identical request (same query text, variables, operation name, extensions and method)
while the graph keeps the same version.

The answer of a request is a function of the request and of the graph version alone (the API is
read-only, and every date it reasons with is an argument), so an identical request can be answered
with the same bytes. The kept answers live on the version's `Snapshot` (api/graphql/catalog.py): a
rebuilt graph gets a new snapshot, and with it an empty store of answers, when the version check that
every request makes (at most `version_ttl_s` old) sees it; no answer outlives its version.

Only the bytes are kept, within a budget of bytes per process (`POLICYKG_RESPONSE_CACHE_MB`, 0 turns
the store off), least recently served out first. Answers with errors (refusals, a store that is down)
are never kept: they are answered afresh each time."""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

# An answer larger than this share of the budget is not kept: one answer must not evict all others.
LARGEST_SHARE = 8


def request_key(
    method: str, query: str | None, variables: Any, operation: str | None, extensions: Any
) -> str:
    """What identifies a request: everything that reaches execution. Variables and extensions are
    JSON, written with sorted keys so that the order a client wrote them in does not matter."""
    return json.dumps(
        [method, query, variables, operation, extensions], sort_keys=True, ensure_ascii=False, default=repr
    )


class KeptAnswers:
    """Encoded answers of one graph version, least recently served out first past `budget` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._answers: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
        return found

    def put(self, key: str, body: bytes) -> None:
        cost = len(body) + len(key)
        if cost * LARGEST_SHARE > self.budget or key in self._answers:
            return
        self._answers[key] = body
        self.size += cost
        while self.size > self.budget:
            old_key, old = self._answers.popitem(last=False)
            self.size -= len(old) + len(old_key)

    def __len__(self) -> int:
        return len(self._answers)


class Encoded(dict):  # type: ignore[type-arg]
    """An answer's `data` as served from the store: its encoded form is known, so the router writes
    `body` instead of encoding (the mapping itself is empty and never read)."""

    def __init__(self, body: bytes) -> None:
        super().__init__()
        self.body = body


class ToKeep(dict):  # type: ignore[type-arg]
    """An answer's `data` that will be kept once encoded: the router hands the bytes to `answers`."""

    def __init__(self, data: dict[str, Any], answers: KeptAnswers, key: str) -> None:
        super().__init__(data)
        self.answers, self.key = answers, key
