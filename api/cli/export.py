"""`policykg export`: the stored graph in one of several formats.

json (the interchange format), cypher (a script for cypher-shell or the Neo4j Browser), neo4j-admin
(CSV files and a README in a folder), jsonld / turtle / ntriples / rdfxml (linked data under the configured
base IRI), dcat (the dataset's description), grass (the Neo4j Browser style; needs no store),
shacl (the shapes an export conforms to; needs no store).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

import typer

from api.cli import app
from api.cli.common import console, opened_store, settings, write_text
from graph.store import export_graph
from schema.errors import PolicyKGError


class ExportFormat(StrEnum):
    JSON = "json"
    CYPHER = "cypher"
    NEO4J_ADMIN = "neo4j-admin"
    JSONLD = "jsonld"
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    RDFXML = "rdfxml"
    DCAT = "dcat"
    GRASS = "grass"
    SHACL = "shacl"


@app.command("export")
def export_command(
    fmt: ExportFormat = typer.Option(ExportFormat.JSON, "--format"),
    output: str = typer.Option(None, "-o", "--output", help="File (or folder) to write; default stdout."),
    check: bool = typer.Option(
        False, "--check", help="jsonld/turtle/ntriples/rdfxml: validate against the SHACL shapes first."
    ),
) -> None:
    """Export the stored graph."""
    # Imported here: rdflib and the exporters take a second to load, which `stats` and `stop` need not wait for.
    from api.linked_data import RdfFormat, dataset_description, serialise, to_rdf, validate
    from graph.export.cypher_script import cypher_script
    from graph.export.neo4j_admin import write_neo4j_admin
    from schema.browser_style import grass
    from schema.shapes import shapes_graph

    s = settings()
    base = s.base_iri
    if fmt is ExportFormat.GRASS:
        write_text(grass(), output)
        return
    if fmt is ExportFormat.SHACL:
        write_text(shapes_graph(base).serialize(format="turtle"), output)
        return
    if fmt is ExportFormat.NEO4J_ADMIN and output in (None, "-"):
        console.print("[red]--format neo4j-admin writes a folder: give it with -o DIR[/red]")
        raise typer.Exit(2)
    with opened_store(s) as store:
        graph = export_graph(store)
    try:
        if fmt is ExportFormat.JSON:
            write_text(graph.to_json(), output)
        elif fmt is ExportFormat.CYPHER:
            write_text(cypher_script(graph), output)
        elif fmt is ExportFormat.NEO4J_ADMIN:
            export = write_neo4j_admin(graph, Path(output))
            files = len(export.node_files) + len(export.relationship_files)
            console.print(f"wrote {files} CSV files, schema.cypher and README.md to {output}")
        elif fmt is ExportFormat.DCAT:
            triples = len(to_rdf(graph, base))
            description = dataset_description(base, graph, triples, modified=dt.date.today())
            write_text(serialise(description, RdfFormat.TURTLE, base), output)
        else:
            rdf = to_rdf(graph, base)
            if check:
                report = validate(rdf, base)
                console.print(f"SHACL: conforms={report.conforms}, violations={report.violations}")
                if not report.conforms:
                    console.print(report.text)
                    raise typer.Exit(1)
            console.print(f"{len(rdf)} triples under {base}/id/")
            # jsonld, turtle, ntriples, rdfxml: each is the RdfFormat member of the same name.
            write_text(serialise(rdf, RdfFormat[fmt.name], base), output)
    except PolicyKGError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
