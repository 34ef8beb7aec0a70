"""The graph as CSV files for `neo4j-admin database import full`, for corpora too large to load
through transactions: one node file per label, one relationship file per (type, start, end),
typed headers, a README.md with the exact command, and schema.cypher for the constraints after.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.dialect import NEO4J
from graph.export.cypher_literal import ExportError
from schema.graph import GraphDocument
from schema.ontology import ONTOLOGY

# Tried in order; the first that no array element contains separates array items.
ARRAY_DELIMITERS = (";", "|", "¦", "\u001f")


@dataclass
class AdminExport:
    """What was written: node files per label, relationship files per type, and the command."""

    directory: Path
    node_files: dict[str, Path] = field(default_factory=dict)
    relationship_files: dict[tuple[str, str, str], Path] = field(default_factory=dict)
    array_delimiter: str = ";"
    database: str = "neo4j"

    @property
    def command(self) -> str:
        return import_command(self)


def _column_type(values: list[Any], where: str) -> str:
    """neo4j-admin type suffix for the values a column holds ('' for string)."""
    scalar: set[str] = set()
    is_list = {isinstance(v, list) for v in values}
    if len(is_list) > 1:
        raise ExportError(f"{where}: mixes lists and single values")
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, bool):
                scalar.add("boolean")
            elif isinstance(item, int):
                scalar.add("long")
            elif isinstance(item, float):
                scalar.add("double")
            elif isinstance(item, str):
                scalar.add("string")
            else:
                raise ExportError(f"{where}: {item!r} has no neo4j-admin type")
    if scalar == {"long", "double"}:
        scalar = {"double"}
    if len(scalar) > 1:
        raise ExportError(f"{where}: mixes types {sorted(scalar)}")
    kind = scalar.pop() if scalar else "string"
    return f"{kind}[]" if True in is_list else kind


def _columns(rows: list[dict[str, Any]], order: list[str], where: str) -> list[tuple[str, str]]:
    """(property, type) for each property any row has: the ontology's order first, then the rest."""
    present = {key for row in rows for key in row}
    names = [p for p in order if p in present] + sorted(present - set(order))
    return [(name, _column_type([r[name] for r in rows if name in r], f"{where}.{name}")) for name in names]


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _cell(value: Any, delimiter: str) -> str | None:
    if value is None:
        return None  # an empty, unquoted field: neo4j-admin sets no property
    if isinstance(value, list):
        return delimiter.join(str(_cell(v, delimiter)) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def choose_array_delimiter(graph: GraphDocument) -> str:
    items = [
        str(item)
        for element in [*graph.nodes, *graph.relationships]
        for value in element.properties.values()
        if isinstance(value, list)
        for item in value
    ]
    for candidate in ARRAY_DELIMITERS:
        if not any(candidate in item for item in items):
            return candidate
    raise ExportError("every candidate array delimiter occurs inside some array value")


def _field(value: str | None) -> str:
    """RFC 4180 quoting, as neo4j-admin reads it (a quote inside is doubled), except that an empty
    string is always quoted: `""` stores an empty string, an empty field stores nothing."""
    if value is None:
        return ""
    if value == "" or any(c in value for c in ',"\n\r') or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


def _write_csv(path: Path, header: list[str], rows: list[list[str | None]]) -> None:
    lines = [",".join(_field(cell) for cell in row) for row in [header, *rows]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_neo4j_admin(graph: GraphDocument, directory: Path, database: str = "neo4j") -> AdminExport:
    """Write the CSVs, schema.cypher and README.md into `directory` (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    out = AdminExport(directory=directory, array_delimiter=choose_array_delimiter(graph), database=database)
    delim = out.array_delimiter

    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    label_of: dict[str, str] = {}
    for node in sorted(graph.nodes, key=lambda n: n.id):
        by_label[node.label].append({**node.properties, "id": node.id})
        label_of[node.id] = node.label
    for label, rows in by_label.items():
        spec = ONTOLOGY.node_types[label]
        columns = [c for c in _columns(rows, list(spec.properties), label) if c[0] != "id"]
        header = [f"id:ID({label})", ":LABEL", *(_header(n, k) for n, k in columns)]
        body = [[row["id"], label, *(_cell(row.get(n), delim) for n, _ in columns)] for row in rows]
        path = directory / f"nodes_{label}.csv"
        _write_csv(path, header, body)
        out.node_files[label] = path

    groups: dict[tuple[str, str, str], list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for rel in graph.relationships:
        groups[(rel.type, label_of[rel.start], label_of[rel.end])].append(
            (rel.start, rel.end, rel.properties)
        )
    for (rel_type, start, end), rels in sorted(groups.items()):
        rels.sort(key=lambda r: (r[0], r[1], str(r[2].get("doc"))))
        order = ["doc", *ONTOLOGY.relationship_types[rel_type].properties, *ONTOLOGY.provenance]
        columns = _columns([props for _, _, props in rels], list(dict.fromkeys(order)), rel_type)
        header = [f":START_ID({start})", f":END_ID({end})", ":TYPE", *(_header(n, k) for n, k in columns)]
        body = [[s, e, rel_type, *(_cell(props.get(n), delim) for n, _ in columns)] for s, e, props in rels]
        path = directory / f"rels_{rel_type}_{start}_{end}.csv"
        _write_csv(path, header, body)
        out.relationship_files[(rel_type, start, end)] = path

    schema = [statement + ";" for _, statement in NEO4J.schema_statements()]
    (directory / "schema.cypher").write_text("\n".join(schema) + "\n", encoding="utf-8")
    (directory / "README.md").write_text(_readme(out, graph), encoding="utf-8")
    return out


def import_command(export: AdminExport, prefix: str = "") -> str:
    """The import command, with file paths under `prefix` (the folder as the command sees it)."""
    lines = ["neo4j-admin database import full"]
    lines += [f"--nodes={prefix}{p.name}" for p in export.node_files.values()]
    lines += [f"--relationships={prefix}{p.name}" for p in export.relationship_files.values()]
    lines += [
        f"--array-delimiter={_shell_quote(export.array_delimiter)}",
        "--multiline-fields=true",
        "--id-type=string",
        "--overwrite-destination=true",
        export.database,
    ]
    return " \\\n  ".join(lines)


def _shell_quote(text: str) -> str:
    if text == "\u001f":
        return "$'\\x1f'"
    return "'" + text.replace("'", "'\\''") + "'"


def _readme(export: AdminExport, graph: GraphDocument) -> str:
    counts = "\n".join(f"| {label} | {n} |" for label, n in graph.counts().items())
    return f"""# policykg graph for `neo4j-admin database import`

{len(graph.nodes)} nodes and {len(graph.relationships)} relationships, written by
`policykg export --format neo4j-admin -o {export.directory.name}`.

| label | nodes |
|---|---|
{counts}

Files: one `nodes_<Label>.csv` per label (`id:ID(<Label>)`, `:LABEL`, typed property columns such as
`aliases:string[]`), one `rels_<TYPE>_<Start>_<End>.csv` per relationship pattern (`:START_ID(<Start>)`,
`:END_ID(<End>)`, `:TYPE`, and the provenance `doc`, `evidence`, `span:long[]`). Array items are
separated by `{export.array_delimiter}`; text fields may span lines.

## Import (Neo4j 5)

The import writes a new store: the database must be stopped (or not exist yet), and
`--overwrite-destination` replaces what it held. Run this from this folder (or put the files into
`$NEO4J_HOME/import/` and prefix the file names with `import/`):

```sh
neo4j stop            # or: STOP DATABASE {export.database} (Enterprise), from the system database
{import_command(export)}
neo4j start
```

Then create the constraints and indexes the ontology implies (the import does not):

```sh
cypher-shell -u neo4j -p <password> -d {export.database} -f schema.cypher
```

With Docker, mount this folder as `/import` and run the same command with `--nodes=/import/...`:

```sh
docker run --rm -v neo4j-data:/data -v "$PWD":/import neo4j:5 \\
  {import_command(export, "/import/").replace(chr(10), chr(10) + "  ")}
```
"""
