"""The strawberry schema: Query only (the API is read-only), with abuse limits and error masking."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaskErrors

from api.graphql.errors import should_mask
from api.graphql.limits import validation_limits
from api.graphql.query import Query

schema = strawberry.Schema(
    query=Query,
    extensions=[*validation_limits(), lambda: MaskErrors(should_mask_error=should_mask)],
)
