"""The GraphQL API: a read-only strawberry schema over the graph store, mounted by `api/app.py` at
`/graphql` (GraphiQL in a browser; the SDL at `/graphql/schema.graphql`).

Questions planners ask, for example "we hold 省级专精特新中小企业 in 鄂州: what can we apply for, what
does it pay, whom do we call?":

    { eligible(holding: [{name: "专精特新中小企业", level: PROVINCIAL}], region: "鄂州") {
        ... on EligiblePrograms { programs { program { name
            benefits { benefit { text amountMaxWan } evidence }
            contacts { office { name } phone evidence document { name } } } } } } }

and `nearlyEligible`, `pathways(from:, to:, maxSteps:)`, `designation(name:, level:) { unlocks }`,
`programs(filter:, first:, after:)`, `search(text:)`, plus lookups of every node type. Every
relationship field is a link carrying its provenance (evidence, span, document).

Modules: `schema` (the strawberry Schema and its limits), `router` (mounting and the per-request
context getter), `context` (DataLoaders), `catalog` (decision data per graph version), `holdings`,
`eligibility`, `pathways`, `search` (the reasoning), `query/` (the root fields, one module per
group), `types/` (one module per GraphQL type).
"""

from api.graphql.router import graphql_router, sdl
from api.graphql.schema import schema

__all__ = ["graphql_router", "schema", "sdl"]
