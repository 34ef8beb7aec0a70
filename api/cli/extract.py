"""`policykg extract`: documents to the JSON graph format, without any store."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from api.cli import app
from api.cli.common import console, write_text
from extraction.extract import extract_file, list_documents
from schema.errors import PolicyKGError
from schema.graph import GraphDocument


class ExtractFormat(StrEnum):
    JSON = "json"


@app.command("extract")
def extract_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders to extract."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.JSON, "--format"),
    output: str = typer.Option(None, "-o", "--output", help="File to write; default stdout."),
) -> None:
    """Print the graph extracted from PATHs: {"nodes": [...], "relationships": [...]}."""
    parts: list[GraphDocument] = []
    failed = False
    for path in list_documents(paths):
        try:
            parts.append(extract_file(path))
        except PolicyKGError as exc:
            console.print(f"[red]{exc}[/red]")
            failed = True
        except OSError as exc:
            console.print(f"[red]{path}: {exc.strerror or exc}[/red]")
            failed = True
    write_text(GraphDocument.merge(parts).to_json(), output)
    if failed:
        raise typer.Exit(1)
