"""The HTTP API: `create_app(settings)` builds a FastAPI app over one graph store."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from api.settings import Settings
from graph.store import GraphStore, counts, open_store
from schema.errors import PolicyKGError


def health_payload(store: GraphStore | None) -> tuple[int, dict[str, Any]]:
    """(HTTP status, body): 200 with counts when the store answers, 503 saying why when not."""
    if store is None:
        return 503, {"status": "down", "store": {"up": False, "error": "no store is configured"}}
    info: dict[str, Any] = {"backend": store.backend, "address": store.address}
    try:
        node_counts = counts(store)
    except PolicyKGError as exc:
        return 503, {"status": "down", "store": {**info, "up": False, "error": str(exc)}}
    return 200, {
        "status": "ok",
        "store": {**info, "up": True},
        "counts": node_counts,
        "nodes": sum(node_counts.values()),
    }


def create_app(settings: Settings, store: GraphStore | None = None) -> FastAPI:
    """An app over `store`, or over the store the settings name (opened at start-up)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        owned = store is None
        if owned:
            try:
                app.state.store = open_store(settings.store_config())
            except PolicyKGError as exc:
                app.state.store = None
                app.state.store_error = str(exc)
        yield
        if owned and app.state.store is not None:
            app.state.store.close()

    app = FastAPI(title="policykg", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store

    @app.get("/health")
    def health() -> JSONResponse:
        status, body = health_payload(app.state.store)
        return JSONResponse(body, status_code=status)

    return app
