"""The GraphiQL page at `/graphql` (in a browser): GraphiQL and its explorer plugin from files
policykg serves itself, instead of strawberry's page, which loads them from a public CDN and so
stays at "Loading..." on a network without internet."""

from __future__ import annotations

from functools import cache

from api.assets import own_url, template, vendor_url


@cache
def graphiql_html() -> str:
    return template("graphiql.html").substitute(
        favicon=own_url("explorer/favicon.svg"),
        graphiql_css=vendor_url("graphiql", "graphiql.min.css"),
        explorer_css=vendor_url("@graphiql/plugin-explorer", "style.css"),
        page_css=own_url("explorer/graphiql.css"),
        react_js=vendor_url("react", "react.production.min.js"),
        react_dom_js=vendor_url("react-dom", "react-dom.production.min.js"),
        graphiql_js=vendor_url("graphiql", "graphiql.min.js"),
        explorer_js=vendor_url("@graphiql/plugin-explorer", "index.umd.js"),
        page_js=own_url("explorer/graphiql.js"),
    )
