"""Execution that shares the event loop, within a budget.

The document limits bound a query's shape, not its answer: ten levels of `unlocks { program {
requires { designation { unlocks ...` over the seed graph resolve about a million fields (32 MB of
JSON, 45 s of work on the event loop). So a request may resolve at most `MAX_RESOLVED_FIELDS` fields:
one that would need more is stopped where it crosses the line and answered with one clear error.

Within that budget, resolving thousands of fields (500 programs with their links, the introspection
query) is still work that graphql-core does on the event loop in long synchronous stretches, 0.1 to
1 s during which no other request, /health included, is served. So execution works in slices of
`SLICE_S`: a field or a value reached when the slice is spent waits for the next turn of the loop,
in which the loop has read its sockets and served the others first."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from time import perf_counter
from typing import Any

from graphql import ExecutionResult, GraphQLError, GraphQLObjectType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.graphql.limits import MAX_RESOLVED_FIELDS

# Synchronous work of one request in one turn of the event loop, about (a field started before the
# end of a slice may run past it, but each of its own fields and list items checks again).
SLICE_S = 0.02


class Slices:
    """One request's slices of time on the event loop. Work that finds the current slice spent waits
    for the next one, which opens in the following turn of the loop, after the loop has polled its
    sockets and served the others. Every piece of work deferred in one turn waits for the same next
    slice; when that slice is spent in turn, the rest waits again (waking up one by one with sleep(0)
    would not do: the loop runs all that is ready in one turn). The first piece to wake in a slice
    always runs, however late, so that work goes on when the loop is busy with others."""

    def __init__(self) -> None:
        self._started = perf_counter()
        self._used = True  # the first slice is the one the request starts in
        self._next: asyncio.Future[None] | None = None
        # Whether execution began (variables coerced): api/graphql/http.py answers a request that never
        # got that far as a request error (400, no `data`) to clients of application/graphql-response+json.
        self.began = False

    def begin(self) -> None:
        """A fresh slice: execution starts (the time spent parsing and validating was the loop's)."""
        self._started = perf_counter()
        self._used = True
        self.began = True

    def spent(self) -> bool:
        return perf_counter() - self._started > SLICE_S

    async def turn(self) -> None:
        """Go on now if the slice has time left, else in the next slice."""
        while self.spent() and self._used:
            if self._next is None:
                loop = asyncio.get_running_loop()
                self._next = loop.create_future()
                loop.call_soon(self._open)
            await self._next
        self._used = True

    def _open(self) -> None:
        gate, self._next = self._next, None
        self._started = perf_counter()
        self._used = False
        if gate is not None and not gate.done():
            gate.set_result(None)


class BudgetedExecution(StrawberryGraphQLCoreExecutionContext):
    """Counts the fields resolved (a value or an object in the answer, each); once over the budget,
    every further field is null at once, so that nothing deeper is fetched, and the request is
    answered with a refusal. A field or a value reached when the request's slice of time is spent is
    resolved in the next slice (resolvers share the slices through the context: `Context.slices`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resolved = 0
        self.slices: Slices = getattr(self.context_value, "slices", None) or Slices()
        self.slices.begin()

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        self.resolved += 1
        if self.resolved > MAX_RESOLVED_FIELDS:
            return None
        args = (parent_type, source, field_details_list, path, position_context)
        if self.slices.spent():
            return self._in_next_slice(super().execute_field, *args)
        return super().execute_field(*args)

    def complete_value(
        self,
        return_type: Any,
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        # Every item of a list is completed here: a long list is cut at the end of a slice too.
        args = (return_type, field_details_list, info, path, result, position_context)
        if self.slices.spent():
            return self._in_next_slice(super().complete_value, *args)
        return super().complete_value(*args)

    async def _in_next_slice(self, step: Callable[..., Any], *args: Any) -> Any:
        # graphql-core awaits what a field or a value returns.
        await self.slices.turn()
        result = step(*args)
        return await result if self.is_awaitable(result) else result

    def build_response(self, data: dict[str, Any] | None) -> Any:
        if self.resolved <= MAX_RESOLVED_FIELDS:
            return super().build_response(data)
        super().build_response(None)  # what graphql-core does when a response is done, without its data
        return ExecutionResult(
            None,
            [
                GraphQLError(
                    f"the answer would have more than {MAX_RESOLVED_FIELDS} fields: ask for fewer levels, "
                    "fewer fields, or a smaller page (first)",
                    extensions={"code": "REFUSED"},
                )
            ],
        )
