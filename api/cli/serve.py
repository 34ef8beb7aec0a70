"""`policykg serve` and `policykg stop`."""

from __future__ import annotations

import typer

from api.cli import app
from api.cli.common import console, settings
from api.settings import Settings
from graph.server import EmbeddedServer


def serve_app(s: Settings, host: str, port: int, workers: int = 1) -> None:
    # Imported here: the web stack (and through it the extractor) is for serving only.
    import uvicorn

    console.print(f"serving policykg on http://{host}:{port} (GraphQL at /graphql, health at /health)")
    if workers > 1:
        # Each worker is a process of its own that builds the app from the environment (the
        # settings are the environment's: `settings()` reads nothing else), on one shared socket.
        console.print(f"{workers} worker processes; each keeps its own answers and decision tables")
        uvicorn.run(
            "api.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )
        return
    from api.app import create_app

    uvicorn.run(create_app(s), host=host, port=port, log_level="info")


@app.command("serve")
def serve_command(
    host: str = typer.Option(None, help="Default 127.0.0.1"),
    port: int = typer.Option(None, help="Default 8000"),
    workers: int = typer.Option(
        1, min=1, max=16, help="Worker processes: up to one per core serves concurrent requests in parallel"
    ),
) -> None:
    """Serve the API over the stored graph (read-only)."""
    s = settings()
    serve_app(s, host or s.host, port or s.port, workers)


@app.command("stop")
def stop_command() -> None:
    """Stop the embedded FalkorDB this data folder started."""
    s = settings()
    if EmbeddedServer(s.data_dir).stop():
        console.print(f"stopped the embedded FalkorDB of {s.data_dir}")
    else:
        console.print(f"no embedded FalkorDB was running for {s.data_dir}")
