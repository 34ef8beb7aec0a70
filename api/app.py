"""The HTTP API: `create_app(settings)` builds a FastAPI app over one graph store, with GraphQL at
`/graphql` (GraphiQL in a browser), its SDL at `/graphql/schema.graphql`, and `/health`."""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
import time
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.assets import STATIC_PREFIX, static_files
from api.graphql import graphql_router, sdl
from api.graphql import search as graphql_search
from api.graphql.context import warm_catalog
from api.graphql.limits import BodySizeLimit
from api.graphql.table_cache import TABLE_CACHE, TableCache
from api.routes.browser import router as browser_router
from api.routes.explorer import router as explorer_router
from api.routes.linked_data import router as linked_data_router
from api.routes.sparql import router as sparql_router
from api.settings import Settings
from graph.store import GraphStore, counts, open_store
from schema.errors import PolicyKGError

logger = logging.getLogger(__name__)

# The folder of the data folder where a serving process keeps decision tables (api/graphql/table_cache.py).
# How often a store that could not be opened is tried again, at most.
REOPEN_INTERVAL_S = 1.0
# The graph changes only when the CLI rebuilds it: trusting its version for a second saves a query
# on nearly every request.
VERSION_TTL_S = 1.0


# A serving process allocates hundreds of thousands of short-lived objects per large answer, over
# decision tables of millions of objects at ×100 of the seeds. With the default thresholds (700, 10,
# 10) the collector ran about 30 times per eligibility answer and its full passes walked the tables:
# a third of the answer's time alone, two fifths at 16 concurrent. Young collections every 50,000
# allocations instead, and the tables frozen once loaded (_warm_and_freeze).
SERVING_GC_THRESHOLDS = (50_000, 10, 10)


async def _warm_and_freeze(store: GraphStore, version_ttl_s: float, table_cache: TableCache) -> None:
    """Load the decision tables, then move them out of the collector's sight: they live as long as
    the graph version, and a full pass would otherwise walk them again and again. (A later version's
    tables are not frozen; the old ones are still freed, by reference counting, when replaced.)"""
    await warm_catalog(store, version_ttl_s, table_cache)
    gc.collect()
    gc.freeze()


def health_payload(store: GraphStore | None, error: str | None = None) -> tuple[int, dict[str, Any]]:
    """(HTTP status, body): 200 with counts when the store answers, 503 saying so when not.

    The body is public: it names the backend but not where the store listens, and says why it is
    down in fixed words; the details (addresses, ports, paths) go to the server's log."""
    if store is None:
        if error:
            logger.warning("the graph store could not be opened: %s", error)
        reason = "the graph store could not be opened" if error else "no store is configured"
        return 503, {"status": "down", "store": {"up": False, "error": reason}}
    info: dict[str, Any] = {"backend": store.backend}
    # A ping fails at once where a query is retried (for 30 s by the Neo4j driver).
    if not store.ping():
        logger.warning("the %s graph store is not answering", store.backend)
        return 503, {
            "status": "down",
            "store": {**info, "up": False, "error": "the graph store is not answering"},
        }
    try:
        node_counts = counts(store)
    except PolicyKGError as exc:
        logger.warning("the graph store failed the health query: %s", exc)
        return 503, {
            "status": "down",
            "store": {**info, "up": False, "error": "the graph store is not answering queries"},
        }
    return 200, {
        "status": "ok",
        "store": {**info, "up": True},
        "counts": node_counts,
        "nodes": sum(node_counts.values()),
    }


class PublicCORS:
    """One cross-origin policy for the whole API (GraphQL, linked data, the Browser guide, /health).
    The data is public and read-only and no request carries credentials (cookies are neither set nor
    read), so every answer may be read by any origin: each says `Access-Control-Allow-Origin: *`
    whatever the request, which keeps answers cacheable without `Vary: Origin`; a preflight is
    answered here for every path, allowing GET, HEAD and POST with any header, for a day."""

    ALLOW_METHODS = "GET, HEAD, POST"
    MAX_AGE_S = 86_400

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            allow = {
                "Access-Control-Allow-Origin": "*",
                "Access-Control-Allow-Methods": self.ALLOW_METHODS,
                # Any header: with no credentials involved, none needs keeping out.
                "Access-Control-Allow-Headers": headers.get("access-control-request-headers", "*"),
                "Access-Control-Max-Age": str(self.MAX_AGE_S),
            }
            await Response(status_code=204, headers=allow)(scope, receive, send)
            return

        async def with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Access-Control-Allow-Origin"] = "*"
            await send(message)

        await self.app(scope, receive, with_policy)


