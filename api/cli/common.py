"""What every command shares: settings from the environment, opening the store, error exits."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from api.settings import Settings
from graph.store import GraphStore, open_store
from schema.errors import PolicyKGError

console = Console(stderr=True)


def settings(neo4j: bool = False) -> Settings:
    s = Settings()
    if neo4j and not s.neo4j_uri:
        console.print("[red]--neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to be set[/red]")
        raise typer.Exit(2)
    return s


@contextmanager
def opened_store(s: Settings) -> Iterator[GraphStore]:
    try:
        store = open_store(s.store_config())
    except PolicyKGError as exc:
        console.print(f"[red]cannot open the graph store: {exc}[/red]")
        raise typer.Exit(1) from exc
    try:
        yield store
    except PolicyKGError as exc:
        console.print(f"[red]{exc}[/red]")
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
