"""Errors the API shows to clients on purpose; everything else is masked (MaskErrors)."""

from __future__ import annotations

from graphql import GraphQLError

from schema.errors import PolicyKGError


class PublicError(PolicyKGError):
    """An error whose message is safe and useful to show to a client."""

    code = "BAD_REQUEST"


class RequestRefused(PublicError):
    """The request exceeds an abuse limit (page size, document size, ...)."""

    code = "REFUSED"


class GraphStoreUnavailable(PublicError):
    """The graph store does not answer; the API keeps running and recovers when it returns."""

    code = "STORE_UNAVAILABLE"

    def __init__(self) -> None:
        super().__init__("graph store unavailable: the graph database is not answering, try again shortly")


def should_mask(error: GraphQLError) -> bool:
    """Mask resolver exceptions unless they are PublicErrors. Parse and validation errors have no
    original error and say only what was wrong with the query, so they pass; so do graphql-core's
    own errors about the request that it wraps in another (a variable of the wrong type)."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    if isinstance(original, PublicError):
        error.extensions = {**(error.extensions or {}), "code": original.code}
        return False
    return True
