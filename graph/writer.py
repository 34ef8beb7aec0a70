"""Turns a GraphDocument into the batched, parameterised statements that replace one source
document's facts in a store. Labels and types come from the ontology only, never from text.

A node shared by several documents (a designation, a department, a policy, a contact office) gets
its properties from all the documents that state it, never from the one written last: each document's
own statement of a node is kept on the node's EXTRACTED_FROM relationship to that document
(`STATED`, a JSON object), and every write sets the node to `merge_statements` of all of them. Before
writing (or deleting) a document, the store reads what the other documents state about the nodes it
states now or stated before (`plan_statements_read`), so the write itself stays one query.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graph.queries import load_query
from schema.graph import GraphDocument, Node, Relationship
from schema.ontology import ONTOLOGY, Label

# The property of an EXTRACTED_FROM relationship that holds its document's statement of the node.
# It is the store's bookkeeping, not a fact: exports, the API and linked data never show it (see
# public_properties; cypher/ld_*.cypher leave it out by this name).
STATED = "statedProperties"
EXTRACTED_FROM = "EXTRACTED_FROM"

Properties = dict[str, Any]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class WritePlan:
    statements: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadPlan:
    query: str
    params: dict[str, Any]


@dataclass
class Statements:
    """What documents other than the one being written state about nodes."""

    labels: dict[str, str] = field(default_factory=dict)  # node id -> label
    by_node: dict[str, dict[str, Properties]] = field(default_factory=dict)  # node id -> doc -> props
    # Every node the document traced to itself before this write (id -> label), stated elsewhere or not.
    traced: dict[str, str] = field(default_factory=dict)
    # Statements a store written before they were kept lacks: the write records them (see below).
    missing: list[dict[str, str]] = field(default_factory=list)


def _fill(template: str, **names: str) -> str:
    for key, value in names.items():
        template = template.replace(f"__{key}__", value)
    return template


def merge_key(rel_type: str) -> str:
    """The type's key properties in a relationship's identity (`__KEY__` in write_relationships.cypher),
    so that parallel edges (one program, two phones of one office) stay apart."""
    return "".join(f", {k}: coalesce(row.props.{k}, '')" for k in ONTOLOGY.relationship_types[rel_type].key)


def _one_per_identity(rel_type: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per relationship identity (its ends and key properties; the document is the same for
    all): rows that would MERGE into one edge, merged here in order, the later value winning, so the
    write can CREATE (cypher/write_relationships.cypher)."""
    keys = ONTOLOGY.relationship_types[rel_type].key
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        ident: tuple[Any, ...] = (row["start"], row["end"])
        if keys:  # as the MERGE compared them: coalesce(row.props.<key>, '')
            values = (row["props"].get(k) for k in keys)
            ident += tuple(_dumps({"v": "" if v is None else v}) for v in values)
        first = merged.get(ident)
        # the rows are not changed: a merged one is a new row
        merged[ident] = row if first is None else {**first, "props": {**first["props"], **row["props"]}}
    return list(merged.values())


@cache
def _settable(rel_type: str) -> frozenset[str]:
    """Property names a relationship of the type may carry, from the ontology: the only names ever
    written into a query's text (`__PROPS__` in write_relationships.cypher)."""
    names = {*ONTOLOGY.provenance, *ONTOLOGY.relationship_types[rel_type].properties}
    if rel_type == EXTRACTED_FROM:
        names.add(STATED)
    return frozenset(name for name in names if _IDENTIFIER.fullmatch(name))


def _created_properties(rel_type: str, rows: list[dict[str, Any]]) -> list[str] | None:
    """The names CREATE sets from `row.props` for a group of rows (write_relationships.cypher), or
    None when SET r += row.props must (write_relationships_set.cypher). CREATE skips a null, so a
    row without a property gets none; the names come in an order every row's own keys follow, so each
    edge holds its properties in the order `SET r +=` gave them. The type's key properties are in
    `__KEY__` already. Setting them in CREATE costs a fifth of a group's write less than a SET."""
    keys = ONTOLOGY.relationship_types[rel_type].key
    order = {name: None for row in rows for name in row["props"] if name not in keys}
    if not order.keys() <= _settable(rel_type):
        return None
    position = {name: i for i, name in enumerate(order)}
    for row in rows:
        last = -1
        for name in row["props"]:
            if name not in keys:
                if position[name] < last:
                    return None
                last = position[name]
    return list(order)


