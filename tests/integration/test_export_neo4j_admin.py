"""The neo4j-admin CSV export: parsed back with the header types it declares and compared with the
graph (counts, ids, properties), and the README's command names every file."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from graph.embedded import FalkorStore
from graph.export.neo4j_admin import choose_array_delimiter, write_neo4j_admin
from graph.store import export_graph
from schema.graph import GraphDocument, Node, Relationship
from tests.unit.test_linked_data_sample import sample_graph

_HEADER = re.compile(r"^(?P<name>[^:]*)(?::(?P<kind>[A-Za-z_]+(?:\[\])?)(?:\((?P<group>\w+)\))?)?$")


def _value(cell: str, kind: str | None, delimiter: str) -> Any:
    if kind and kind.endswith("[]"):
        return [_value(item, kind[:-2], delimiter) for item in cell.split(delimiter)]
    return {"long": int, "int": int, "double": float, "boolean": lambda c: c == "true"}.get(kind or "", str)(
        cell
    )


def _read(path: Path, delimiter: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Rows as neo4j-admin reads them: typed by the header, an empty field sets nothing."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = []
        for cells in reader:
            row: dict[str, Any] = {}
            for column, cell in zip(header, cells, strict=True):
                match = _HEADER.match(column)
                assert match, column
                if cell == "":
                    continue
                name, kind = match["name"], match["kind"]
                key = name if kind not in ("ID", "START_ID", "END_ID", "LABEL", "TYPE") else f":{kind}"
                row[key] = (
                    cell
                    if kind in ("ID", "START_ID", "END_ID", "LABEL", "TYPE")
                    else _value(cell, kind, delimiter)
                )
                if kind == "ID":
                    row["id"] = cell
            rows.append(row)
    return header, rows


def _from_csv(directory: Path, delimiter: str) -> GraphDocument:
    nodes, rels = [], []
    for path in sorted(directory.glob("nodes_*.csv")):
        _, rows = _read(path, delimiter)
        for row in rows:
            label = row.pop(":LABEL")
            row.pop(":ID")
            nodes.append(Node(id=row["id"], label=label, properties=row))
    for path in sorted(directory.glob("rels_*.csv")):
        _, rows = _read(path, delimiter)
        for row in rows:
            start, end, rel_type = row.pop(":START_ID"), row.pop(":END_ID"), row.pop(":TYPE")
            rels.append(Relationship(type=rel_type, start=start, end=end, properties=row))
    return GraphDocument(nodes=nodes, relationships=rels)


def _canonical(graph: GraphDocument) -> tuple[list[str], list[str]]:
    nodes = sorted(json.dumps([n.id, n.label, n.properties], sort_keys=True) for n in graph.nodes)
    rels = sorted(
        json.dumps([r.type, r.start, r.end, r.properties], sort_keys=True) for r in graph.relationships
    )
    return nodes, rels


def test_csvs_parse_back_to_the_graph(tmp_path: Path) -> None:
    graph = sample_graph()
    export = write_neo4j_admin(graph, tmp_path / "import")
    assert _canonical(_from_csv(export.directory, export.array_delimiter)) == _canonical(graph)
    assert set(export.node_files) == set(graph.counts())


def test_headers_are_typed_and_id_spaces_match(tmp_path: Path) -> None:
    export = write_neo4j_admin(sample_graph(), tmp_path)
    header, rows = _read(export.node_files["Department"], export.array_delimiter)
    assert header[:2] == ["id:ID(Department)", ":LABEL"]
    assert "aliases:string[]" in header
    assert len(rows) == 3
    header, _ = _read(export.node_files["Document"], export.array_delimiter)
    assert "chars:long" in header
    header, _ = _read(export.node_files["Benefit"], export.array_delimiter)
    assert "amountMaxWan:double" in header
    header, _ = _read(
        export.relationship_files[("REQUIRES", "Program", "Designation")], export.array_delimiter
    )
    assert header[:3] == [":START_ID(Program)", ":END_ID(Designation)", ":TYPE"]
    assert "span:long[]" in header and "levelMin" in header


def test_readme_has_the_command_for_every_file(tmp_path: Path) -> None:
    export = write_neo4j_admin(sample_graph(), tmp_path)
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in readme
    for path in [*export.node_files.values(), *export.relationship_files.values()]:
        assert f"={path.name} \\" in readme
    assert "--multiline-fields=true" in readme and "--array-delimiter=';'" in readme
    schema = (tmp_path / "schema.cypher").read_text(encoding="utf-8")
    assert schema.count("REQUIRE n.id IS UNIQUE") == 8


def test_multiline_text_and_delimiter_in_arrays(tmp_path: Path) -> None:
    base = sample_graph()
    nodes = [
        n.model_copy(
            update={
                "properties": {**n.properties, "aliases": ["甲;乙", '“丙”,"丁"'], "name": "第一行\n第二行"}
            }
        )
        if n.label == "Department"
        else n
        for n in base.nodes
    ]
    graph = GraphDocument(nodes=nodes, relationships=base.relationships)
    assert choose_array_delimiter(graph) == "|"
    export = write_neo4j_admin(graph, tmp_path)
    assert export.array_delimiter == "|"
    assert _canonical(_from_csv(tmp_path, "|")) == _canonical(graph)


def test_store_export_round_trips_through_csv(store: FalkorStore, tmp_path: Path) -> None:
    """From the real store: what neo4j-admin would import is what FalkorDB holds."""
    graph = sample_graph()
    store.replace_document(next(n.id for n in graph.nodes if n.label == "Document"), graph)
    stored = export_graph(store)
    export = write_neo4j_admin(stored, tmp_path)
    assert _canonical(_from_csv(tmp_path, export.array_delimiter)) == _canonical(stored)
    assert sum(len(_read(p, ";")[1]) for p in export.relationship_files.values()) == len(stored.relationships)


def test_empty_strings_are_quoted_and_absent_values_empty(tmp_path: Path) -> None:
    """The store keeps `phone: ''` on a HAS_CONTACT without a number (its MERGE key): neo4j-admin
    must store that empty string, and must set nothing where a property is absent."""
    base = sample_graph()
    rels = [
        r.model_copy(update={"properties": {**r.properties, "phone": ""}}) if r.type == "HAS_CONTACT" else r
        for r in base.relationships
    ]
    export = write_neo4j_admin(GraphDocument(nodes=base.nodes, relationships=rels), tmp_path)
    text = export.relationship_files[("HAS_CONTACT", "Program", "ContactOffice")].read_text(encoding="utf-8")
    assert all(',"",' in line for line in text.splitlines()[1:])
    programs = export.node_files["Program"].read_text(encoding="utf-8").splitlines()
    assert any(",," in line for line in programs[1:])  # programs without a url or summary
