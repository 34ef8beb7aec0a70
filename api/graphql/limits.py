"""Abuse limits: deep or alias-heavy documents are refused at validation, big pages and big request
bodies before any work is done. Each refusal is a GraphQL error that says which limit was hit."""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as alias_validator
from strawberry.extensions.query_depth_limiter import create_validator as query_depth_validator

from api.graphql.errors import RequestRefused

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_PAGE = 500
MAX_BODY_BYTES = 100_000
MAX_TOKENS = 5_000  # a wide document (thousands of fields) is refused at parsing, before validation
DEFAULT_PAGE = 50


# The rule classes are made once: the validation cache is keyed by them, so classes made anew for
# each request (as the stock extensions do) would make every request validate again.
_RULES = (
    query_depth_validator(max_depth=MAX_DEPTH, should_ignore=None),
    alias_validator(max_alias_count=MAX_ALIASES),
)


def validation_limits() -> list[Callable[[], SchemaExtension]]:
    """Extension factories: strawberry builds a fresh extension for each request."""
    return [lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS), lambda: AddValidationRules(list(_RULES))]


def page_size(first: int | None, default: int = DEFAULT_PAGE) -> int:
    if first is None:
        return default
    if first < 0 or first > MAX_PAGE:
        raise RequestRefused(f"first must be between 0 and {MAX_PAGE}, got {first}")
    return first


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
