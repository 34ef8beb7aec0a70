"""Abuse limits. A document is refused before graphql-core validates it when it is too big to check
cheaply (too many selections, or too many fields once its fragments are expanded), too deep or too
alias-heavy; input strings are capped and must be text the store can hold; big pages and big request
bodies are refused before any work is done. Each refusal is a GraphQL error that says which limit
was hit.

Every cost here is linear in the size of the document: a fragment is measured once, however often it
is spread, so a fan-out (`fragment F1 on Query { ...F0 ...F0 }` ... `fragment F20 on Query { ...F19
...F19 }`) costs what it weighs, not 2^20 walks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    ListValueNode,
    Node,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValueNode,
    VariableNode,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.graphql.errors import RequestRefused

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_PAGE = 500
MAX_BODY_BYTES = 100_000
MAX_TOKENS = 5_000  # a wide document (thousands of fields) is refused at parsing, before validation
# Fields, fragment spreads and inline fragments written in a document. graphql-core's check that
# fields can be merged compares them pairwise (quadratic): 200 keeps it to tens of milliseconds and
# is five times the largest question the tests ask (GraphiQL's introspection query has 80).
MAX_SELECTIONS = 200
# Fields an operation selects once every fragment spread is replaced by its fragment.
MAX_EXPANDED_FIELDS = 2_000
# Characters in any input string (names, ids, search text, cursors): nothing in the graph has a
# longer name, and segmenting search text costs more than linear time in its length.
MAX_INPUT_CHARS = 200
# Fields resolved to answer one request (each value and object in the answer): the document limits
# bound a query's shape, this bounds its answer, whatever the graph holds.
MAX_RESOLVED_FIELDS = 20_000
DEFAULT_PAGE = 50

_CLAMP = 1 << 40  # the counts of a fan-out grow as 2^levels: stop them far above every limit
_REFUSED = {"code": "REFUSED"}


def page_size(first: int | None, default: int = DEFAULT_PAGE) -> int:
    if first is None:
        return default
    if first < 0 or first > MAX_PAGE:
        raise RequestRefused(f"first must be between 0 and {MAX_PAGE}, got {first}")
    return first


# --- the shape of a document ------------------------------------------------------------------------


@dataclass
class _Cost:
    """What a definition (an operation or a fragment) weighs, its fragment spreads followed."""

    fields: int = 0
    aliases: int = 0
    # Fields with a selection set nested on the longest path; introspection fields (__schema, __type)
    # and what is under them do not count, as in strawberry's depth limiter (graphql-core limits
    # introspection depth by a rule of its own).
    depth: int = 0


@dataclass
class _Local(_Cost):
    """A definition's own selections, its fragment spreads not followed."""

    selections: int = 0
    # (fragment name, the depth at which it is spread, None under an introspection field)
    spreads: list[tuple[str, int | None]] = field(default_factory=list)


def _local(selection_set: SelectionSetNode) -> _Local:
    local = _Local()
    # An explicit stack: nesting is bounded by the parser, fragment chains below are not recursion.
    stack: list[tuple[SelectionSetNode, int, bool]] = [(selection_set, 0, False)]
    while stack:
        selections, depth, introspection = stack.pop()
        for selection in selections.selections:
            local.selections += 1
            if isinstance(selection, FieldNode):
                local.fields += 1
                local.aliases += selection.alias is not None
                if selection.selection_set is not None:
                    inner = introspection or selection.name.value.startswith("__")
                    if not inner:
                        local.depth = max(local.depth, depth + 1)
                    stack.append((selection.selection_set, depth if inner else depth + 1, inner))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, depth, introspection))
            elif isinstance(selection, FragmentSpreadNode):
                local.spreads.append((selection.name.value, None if introspection else depth))
    return local


def _combine(local: _Local, done: Mapping[str, _Cost]) -> _Cost:
    """A definition's cost from its own selections and the costs of the fragments it spreads. An
    unknown fragment, or one that spreads back into itself, adds nothing: graphql-core's validation
    refuses both."""
    cost = _Cost(fields=local.fields, aliases=local.aliases, depth=local.depth)
    for name, depth in local.spreads:
        spread = done.get(name)
        if spread is None:
            continue
        cost.fields = min(cost.fields + spread.fields, _CLAMP)
        cost.aliases = min(cost.aliases + spread.aliases, _CLAMP)
        if depth is not None:
            cost.depth = max(cost.depth, depth + spread.depth)
    return cost


