"""The whole graph as one self-contained, idempotent Cypher script for Neo4j 5.

Constraints and indexes first (the ontology's, from graph/dialect.py), then one batched
`UNWIND [...] AS row MERGE ...` per label and per (type, start label, end label), built from the same
cypher/write_nodes template the stores use and cypher/merge_relationships; a script cannot take
parameters, so the rows are written as escaped literals. Load it with `cypher-shell -f` or paste it
into the Browser; running it twice changes nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from graph.dialect import NEO4J
from graph.export.cypher_literal import ExportError, cypher_literal
from graph.queries import load_query
from graph.writer import merge_key, node_row, relationship_row
from schema.graph import GraphDocument
from schema.ontology import ONTOLOGY

DEFAULT_BATCH = 500


_PLACEHOLDER = re.compile(r"__[A-Z]+__")


def _fill(template: str, rows_literal: str, **names: str) -> str:
    """The store's template with labels from the ontology and the rows as a literal list."""
    text = template
    for key, value in names.items():
        text = text.replace(f"__{key}__", value)
    if _PLACEHOLDER.sub("", text.replace("$__ROWS__", "")) != text.replace("$__ROWS__", ""):
        raise ExportError(f"a placeholder is left in the Cypher template: {text!r}")
    return text.replace("$__ROWS__", rows_literal)


def _rows_literal(rows: list[dict[str, Any]]) -> str:
    # One row a line: a failing row is easy to find, and the file diffs well.
    return "[\n  " + ",\n  ".join(cypher_literal(row) for row in rows) + "\n]"


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def script_statements(graph: GraphDocument, batch_size: int = DEFAULT_BATCH) -> Iterator[str]:
    """The statements, without terminators: schema, then nodes, then relationships."""
    for _, statement in NEO4J.schema_statements():
        yield statement

    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    label_of: dict[str, str] = {}
    for node in sorted(graph.nodes, key=lambda n: n.id):
        by_label[node.label].append(node_row(node))
        label_of[node.id] = node.label
    node_template = load_query("write_nodes")
    for label in ONTOLOGY.node_types:  # ontology order: a stable script
        for batch in _batches(by_label.get(label, []), batch_size):
            yield _fill(node_template, _rows_literal(batch), LABEL=label)

    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for rel in graph.relationships:
        if rel.doc is None:
            # The store's MERGE keys a relationship on its document; without one it has no identity.
            raise ExportError(f"{rel.type} {rel.start}->{rel.end} has no doc property")
        groups[(rel.type, label_of[rel.start], label_of[rel.end])].append(relationship_row(rel))
    rel_template = load_query("merge_relationships")
    for (rel_type, start, end), rows in sorted(groups.items()):
        rows.sort(key=lambda r: (r["start"], r["end"], r["doc"], cypher_literal(r["props"])))
        key = merge_key(rel_type)
        for batch in _batches(rows, batch_size):
            yield _fill(rel_template, _rows_literal(batch), TYPE=rel_type, START=start, END=end, KEY=key)


def cypher_script(graph: GraphDocument, batch_size: int = DEFAULT_BATCH) -> str:
    counts = ", ".join(f"{label} {n}" for label, n in graph.counts().items())
    header = [
        "// policykg graph as a Cypher script for Neo4j 5: constraints, then batched UNWIND ... MERGE.",
        f"// {len(graph.nodes)} nodes ({counts}); {len(graph.relationships)} relationships.",
        "// Load: cypher-shell -u neo4j -p <password> -f policykg.cypher   (or paste into Neo4j Browser).",
        "// Idempotent: nodes merge on id, relationships on (start, type, end, doc).",
        "",
    ]
    body = [statement + ";" for statement in script_statements(graph, batch_size)]
    return "\n".join(header) + "\n\n".join(body) + "\n"


def split_statements(script: str) -> list[str]:
    """The statements of a script, as cypher-shell splits them: on `;` outside strings, names and
    `//` comments. Comment-only text between statements is dropped."""
    statements: list[str] = []
    current: list[str] = []
    quote: str | None = None
    i, n = 0, len(script)
    while i < n:
        char = script[i]
        if quote:
            current.append(char)
            if char == "\\" and quote != "`" and i + 1 < n:
                current.append(script[i + 1])
                i += 2
                continue
            if char == quote:
                quote = None
        elif char in "'\"`":
            quote = char
            current.append(char)
        elif script.startswith("//", i):
            end = script.find("\n", i)
            i = n if end < 0 else end
            continue
        elif char == ";":
            if text := "".join(current).strip():
                statements.append(text)
            current = []
        else:
            current.append(char)
        i += 1
    if quote:
        raise ExportError(f"unterminated {quote} in the Cypher script")
    if text := "".join(current).strip():
        statements.append(text)
    return statements