def node_row(node: Node) -> dict[str, Any]:
    return {"id": node.id, "props": {**node.properties, "id": node.id}}


def relationship_row(rel: Relationship) -> dict[str, Any]:
    props = {k: v for k, v in rel.properties.items() if k != "doc"}
    return {"start": rel.start, "end": rel.end, "doc": rel.doc, "props": props}


def public_properties(props: Mapping[str, Any]) -> Properties:
    """A relationship's properties without the store's bookkeeping."""
    return {k: v for k, v in props.items() if k != STATED}


def merge_statements(stated: Mapping[str, Mapping[str, Any]]) -> Properties:
    """A node's properties from every document's statement of it (document id -> properties): a
    function of the statements alone, whatever order the documents were written in.

    Documents take precedence in the order of their ids: a scalar is the value of the first document
    that states one; a list is the union of every document's list, the first document's items first,
    each in the order it was printed, without repeats (so a node only one document states keeps its
    lists as extracted, and the first phone printed stays first)."""
    merged: Properties = {}
    for doc in sorted(stated):
        for key, value in stated[doc].items():
            old = merged.get(key)
            if isinstance(value, list) and isinstance(old, list):
                merged[key] = old + [v for v in value if v not in old]
            elif key not in merged:
                merged[key] = list(dict.fromkeys(value)) if isinstance(value, list) else value
    return merged