def _fragment_costs(local: Mapping[str, _Local]) -> dict[str, _Cost]:
    """Each fragment's cost, computed once: a depth-first walk over the spreads (with a stack of its
    own, as a chain of fragments may be longer than Python's recursion limit)."""
    done: dict[str, _Cost] = {}
    open_: set[str] = set()  # entered, not finished: the fragments on the current path
    for root in local:
        stack = [root]
        while stack:
            name = stack[-1]
            if name in done:
                stack.pop()
                continue
            if name not in open_:
                open_.add(name)
                children = [s for s, _ in local[name].spreads if s in local and s not in done]
                stack.extend(c for c in children if c not in open_)
                continue
            done[name] = _combine(local[name], done)
            open_.discard(name)
            stack.pop()
    return done


def _operation_name(operation: OperationDefinitionNode) -> str:
    return operation.name.value if operation.name else "anonymous"


def document_limit_errors(document: DocumentNode) -> list[GraphQLError]:
    """Why `document` is refused before validation ([] when it is within every limit)."""
    fragments: dict[str, _Local] = {}
    operations: list[tuple[OperationDefinitionNode, _Local]] = []
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            fragments[definition.name.value] = _local(definition.selection_set)
        elif isinstance(definition, OperationDefinitionNode):
            operations.append((definition, _local(definition.selection_set)))
    selections = sum(f.selections for f in fragments.values()) + sum(o.selections for _, o in operations)
    if selections > MAX_SELECTIONS:
        # The rest would be cheap to measure, but this alone says what to change.
        return [
            GraphQLError(
                f"the document has {selections} selections (fields and fragment spreads); "
                f"allowed: {MAX_SELECTIONS}",
                extensions=_REFUSED,
            )
        ]
    costs = _fragment_costs(fragments)
    errors: list[GraphQLError] = []
    aliases = 0
    for operation, local in operations:
        cost = _combine(local, costs)
        aliases = min(aliases + cost.aliases, _CLAMP)
        name = _operation_name(operation)
        if cost.depth > MAX_DEPTH:
            errors.append(
                GraphQLError(
                    f"'{name}' exceeds maximum operation depth of {MAX_DEPTH}", operation, extensions=_REFUSED
                )
            )
        if cost.fields > MAX_EXPANDED_FIELDS:
            amount = f"more than {MAX_EXPANDED_FIELDS}" if cost.fields >= _CLAMP else str(cost.fields)
            errors.append(
                GraphQLError(
                    f"'{name}' selects {amount} fields once its fragments are expanded; "
                    f"allowed: {MAX_EXPANDED_FIELDS}",
                    operation,
                    extensions=_REFUSED,
                )
            )
    if aliases > MAX_ALIASES:
        # All operations together, as strawberry's alias limiter counted them.
        amount = f"more than {MAX_ALIASES}" if aliases >= _CLAMP else str(aliases)
        errors.append(GraphQLError(f"{amount} aliases found. Allowed: {MAX_ALIASES}", extensions=_REFUSED))
    return errors


# --- input strings ------------------------------------------------------------------------------------


def string_problem(value: str, where: str) -> str | None:
    """Why an input string is refused: too long, or not text the store can hold (a NUL cuts a query
    short, a lone surrogate cannot be encoded)."""
    if len(value) > MAX_INPUT_CHARS:
        return f"{where} is {len(value)} characters long; input strings are limited to {MAX_INPUT_CHARS}"
    if "\x00" in value:
        return f"{where} contains a NUL character (U+0000)"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{where} is not valid Unicode text: it contains a lone surrogate"
    return None


