"""`policykg serve` and `policykg stop`."""

from __future__ import annotations

import typer

from api.cli import app
from api.cli.common import console, settings
from api.settings import Settings
from graph.server import EmbeddedServer


def serve_app(s: Settings, host: str, port: int) -> None:
    # Imported here: the web stack (and through it the extractor) is for serving only.
    import uvicorn

    from api.app import create_app

    console.print(f"serving policykg on http://{host}:{port} (GraphQL at /graphql, health at /health)")
    uvicorn.run(create_app(s), host=host, port=port, log_level="info")


@app.command("serve")
def serve_command(
    host: str = typer.Option(None, help="Default 127.0.0.1"),
    port: int = typer.Option(None, help="Default 8000"),
) -> None:
    """Serve the API over the stored graph (read-only)."""
    s = settings()
    serve_app(s, host or s.host, port or s.port)


@app.command("stop")
def stop_command() -> None:
    """Stop the embedded FalkorDB this data folder started."""
    s = settings()
    if EmbeddedServer(s.data_dir).stop():
        console.print(f"stopped the embedded FalkorDB of {s.data_dir}")
    else:
        console.print(f"no embedded FalkorDB was running for {s.data_dir}")
