"""Mounting: the GraphQL router (GraphiQL on) with a typed per-request context, and the SDL."""

from __future__ import annotations

import asyncio
import json
from functools import cache
from typing import Any

from cross_web import HTTPException
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIWebSocketRoute
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from api.graphql.answers import Encoded, KeptAnswers, ToKeep, request_key
from api.graphql.context import Context
from api.graphql.fragments import KeptFragments
from api.graphql.http import GraphQLOverHTTP
from api.graphql.ide import graphiql_html
from api.graphql.schema import schema
from graph.store import GraphStore


def current_store(request: Request) -> GraphStore | None:
    """The app's store; `api/app.py` reopens it when it was down at start-up."""
    getter = getattr(request.app.state, "get_store", None)
    return getter() if getter else request.app.state.store


async def context_getter(request: Request) -> Context:
    state = request.app.state
    # An open store is taken on the event loop; only (re)opening one, which blocks, goes to a
    # thread. (Not a sub-dependency: FastAPI runs those in its thread pool, a hop on every request.)
    store = state.store
    if store is None:
        store = await asyncio.to_thread(current_store, request)
    return Context(
        store,
        version_ttl_s=getattr(state, "version_ttl_s", 0.0),
        table_cache=getattr(state, "table_cache", None),
        answers_budget=getattr(state, "answers_budget", 0),
    )


_JSON_TYPES = {str: "a string", int: "a number", float: "a number", bool: "a boolean", type(None): "null"}


class PolicyGraphQLRouter(GraphQLOverHTTP, GraphQLRouter[Context, None]):
    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        # GraphiQL from files this server holds (api/graphql/ide.py), so that it works offline.
        return HTMLResponse(graphiql_html())

    async def execute_operation(  # type: ignore[override]
        self,
        request: Request,
        request_adapter: Any,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        context: Context,
        root_value: None,
        sub_response: Any,
    ) -> Any:
        # One operation over HTTP may be answered from the answers kept for the graph's version
        # (api/graphql/answers.py); a batch, or a stream, is always executed.
        answers = None
        if isinstance(request_data, GraphQLRequestData) and request_data.protocol == "http":
            answers = await kept_answers(context)
        if answers is None:
            return await super().execute_operation(
                request, request_adapter, request_data, context, root_value, sub_response
            )
        assert isinstance(request_data, GraphQLRequestData)
        key = request_key(
            request_adapter.method,
            request_data.query,
            request_data.variables,
            request_data.operation_name,
            request_data.extensions,
        )
        body = answers.get(key)
        if body is not None:
            context.slices.began = True  # the same request executed, for this version of the graph
            return ExecutionResult(data=Encoded(body), errors=None)
        result = await super().execute_operation(
            request, request_adapter, request_data, context, root_value, sub_response
        )
        executed = type(result) is ExecutionResult and result.data is not None
        if executed and not result.errors and not result.extensions:
            result.data = ToKeep(result.data, answers, key)
        return result

    def encode_json(self, data: object) -> bytes:
        if isinstance(data, dict) and len(data) == 1:
            answer = data.get("data")
            if isinstance(answer, Encoded):
                return answer.body
            if isinstance(answer, ToKeep):
                body = self._encode(data)
                answer.answers.put(answer.key, body)
                return body
        return self._encode(data)

    @staticmethod
    def _encode(data: object) -> bytes:
        # Chinese as UTF-8 rather than \u escapes: half the bytes, and readable on the wire.
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate echoed from the request (in an error message, say) has no UTF-8 form;
            # as a \u escape it is still valid JSON.
            return json.dumps(data, separators=(",", ":")).encode("ascii")

    def parse_json(self, data: str | bytes) -> Any:
        # A request (and its variables or extensions, over GET) is a JSON object, or a list of them
        # for batching, which strawberry refuses itself; anything else would fail inside strawberry
        # as a 500.
        parsed = super().parse_json(data)
        if not isinstance(parsed, dict | list):
            raise HTTPException(
                400,
                "a GraphQL request, and its variables, must be a JSON object (such as "
                f'{{"query": "{{ __typename }}"}}), not {_JSON_TYPES.get(type(parsed), "that")}',
            )
        name = parsed.get("operationName") if isinstance(parsed, dict) else None
        if isinstance(name, str) and not _encodable(name):
            # strawberry would echo it in a plain-text 400, which cannot be encoded: a 500.
            raise HTTPException(400, "operationName is not valid Unicode text: it contains a lone surrogate")
        return parsed


async def kept_answers(context: Context) -> KeptAnswers | None:
    """The answers kept for the graph version this request sees (None: not kept, or no version).
    The parts of answers kept for it go on the context, for the executor (api/graphql/fragments.py)."""
    if context.answers_budget <= 0 or context.store is None:
        return None
    try:
        snap = await context.catalog.snapshot()
    except Exception:  # the store is down: the request executes and says so
        return None
    if snap.answers is None:
        snap.answers = KeptAnswers(context.answers_budget)
        snap.fragments = KeptFragments(context.answers_budget)
    context.fragments = snap.fragments
    return snap.answers


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def graphql_router() -> GraphQLRouter[Context, None]:
    router = PolicyGraphQLRouter(
        schema, context_getter=context_getter, graphql_ide="graphiql", subscription_protocols=()
    )
    # No websocket route: the schema has no subscriptions, a websocket would get around the limit on
    # request bodies, and its handshake failed in the context getter (which takes an HTTP request).
    router.routes = [route for route in router.routes if not isinstance(route, APIWebSocketRoute)]
    return router


@cache
def sdl() -> str:
    return schema.as_str() + "\n"
