"""Turns a GraphDocument into the batched, parameterised statements that replace one source
document's facts in a store. Labels and types come from the ontology only, never from text."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.queries import load_query
from schema.graph import GraphDocument, Node, Relationship
from schema.ontology import ONTOLOGY


@dataclass
class WritePlan:
    statements: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)


def _fill(template: str, **names: str) -> str:
    for key, value in names.items():
        template = template.replace(f"__{key}__", value)
    return template


def merge_key(rel_type: str) -> str:
    """The type's key properties in the relationship MERGE (`__KEY__` in write_relationships.cypher),
    so that parallel edges (one program, two phones of one office) stay apart."""
    return "".join(f", {k}: coalesce(row.props.{k}, '')" for k in ONTOLOGY.relationship_types[rel_type].key)


def node_row(node: Node) -> dict[str, Any]:
    return {"id": node.id, "props": {**node.properties, "id": node.id}}


def relationship_row(rel: Relationship) -> dict[str, Any]:
    props = {k: v for k, v in rel.properties.items() if k != "doc"}
    return {"start": rel.start, "end": rel.end, "doc": rel.doc, "props": props}


def plan_document_write(doc_id: str, graph: GraphDocument) -> WritePlan:
    """Delete what `doc_id` stated before, write what it states now, drop unsupported nodes."""
    plan = WritePlan(params={"doc": doc_id})
    plan.statements.append(load_query("delete_document_facts"))

    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    label_of: dict[str, str] = {}
    for node in graph.nodes:
        by_label[node.label].append(node_row(node))
        label_of[node.id] = node.label
    for label in ONTOLOGY.node_types:  # ontology order: stable query text
        if rows := by_label.get(label):
            param = f"nodes_{label}"
            plan.params[param] = rows
            plan.statements.append(_fill(load_query("write_nodes"), LABEL=label, ROWS=param))

    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for rel in graph.relationships:
        if rel.doc != doc_id:
            raise ValueError(f"{rel.type} {rel.start}->{rel.end} has doc {rel.doc!r}, expected {doc_id!r}")
        groups[(rel.type, label_of[rel.start], label_of[rel.end])].append(relationship_row(rel))
    for index, ((rel_type, start, end), rows) in enumerate(sorted(groups.items())):
        param = f"rels_{index}"
        plan.params[param] = rows
        plan.statements.append(
            _fill(
                load_query("write_relationships"),
                TYPE=rel_type,
                START=start,
                END=end,
                ROWS=param,
                KEY=merge_key(rel_type),
            )
        )
    plan.statements.append(load_query("delete_orphans"))
    return plan


def plan_document_delete(doc_id: str) -> WritePlan:
    return WritePlan(
        statements=[
            load_query("delete_document_facts"),
            load_query("delete_orphans"),
            load_query("delete_document"),
        ],
        params={"doc": doc_id},
    )