class StoreHolder:
    """The app's store. One that could not be opened at start-up is opened later, when it returns,
    so the API recovers without a restart (an open store reconnects by itself)."""

    def __init__(self, settings: Settings, store: GraphStore | None, state: Any) -> None:
        self.settings = settings
        self._state = state  # app.state.store stays the current store, for routes that read it
        self.store = store
        self.error: str | None = None
        self._last_try = 0.0
        self._lock = threading.Lock()

    def open(self) -> None:
        try:
            self.store = open_store(self.settings.store_config())
            self.error = None
        except PolicyKGError as exc:
            self.store, self.error = None, str(exc)
        self._last_try = time.monotonic()
        self._state.store = self.store

    def get(self) -> GraphStore | None:
        if self.store is None and time.monotonic() - self._last_try >= REOPEN_INTERVAL_S:
            with self._lock:
                if self.store is None:
                    self.open()
        return self.store


def create_app(
    settings: Settings,
    store: GraphStore | None = None,
    *,
    version_ttl_s: float = VERSION_TTL_S,
    keep_answers: bool | None = None,
) -> FastAPI:
    """An app over `store`, or over the store the settings name (opened at start-up).

    `version_ttl_s`: how long GraphQL answers trust the graph version they last checked; a rebuilt
    graph (or a store gone down) shows within that time. 0 checks on every request.
    `keep_answers`: whether answers to identical requests are kept per graph version, within
    `settings.response_cache_mb` (api/graphql/answers.py); by default only a serving process (one
    that opens its own store) keeps them."""
    if keep_answers is None:
        keep_answers = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        owned = store is None
        if owned:
            holder.open()
        graphql_search.warm()
        if owned:
            # A serving process: what start-up loaded (jieba's dictionary above all) lives as long as
            # the process, so keep it out of the collector's full passes, which otherwise stall every
            # request in flight. (Collected first, so that no garbage is frozen with it.)
            gc.collect()
            gc.freeze()
            gc.set_threshold(*SERVING_GC_THRESHOLDS)
            # A serving process keeps the decision tables of each graph version in its data folder.
            app.state.table_cache = TableCache(settings.data_dir / TABLE_CACHE)
            if holder.store is not None:
                # Kept referenced until the app ends: a task nothing holds may be collected unfinished.
                app.state.warming = asyncio.get_running_loop().create_task(
                    _warm_and_freeze(holder.store, version_ttl_s, app.state.table_cache)
                )
        yield
        if owned and holder.store is not None:
            holder.store.close()

    # FastAPI's /docs and /redoc load their scripts from a CDN: /docs is served from vendored files
    # instead (api/routes/explorer.py), ReDoc not at all.
    app = FastAPI(title="policykg", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None)
    holder = StoreHolder(settings, store, app.state)
    app.state.settings = settings
    app.state.store = store
    app.state.version_ttl_s = version_ttl_s
    app.state.answers_budget = int(settings.response_cache_mb * 2**20) if keep_answers else 0
    app.state.holder = holder
    app.state.get_store = holder.get
    app.add_middleware(BodySizeLimit)
    # Added last, so outermost: refusals of the layers inside (413 for a big body) carry it too.
    app.add_middleware(PublicCORS)

    @app.get("/health")
    def health() -> JSONResponse:
        status, body = health_payload(holder.get(), holder.error)
        body["links"] = {"explorer": "/", "graphql": "/graphql", "schema": "/graphql/schema.graphql"}
        return JSONResponse(body, status_code=status)

    @app.get("/graphql/schema.graphql", response_class=PlainTextResponse)
    def graphql_sdl() -> PlainTextResponse:
        return PlainTextResponse(sdl(), media_type="text/plain; charset=utf-8")

    app.include_router(graphql_router(), prefix="/graphql")
    app.include_router(linked_data_router)
    app.include_router(sparql_router)
    app.include_router(browser_router)
    app.include_router(explorer_router)
    # The explorer's and GraphiQL's scripts and styles, vendored ones included (api/assets.py).
    app.mount(STATIC_PREFIX, static_files(), name="static")
    return app


def app_from_environment() -> FastAPI:
    """For `uvicorn --factory api.app:app_from_environment` (e.g. several workers): settings from the
    environment, read here at the entry point."""
    return create_app(Settings())
