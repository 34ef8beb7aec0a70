"""`policykg extract`: documents to the JSON graph format, without any store."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from api.cli import app
from api.cli.common import console, error, settings, write_text
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
    # Imported here: the extractor (spaCy, lexicons) takes seconds to load, and only this command needs it.
    from api.build import check_file, check_lines, claim, unexpected
    from extraction.extract import extract_file, list_documents
    from extraction.readers import read_document

    limits = settings().file_limits()
    parts: list[GraphDocument] = []
    texts: list[str] = []
    seen: dict[str, Path] = {}  # document name -> the file extracted under it
    failed = False
    try:
        documents = list_documents(paths)
    except PolicyKGError as exc:
        error(str(exc))
        raise typer.Exit(1) from exc
    for path in documents:
        if path.is_dir():
            console.print(f"skipped {path}: a folder inside a folder", markup=False, highlight=False)
            continue
        try:
            check_file(path, limits)
            if not claim(seen, path):
                continue
            check_lines(path, path.read_bytes(), limits)
            if fmt is ExtractFormat.TEXT:
                texts.append(read_document(path).text)
            else:
                parts.append(extract_file(path))
        except PolicyKGError as exc:
            error(str(exc))
            failed = True
        except OSError as exc:
            error(f"{path}: {exc.strerror or exc}")
            failed = True
        except Exception as exc:
            error(unexpected(path, exc))
            failed = True
    write_text("".join(texts) if fmt is ExtractFormat.TEXT else GraphDocument.merge(parts).to_json(), output)
    if failed:
        raise typer.Exit(1)
