"""The strawberry schema: Query only (the API is read-only), with abuse limits and error masking."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaskErrors

from api.graphql.documents import DocumentChecks
from api.graphql.errors import should_mask
from api.graphql.execution import BudgetedExecution
from api.graphql.query import Query

schema = strawberry.Schema(
    query=Query,
    extensions=[
        # Parse, limit and validate each document text once, off the event loop (api/graphql/limits.py
        # says what is refused); check each request's input strings.
        DocumentChecks,
        lambda: MaskErrors(should_mask_error=should_mask),
    ],
    # At most MAX_RESOLVED_FIELDS fields resolved per request.
    execution_context_class=BudgetedExecution,
)
