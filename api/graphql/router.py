"""Mounting: the GraphQL router (GraphiQL on) with a typed per-request context, and the SDL."""

from __future__ import annotations

import asyncio
import json
from functools import cache

from fastapi import Request
from strawberry.fastapi import GraphQLRouter

from api.graphql.context import Context
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
    return Context(store, version_ttl_s=getattr(state, "version_ttl_s", 0.0))


class PolicyGraphQLRouter(GraphQLRouter[Context, None]):
    def encode_json(self, data: object) -> bytes:
        # Chinese as UTF-8 rather than \u escapes: half the bytes, and readable on the wire.
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def graphql_router() -> GraphQLRouter[Context, None]:
    return PolicyGraphQLRouter(schema, context_getter=context_getter, graphql_ide="graphiql")


@cache
def sdl() -> str:
    return schema.as_str() + "\n"
