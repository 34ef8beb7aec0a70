"""Mounting: the GraphQL router (GraphiQL on) with a typed per-request context, and the SDL."""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated

from fastapi import Depends, Request
from strawberry.fastapi import GraphQLRouter

from api.graphql.context import Context
from api.graphql.schema import schema
from graph.store import GraphStore


def current_store(request: Request) -> GraphStore | None:
    """The app's store; `api/app.py` reopens it when it was down at start-up."""
    getter = getattr(request.app.state, "get_store", None)
    return getter() if getter else request.app.state.store


Store = Annotated[GraphStore | None, Depends(current_store)]


async def context_getter(request: Request, store: Store) -> Context:
    return Context(store, version_ttl_s=getattr(request.app.state, "version_ttl_s", 0.0))


class PolicyGraphQLRouter(GraphQLRouter[Context, None]):
    def encode_json(self, data: object) -> bytes:
        # Chinese as UTF-8 rather than \u escapes: half the bytes, and readable on the wire.
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def graphql_router() -> GraphQLRouter[Context, None]:
    return PolicyGraphQLRouter(schema, context_getter=context_getter, graphql_ide="graphiql")


@cache
def sdl() -> str:
    return schema.as_str() + "\n"