def _values(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(path, string) for every string in a JSON value (a variable's value)."""
    stack = [(value, path)]
    while stack:
        here, at = stack.pop()
        if isinstance(here, str):
            yield at, here
        elif isinstance(here, dict):
            stack.extend((v, f"{at}.{k}") for k, v in here.items())
        elif isinstance(here, list):
            stack.extend((v, f"{at}[{i}]") for i, v in enumerate(here))


def _literals(value: ValueNode, path: str) -> Iterator[tuple[str, StringValueNode | VariableNode]]:
    """(path, node) for every string literal and variable in an argument's value."""
    stack = [(value, path)]
    while stack:
        here, at = stack.pop()
        if isinstance(here, StringValueNode | VariableNode):
            yield at, here
        elif isinstance(here, ObjectValueNode):
            stack.extend((f.value, f"{at}.{f.name.value}") for f in here.fields)
        elif isinstance(here, ListValueNode):
            stack.extend((v, f"{at}[{i}]") for i, v in enumerate(here.values))


@dataclass
class Inputs:
    """Where a document takes input: refusals of its string literals (the same for every request),
    and the argument each variable feeds, to name it when a variable's value is refused."""

    errors: list[GraphQLError] = field(default_factory=list)
    declared: set[str] = field(default_factory=set)
    uses: dict[str, str] = field(default_factory=dict)  # variable -> the first argument it feeds

    def variable_errors(self, variables: Mapping[str, Any] | None) -> list[GraphQLError]:
        """Refusals of the strings in this request's variables."""
        errors = []
        for name, value in (variables or {}).items():
            if name not in self.declared:
                continue  # a variable the document does not declare is never read
            use = f" ({self.uses[name]})" if name in self.uses else ""
            for path, text in _values(value, f"${name}"):
                problem = string_problem(text, f"variable {path}{use}")
                if problem:
                    errors.append(GraphQLError(problem, extensions=_REFUSED))
        return errors


def document_inputs(document: DocumentNode) -> Inputs:
    """The string literals and variable uses of `document`'s arguments and variable defaults."""
    inputs = Inputs()
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            for var in definition.variable_definitions or ():
                name = var.variable.name.value
                inputs.declared.add(name)
                if var.default_value is not None:
                    _check_literals(inputs, var.default_value, lambda p, n=name: f"the default of ${n}{p}")
        for node, owner in _argument_owners(definition):
            for argument in node.arguments or ():
                _check_literals(
                    inputs,
                    argument.value,
                    lambda p, a=argument.name.value, o=owner: f'argument "{a}{p}" of {o}',
                )
    return inputs


def _check_literals(inputs: Inputs, value: ValueNode, label: Callable[[str], str]) -> None:
    for path, literal in _literals(value, ""):
        if isinstance(literal, VariableNode):
            inputs.uses.setdefault(literal.name.value, label(path))
            continue
        problem = string_problem(literal.value, label(path))
        if problem:
            inputs.errors.append(GraphQLError(problem, literal, extensions=_REFUSED))


def _argument_owners(definition: Node) -> Iterator[tuple[FieldNode | DirectiveNode, str]]:
    """(field or directive, its name) for every node that takes arguments in a definition."""
    if not isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode):
        return
    for directive in definition.directives or ():
        yield directive, f"@{directive.name.value}"
    stack = [definition.selection_set]
    while stack:
        for selection in stack.pop().selections:
            for directive in selection.directives or ():
                yield directive, f"@{directive.name.value}"
            if isinstance(selection, FieldNode):
                yield selection, selection.name.value
            if isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set is not None:
                stack.append(selection.selection_set)


# --- request bodies -----------------------------------------------------------------------------------


def _refusal(message: str) -> bytes:
    return json.dumps({"errors": [{"message": message, "extensions": {"code": "REFUSED"}}]}).encode()


class BodySizeLimit:
    """Refuses GraphQL requests whose body (or query string) exceeds `limit` bytes with 413, counting
    the bytes as they arrive so that a missing or false Content-Length does not get around it."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES, prefix: str = "/graphql") -> None:
        self.app = app
        self.limit = limit
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        message = f"request too large: GraphQL documents are limited to {self.limit} bytes"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        too_long_query = len(scope.get("query_string") or b"") > self.limit
        if too_long_query or (declared is not None and declared.isdigit() and int(declared) > self.limit):
            await _send_refusal(send, message)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > self.limit:
                    raise _TooLarge()
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _send_refusal(send, message)


class _TooLarge(Exception):
    pass


async def _send_refusal(send: Send, message: str) -> None:
    body = _refusal(message)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
