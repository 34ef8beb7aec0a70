"""`policykg export`: the stored graph in one of several formats."""

from __future__ import annotations

from enum import StrEnum

import typer

from api.cli import app
from api.cli.common import opened_store, settings, write_text
from graph.store import export_graph


class ExportFormat(StrEnum):
    JSON = "json"


@app.command("export")
def export_command(
    fmt: ExportFormat = typer.Option(ExportFormat.JSON, "--format"),
    output: str = typer.Option(None, "-o", "--output", help="File (or folder) to write; default stdout."),
) -> None:
    """Export the stored graph."""
    s = settings()
    with opened_store(s) as store:
        graph = export_graph(store)
    write_text(graph.to_json(), output)