def _dumps(props: Mapping[str, Any]) -> str:
    # Sorted keys and no whitespace: the same statement is the same string, and small.
    return json.dumps(props, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def plan_probe(doc_id: str, graph: GraphDocument) -> ReadPlan | None:
    """A cheap read before the write: the current properties of the nodes `graph` states and this
    document's earlier statement of each (settled_nodes decides from them which nodes need the
    other documents' statements at all). None when the graph states no node but its Document."""
    parts: list[str] = []
    params: dict[str, Any] = {"doc": doc_id}
    for label, ids in _ids_by_label(graph).items():
        param = f"ids_{label}"
        params[param] = ids
        parts.append(_fill(load_query("statements_probe"), LABEL=label, ROWS=param))
    return ReadPlan(query="\nUNION ALL\n".join(parts), params=params) if parts else None


def _ids_by_label(
    graph: GraphDocument | None, skip: set[str] | frozenset[str] = frozenset()
) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = defaultdict(list)
    for node in graph.nodes if graph else ():
        if node.label != Label.Document and node.id not in skip:
            ids[node.label].append(node.id)
    return {label: ids[label] for label in ONTOLOGY.node_types if ids.get(label)}  # ontology order


def _supported(doc_id: str, graph: GraphDocument) -> set[str]:
    """The nodes `graph` traces to its document: the only ones it states."""
    return {r.start for r in graph.relationships if r.type == EXTRACTED_FROM and r.end == doc_id}


def _contained(stated: Mapping[str, Any], current: Mapping[str, Any]) -> bool:
    """True when a statement adds nothing to a node's merged properties, wherever its document falls
    in the order of documents: each scalar is the merged value, each list the merged list."""
    return all(key in current and current[key] == value for key, value in stated.items())


def settled_nodes(doc_id: str, graph: GraphDocument, rows: Iterable[Mapping[str, Any]]) -> set[str]:
    """The nodes of `graph` (from plan_probe rows) whose merged properties this write leaves as they
    are, so that neither the other documents' statements of them are read nor the nodes set:

    - the document states the node as it did before (or neither states it now nor did before);
    - or states it for the first time, and the statement is contained in what the node holds: a
      designation that a thousand documents name alike costs its thousand-and-first nothing.

    Every write sets a node to the merge of all its statements (merge_statements), so its current
    properties are that merge, and merging in a statement they contain changes nothing (_contained)."""
    supported = _supported(doc_id, graph)
    stated_now = {n.id: dict(n.properties) for n in graph.nodes if n.id in supported}
    out = set()
    for row in rows:
        node_id, current = row["id"], row["current"] or {}
        now = stated_now.get(node_id)
        if row["traced"]:
            if row["mine"] is None:  # written before statements were kept: read everything
                continue
            if json.loads(row["mine"]) == now:
                out.add(node_id)
        elif now is None or _contained(now, current):
            out.add(node_id)
    return out


def plan_statements_read(
    doc_id: str,
    graph: GraphDocument | None = None,
    settled: set[str] | frozenset[str] = frozenset(),
    existing: set[str] | None = None,
) -> ReadPlan:
    """One read: what other documents state about the nodes `doc_id` stated before, and about the
    nodes `graph` states now, but for the `settled` ones (see settled_nodes) and, when `existing` is
    given, the ones not in the graph yet (nobody else states them). Each part looks nodes up by an
    indexed id, so the cost follows the document's own nodes and what others state of them."""
    parts = [load_query("statements_of_document")]
    params: dict[str, Any] = {"doc": doc_id, "settled": sorted(settled)}
    for label, ids in _ids_by_label(graph, set(settled)).items():
        if existing is not None:
            ids = [i for i in ids if i in existing]
        if ids:
            param = f"ids_{label}"
            params[param] = ids
            parts.append(_fill(load_query("statements_of_nodes"), LABEL=label, ROWS=param))
    return ReadPlan(query="\nUNION ALL\n".join(parts), params=params)


def statements_from_rows(rows: Iterable[Mapping[str, Any]]) -> Statements:
    """The rows of a plan_statements_read query as Statements. A statement several documents make
    is kept once, under the first of them: merge_statements takes nothing more from a statement it
    has seen already, so the merge is the same, and a node that a thousand documents state identically
    costs one statement. An EXTRACTED_FROM written before statements were kept has none: the node's
    current properties stand in for it."""
    out = Statements()
    for row in rows:
        if row["first"] is None:  # a node the document traced to itself
            out.traced[row["id"]] = row["label"]
            continue
        out.labels[row["id"]] = row["label"]
        stated = out.by_node.setdefault(row["id"], {})
        if row["stated"] is not None:
            stated[row["first"]] = json.loads(row["stated"])
            continue
        props = {k: v for k, v in (row["current"] or {}).items() if k != "id"}
        for doc in row["legacy"]:
            # Recorded by this write, so that the next one does not take this write's merge for it.
            out.missing.append({"id": row["id"], "doc": doc, "stated": _dumps(props)})
            stated[doc] = props
    return out


def _node_statements(
    doc_id: str,
    graph: GraphDocument | None,
    others: Statements,
    settled: set[str] | frozenset[str] = frozenset(),
) -> dict[str, list[dict[str, Any]]]:
    """label -> rows of every node whose properties this write sets: the nodes `graph` states, and
    the nodes other documents still state (the document may no longer state them, or be deleted),
    but for the `settled` ones, whose merge the write leaves as it is."""
    mine: dict[str, Node] = {}
    for node in graph.nodes if graph else ():
        if node.id not in settled:
            mine[node.id] = node
    supported = _supported(doc_id, graph) if graph else set()
    labels = {**others.labels, **{node_id: node.label for node_id, node in mine.items()}}
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node_id in sorted(labels):
        stated = dict(others.by_node.get(node_id, {}))
        node = mine.get(node_id)
        # Only a node the document traces to itself is stated by it; its own Document node is its alone.
        if node is not None and (node_id in supported or node.label == Label.Document or not stated):
            stated[doc_id] = dict(node.properties)
        by_label[labels[node_id]].append(
            {"id": node_id, "props": {**merge_statements(stated), "id": node_id}}
        )
    return by_label


def _write_nodes(plan: WritePlan, by_label: Mapping[str, list[dict[str, Any]]], others: Statements) -> None:
    if others.missing:
        plan.params["backfill"] = others.missing
        plan.statements.append(load_query("backfill_statements"))
    for label in ONTOLOGY.node_types:  # ontology order: stable query text
        if rows := by_label.get(label):
            param = f"nodes_{label}"
            plan.params[param] = rows
            plan.statements.append(_fill(load_query("write_nodes"), LABEL=label, ROWS=param))


def _delete_facts(plan: WritePlan) -> None:
    for rel_type in ONTOLOGY.relationship_types:  # one indexed lookup per type
        plan.statements.append(_fill(load_query("delete_document_facts"), TYPE=rel_type))


def _delete_orphans(plan: WritePlan, doc_id: str, graph: GraphDocument | None, others: Statements) -> None:
    """Drop the nodes no document supports any more, looking only at those this document touched
    and could have left without support: not the ones it traces to itself now (the write creates
    their EXTRACTED_FROM), nor the ones another document states (the write keeps that document's
    EXTRACTED_FROM). A fresh document's write then looks at almost no node."""
    supported = (_supported(doc_id, graph) if graph else set()) | others.labels.keys()
    touched: dict[str, set[str]] = defaultdict(set)
    for node_id, label in others.traced.items():
        if node_id not in supported:
            touched[label].add(node_id)
    for node in graph.nodes if graph else ():
        if node.label != Label.Document and node.id not in supported:
            touched[node.label].add(node.id)
    for label in ONTOLOGY.node_types:
        if label != Label.Document and (ids := touched.get(label)):
            param = f"orphans_{label}"
            plan.params[param] = sorted(ids)
            plan.statements.append(_fill(load_query("delete_orphans"), LABEL=label, ROWS=param))


def plan_document_write(
    doc_id: str,
    graph: GraphDocument,
    others: Statements | None = None,
    settled: set[str] | frozenset[str] = frozenset(),
) -> WritePlan:
    """Delete what `doc_id` stated before, write what it states now, drop unsupported nodes.
    `others` is what the other documents state (plan_statements_read): every node written is set to
    the merge of all statements, and nodes this document no longer states are set to the others'."""
    others = others or Statements()
    plan = WritePlan(params={"doc": doc_id})
    _delete_facts(plan)

    label_of = {node.id: node.label for node in graph.nodes}
    nodes = {node.id: node for node in graph.nodes}
    _write_nodes(plan, _node_statements(doc_id, graph, others, settled), others)

    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for rel in graph.relationships:
        if rel.doc != doc_id:
            raise ValueError(f"{rel.type} {rel.start}->{rel.end} has doc {rel.doc!r}, expected {doc_id!r}")
        # No `doc` in the row: it is $doc for every relationship of the write.
        props = {k: v for k, v in rel.properties.items() if k != "doc"}
        if rel.type == EXTRACTED_FROM:
            props[STATED] = _dumps(nodes[rel.start].properties)
        groups[(rel.type, label_of[rel.start], label_of[rel.end])].append(
            {"start": rel.start, "end": rel.end, "props": props}
        )
    for index, ((rel_type, start, end), rows) in enumerate(sorted(groups.items())):
        rows = _one_per_identity(rel_type, rows)
        param = f"rels_{index}"
        plan.params[param] = rows
        names = _created_properties(rel_type, rows)
        plan.statements.append(
            _fill(
                load_query("write_relationships" if names is not None else "write_relationships_set"),
                TYPE=rel_type,
                START=start,
                END=end,
                ROWS=param,
                KEY=merge_key(rel_type),
                PROPS="".join(f", {name}: row.props.{name}" for name in names or ()),
            )
        )
    _delete_orphans(plan, doc_id, graph, others)
    return plan


def plan_document_delete(doc_id: str, others: Statements | None = None) -> WritePlan:
    """Remove the document and what only it supported; nodes it shared are set to what the other
    documents state (`others`, from plan_statements_read), so none of its values stay behind."""
    plan = WritePlan(params={"doc": doc_id})
    _delete_facts(plan)
    others = others or Statements()
    _write_nodes(plan, _node_statements(doc_id, None, others), others)
    _delete_orphans(plan, doc_id, None, others)
    plan.statements.append(load_query("delete_document"))
    return plan
