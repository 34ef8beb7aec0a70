"""`policykg extract`: documents to the JSON graph format, without any store."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from api.cli import app
from api.cli.common import console, write_text
from extraction.extract import extract_file, list_documents
from extraction.readers import read_document
from schema.errors import PolicyKGError
from schema.graph import GraphDocument


class ExtractFormat(StrEnum):
    JSON = "json"
    TEXT = "text"  # the text the graph is built from (a PDF's or Word file's text, page by page)


@app.command("extract")
def extract_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders to extract."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.JSON, "--format"),
    output: str = typer.Option(None, "-o", "--output", help="File to write; default stdout."),
) -> None:
    """Print the graph extracted from PATHs: {"nodes": [...], "relationships": [...]}.

    With `--format text`, print the text each document was read into instead: every span and
    evidence of the graph points into it (a PDF's pages are separated by form feeds).
    """
    parts: list[GraphDocument] = []
    texts: list[str] = []
    failed = False
    for path in list_documents(paths):
        try:
            if fmt is ExtractFormat.TEXT:
                texts.append(read_document(path).text)
            else:
                parts.append(extract_file(path))
        except PolicyKGError as exc:
            console.print(f"[red]{exc}[/red]")
            failed = True
        except OSError as exc:
            console.print(f"[red]{path}: {exc.strerror or exc}[/red]")
            failed = True
    write_text("".join(texts) if fmt is ExtractFormat.TEXT else GraphDocument.merge(parts).to_json(), output)
    if failed:
        raise typer.Exit(1)
