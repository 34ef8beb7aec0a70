"""GraphQL over HTTP, to the letter (https://graphql.github.io/graphql-over-http/draft/): the media
type of an answer is chosen by content negotiation.

- `application/json`, the type every client has always had here, stays exactly as it was: every
  GraphQL answer is 200, request errors included, so older clients see no change. `*/*` and a
  missing Accept header get it too, as the specification asks.
- `application/graphql-response+json`, the specification's own type, lets the status say what
  happened: a request that never reached execution (a document that does not parse, does not
  validate or is over a limit, variables that cannot be coerced) is a request error, answered 400
  without a `data` entry; a request that executed is answered 200 with its `data`, even when a
  field error made that null.

A client that accepts neither (a POST with `Accept: text/html`, say) gets application/json as before:
the specification allows ignoring the header rather than answering 406, and that breaks no client."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types.unset import UNSET

from api.negotiation import negotiate

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
# application/json first: the one a wildcard, or a tie the client leaves open, gets.
OFFERS = (JSON, GRAPHQL_RESPONSE)


def response_media_type(accept: str | None) -> str:
    """The media type to answer a GraphQL request in, given its Accept header."""
    return negotiate(accept, OFFERS) or JSON


def began_execution(context: Any) -> bool:
    """Whether the request's operation started executing (api/graphql/execution.py marks it, once
    variables are coerced): what tells a request error from an answer whose `data` is null."""
    slices = getattr(context, "slices", None)
    return bool(getattr(slices, "began", False))


class GraphQLOverHTTP:
    """For the strawberry router (put before it among the bases): answers in the negotiated media
    type, with the status the specification gives it. The answer is built by strawberry as before;
    only its type, and for a request error its status and `data` entry, change here."""

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        response = await super().run(request, context, root_value)  # type: ignore[misc]
        if not isinstance(request, Request) or not isinstance(response, Response):
            return response
        if response.media_type != JSON:
            return response  # GraphiQL's page, for a browser
        response.headers["Vary"] = "Accept"  # the same URL answers differently by Accept
        if response_media_type(request.headers.get("accept")) == JSON:
            return response
        media_type = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        if began_execution(context):
            response.headers["Content-Type"] = media_type
            return response
        # A request error: its body holds only errors (small), so re-reading it costs nothing.
        body = json.loads(response.body)
        body.pop("data", None)
        return Response(
            self.encode_json(body),  # type: ignore[attr-defined]
            status_code=400,
            media_type=media_type,
            headers={"Vary": "Accept"},
        )
