"""The `policykg` command: one module per command, each registered on this Typer app."""

from __future__ import annotations

import typer

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="policykg: a knowledge graph of industrial-support policy.",
)

from api.cli import build, export, extract, serve, stats  # noqa: E402,F401  (registers the commands)
