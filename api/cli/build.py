"""`policykg build` and `policykg up`: documents into the graph (and, for `up`, then serve)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from api.cli import app
from api.cli.common import console, error, opened_store, settings
from api.cli.serve import serve_app
from api.settings import FileLimits
from graph.store import GraphStore, relationship_counts

if TYPE_CHECKING:
    from api.build import BuildReport


def _print_report(report: BuildReport, store: GraphStore) -> None:
    table = Table(title=f"graph at {store.address}")
    table.add_column("label")
    table.add_column("count", justify="right")
    for label, count in report.counts.items():
        table.add_row(label, str(count))
    for rel_type, count in relationship_counts(store).items():
        table.add_row(f"[dim]:{rel_type}[/dim]", str(count))
    console.print(table)
    console.print(
        f"built {len(report.built)}, unchanged {len(report.unchanged)}, failed {len(report.failed)} "
        f"in {report.seconds:.2f} s"
    )
    for name, message in report.failed.items():
        error(f"failed: {message}" if name in message else f"failed: {name}: {message}")
    for path, why in report.skipped.items():
        console.print(f"skipped {path}: {why}", markup=False, highlight=False)


def run_build(
    store: GraphStore,
    paths: list[Path],
    force: bool,
    limits: FileLimits,
    jobs: int = 1,
    tables: Path | None = None,
) -> BuildReport:
    """Build `paths` into `store`; with `tables` (the data folder), keep the new graph version's
    decision tables there for the server."""
    # Imported here: the extractor (spaCy, lexicons) takes seconds to load, and only builds need it.
    from api.build import build
    from extraction.extract import list_documents

    files = list_documents(paths)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("extracting", total=len(files))
        pages = progress.add_task("pages", total=None, visible=False)

        def on_file(path: Path, status: str) -> None:
            progress.update(task, advance=1, description=escape(f"{status}: {path.name}"))
            progress.update(pages, visible=False)

        def on_page(path: Path, done: int, total: int) -> None:
            # a long PDF: one step per page, so a 300-page guide shows where it is
            progress.update(
                pages, completed=done, total=total, visible=True, description=escape(f"pages of {path.name}")
            )

        report = build(store, paths, force=force, limits=limits, jobs=jobs, on_file=on_file, on_page=on_page)
    _print_report(report, store)
    if report.built and tables is not None:
        _keep_tables(store, tables)
    return report


def _keep_tables(store: GraphStore, data_dir: Path) -> None:
    """Load the new graph version's decision tables and keep them in the data folder, so that the
    first question after `serve` does not wait for them (at ×100 of the seeds, seconds)."""
    import asyncio

    from api.app import VERSION_TTL_S
    from api.graphql.context import warm_catalog
    from api.graphql.table_cache import TABLE_CACHE, TableCache

    asyncio.run(warm_catalog(store, VERSION_TTL_S, TableCache(data_dir / TABLE_CACHE)))


@app.command("build")
def build_command(
    paths: list[Path] = typer.Argument(None, help="Files or folders; default: the seed folder."),
    force: bool = typer.Option(False, "--force", help="Re-extract documents that have not changed."),
    neo4j: bool = typer.Option(False, "--neo4j", help="Load into the Neo4j at NEO4J_URI."),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=1, help="Processes that extract documents (the writes stay in order)."
    ),
) -> None:
    """Extract documents and load them into the graph (embedded FalkorDB unless NEO4J_URI is set)."""
    s = settings(neo4j)
    targets = paths or [s.seed_dir]
    for target in targets:
        if not target.exists():
            error(f"{target}: no such file or folder")
            raise typer.Exit(2)
    with opened_store(s) as store:
        report = run_build(store, targets, force, s.file_limits(), jobs, tables=s.data_dir)
    if not report.ok:
        raise typer.Exit(1)


@app.command("up")
def up_command(
    host: str = typer.Option(None, help="Default 127.0.0.1"),
    port: int = typer.Option(None, help="Default 8000"),
) -> None:
    """Build from the seed folder if the graph is empty or the seed changed, then serve the API."""
    from api.build import needs_build

    s = settings()
    with opened_store(s) as store:
        if needs_build(store, [s.seed_dir], s.file_limits()):
            run_build(store, [s.seed_dir], False, s.file_limits(), tables=s.data_dir)
        else:
            console.print(f"graph at {store.address} is up to date with {s.seed_dir}", markup=False)
    serve_app(s, host or s.host, port or s.port)
