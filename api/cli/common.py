"""What every command shares: settings from the environment, opening the store, error exits."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from api.settings import Settings, redact
from graph.store import GraphStore, open_store
from schema.errors import PolicyKGError

console = Console(stderr=True)


def error(message: str) -> None:
    """Print an error in red; file names and messages are text, not markup ("[/].txt" is a name)."""
    console.print(f"[red]{escape(message)}[/red]", highlight=False)


def settings(neo4j: bool = False) -> Settings:
    try:
        s = Settings()
    except ValidationError as exc:
        # e.g. POLICYKG_MAX_FILE_MB=lots: say which setting, without a traceback
        for problem in exc.errors():
            name = ".".join(str(part) for part in problem["loc"]) or "settings"
            error(f"setting {name}: {problem['msg']}")
        raise typer.Exit(2) from None
    if neo4j and not s.neo4j_uri:
        console.print("[red]--neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to be set[/red]")
        raise typer.Exit(2)
    return s


@contextmanager
def opened_store(s: Settings) -> Iterator[GraphStore]:
    try:
        store = open_store(s.store_config())
    except PolicyKGError as exc:
        error(f"cannot open the graph store: {redact(str(exc))}")
        raise typer.Exit(1) from exc
    except Exception as exc:
        # A driver's own error (a malformed NEO4J_URI, say) would end in a traceback that prints the
        # URI: say what it was, with any password in it hidden.
        error(f"cannot open the graph store: {type(exc).__name__}: {redact(str(exc))}")
        raise typer.Exit(1) from None
    try:
        yield store
    except PolicyKGError as exc:
        error(redact(str(exc)))
        raise typer.Exit(1) from exc
    finally:
        store.close()


def write_text(text: str, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        console.print(f"wrote {output}")
