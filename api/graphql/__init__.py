"""The GraphQL API: a read-only strawberry schema over the graph store, mounted by `api/app.py`."""

from api.graphql.router import graphql_router, sdl
from api.graphql.schema import schema

__all__ = ["graphql_router", "schema", "sdl"]
