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
import contextlib
from collections import deque
from collections.abc import Callable
from time import perf_counter
from typing import Any

from graphql import ExecutionResult, GraphQLError, GraphQLObjectType, is_list_type, is_non_null_type
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.graphql.fragments import KeptFragments, selection_key
from api.graphql.limits import MAX_RESOLVED_FIELDS
from api.graphql.types.base import NodeBase

# Synchronous work of one request in one turn of the event loop, about (a field started before the
# end of a slice may run past it, but each of its own fields and list items checks again).
SLICE_S = 0.02
# Waiting pieces woken at once at least, when a slice opens (Slices).
MIN_BURST = 8


class Slices:
    """One request's slices of time on the event loop. Work that finds the current slice spent waits
    for the next one, which opens in the following turn of the loop, after the loop has polled its
    sockets and served the others. The first piece to wake in a slice always runs, however late, so
    that work goes on when the loop is busy with others.

    The waiting pieces queue in order and are woken in bursts: a slice wakes as many at once as ran
    in the slice before (at least `MIN_BURST`), and when all of a burst ran with time left, twice as
    many. A burst resumes in one turn of the loop, so the loads its pieces start are batched together
    (`Context.nodes`, `Context.links`), as when every waiting piece woke at each slice; but a piece no
    longer wakes at every slice only to find it spent and wait again. (At ×100 of the seeds, 16
    concurrent eligibility questions spent most of their time doing that. Waking one piece at a time
    instead cut every DataLoader batch into batches of two or three pieces.) A piece woken that finds
    the slice spent goes back to the head of the queue, in order."""

    def __init__(self) -> None:
        self._started = perf_counter()
        self._used = True  # the first slice is the one the request starts in
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._back: list[asyncio.Future[None]] = []  # woken, found the slice spent: first in the next
        self._opening = False  # a new slice is scheduled to open
        self._awake = 0  # pieces woken that have not resumed yet
        self._burst = MIN_BURST
        self._ran = 0  # woken pieces that ran in this slice
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
        if not (self.spent() and self._used):
            self._used = True
            return
        await self._wait(self._waiting)
        while self.spent() and self._used:  # woken in a burst, but the slice ran out
            await self._wait(self._back)
        self._used = True
        self._ran += 1
        if self._awake == 0:
            self._burst_done()

    async def _wait(self, line: deque[asyncio.Future[None]] | list[asyncio.Future[None]]) -> None:
        gate: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        line.append(gate)
        if not self._opening and self._awake == 0:
            self._open_soon()
        try:
            await gate
        except asyncio.CancelledError:
            if gate.done() and not gate.cancelled():  # woken, then cancelled: the others go on
                self._awake -= 1
                if self._awake == 0:
                    self._burst_done()
            else:  # (a gate put back may have moved into the queue since)
                for queue in (self._waiting, self._back):
                    with contextlib.suppress(ValueError):
                        queue.remove(gate)
            raise
        self._awake -= 1

    def _burst_done(self) -> None:
        """Every piece of the last burst has resumed: wake the next ones if the slice has time left."""
        if not (self._waiting or self._back):
            return
        if self.spent() and self._used:
            self._open_soon()
        else:
            self._burst *= 2
            self._wake()

    def _open_soon(self) -> None:
        if not self._opening:
            self._opening = True
            asyncio.get_running_loop().call_soon(self._open)

    def _open(self) -> None:
        self._opening = False
        self._started = perf_counter()
        self._used = False
        if self._back:
            self._waiting.extendleft(reversed(self._back))
            self._back.clear()
        self._burst = max(MIN_BURST, self._ran)
        self._ran = 0
        self._wake()

    def _wake(self) -> None:
        while self._waiting and self._awake < self._burst:
            gate = self._waiting.popleft()
            if not gate.done():
                gate.set_result(None)
                self._awake += 1
        if self._awake == 0 and self._back:  # nothing left in line but pieces put back
            self._open_soon()


class BudgetedExecution(StrawberryGraphQLCoreExecutionContext):
    """Counts the fields resolved (a value or an object in the answer, each); once over the budget,
    every further field is null at once, so that nothing deeper is fetched, and the request is
    answered with a refusal. A field or a value reached when the request's slice of time is spent is
    resolved in the next slice (resolvers share the slices through the context: `Context.slices`).

    A node completed under a selection is kept, and the same node under the same selection is given
    back without resolving it again (api/graphql/fragments.py), when the context holds the kept
    parts of its graph version (`Context.fragments`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resolved = 0
        self.slices: Slices = getattr(self.context_value, "slices", None) or Slices()
        self.slices.begin()
        self.kept: KeptFragments | None = getattr(self.context_value, "fragments", None)
        # Selection keys by the identity of graphql-core's field lists (the same list object serves
        # every item of a list); the list is held so that its id stays its own.
        self._keys: dict[int, tuple[Any, str | None]] = {}
        self.field_errors = 0  # every field error, including those under a position already nulled

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
        key = self._fragment_key(return_type, field_details_list, result)
        if key is not None:
            assert self.kept is not None
            hit = self.kept.get(key)
            if hit is not None:
                value, fields = hit
                self.resolved += fields
                return value
        errors = self.field_errors
        if self.slices.spent():
            completed = self._in_next_slice(super().complete_value, *args)
        else:
            completed = super().complete_value(*args)
        if key is None:
            return completed
        if self.is_awaitable(completed):
            return self._keep_later(key, completed, errors)
        self._keep(key, completed, errors)
        return completed

    def _fragment_key(
        self, return_type: Any, field_details_list: Any, result: Any
    ) -> tuple[str, str, str] | None:
        """The key a node's completed value is kept under, or None when it is not kept."""
        if self.kept is None or is_non_null_type(return_type) or is_list_type(return_type):
            return None  # (for a wrapped type, the inner type's own completion is the one kept)
        if isinstance(result, NodeBase):
            node_id = result.props.get("id")
        else:
            node_id = getattr(result, "fragment_id", None)  # a value that says what it is (Eligibility)
        if node_id is None:
            return None
        memo = self._keys.get(id(field_details_list))
        if memo is None:
            # Deferred parts and fragment arguments are not in the selection's text: not kept.
            if any(d.defer_usage is not None or d.fragment_variable_values for d in field_details_list):
                selection = None
            else:
                selection = selection_key(
                    [d.node for d in field_details_list],
                    {name: f.definition for name, f in self.fragments.items()},
                    self.variable_values.coerced,
                )
            memo = self._keys[id(field_details_list)] = (field_details_list, selection)
        if memo[1] is None:
            return None
        return (f"{return_type.name}/{type(result).__name__}", str(node_id), memo[1])

    async def _keep_later(self, key: tuple[str, str, str], completed: Any, errors: int) -> Any:
        value = await completed
        self._keep(key, value, errors)
        return value

    def _keep(self, key: tuple[str, str, str], value: Any, errors: int) -> None:
        # Not when a field erred meanwhile (maybe another part of the answer: then this one is not kept
        # either), nor past the budget, where fields were left null.
        if self.field_errors == errors and self.resolved <= MAX_RESOLVED_FIELDS:
            self.kept.put(key, value)  # type: ignore[union-attr]

    def handle_field_error(self, *args: Any, **kwargs: Any) -> None:
        self.field_errors += 1
        super().handle_field_error(*args, **kwargs)

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
