"""The root Query, one module per group of fields: lookups, the programs connection, search,
eligibility and pathways."""

from __future__ import annotations

import strawberry

from api.graphql.query.eligibility import EligibilityFields
from api.graphql.query.lookups import LookupFields
from api.graphql.query.pathways import PathwayFields
from api.graphql.query.programs import ProgramFields
from api.graphql.query.search import SearchFields


@strawberry.type(description="Read-only questions over the policy graph.")
class Query(LookupFields, ProgramFields, SearchFields, EligibilityFields, PathwayFields):
    pass


__all__ = ["Query"]
