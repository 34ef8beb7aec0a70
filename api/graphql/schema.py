"""The strawberry schema: Query only (the API is read-only), with abuse limits and error masking."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaskErrors, ParserCache, ValidationCache

from api.graphql.errors import should_mask
from api.graphql.limits import validation_limits
from api.graphql.query import Query

schema = strawberry.Schema(
    query=Query,
    # Planners repeat the same few documents: parse and validate each once (validation includes the
    # depth and alias limits, so a cached document was within them).
    extensions=[
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        *validation_limits(),
        lambda: MaskErrors(should_mask_error=should_mask),
    ],
)
