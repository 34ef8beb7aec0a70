"""The one place that knows how FalkorDB's Cypher differs from Neo4j's.

Everything else writes plain parameterised Cypher; only what the two disagree on lives here:
schema statements (indexes, constraints), how a document's write is made atomic, and the
placement of shortestPath.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from schema.ontology import ONTOLOGY, Label

# Properties that queries look nodes up by, besides the id.
LOOKUP_PROPERTIES: dict[str, tuple[str, ...]] = {
    Label.Designation: ("name",),
    Label.Department: ("name",),
    Label.Program: ("name",),
    Label.Policy: ("docNumber",),
    Label.Region: ("name",),
    Label.Document: ("name",),
}


@dataclass(frozen=True)
class SchemaItem:
    """One index or unique-id constraint of the ontology, with the statement that creates it."""

    kind: Literal["index", "constraint"]
    label: str
    prop: str
    # Cypher, except a FalkorDB constraint: the arguments of GRAPH.CONSTRAINT CREATE after the graph.
    statement: str


# What FalkorDB has already, so that only missing items are created: a repeated CREATE fails, but the
# failed GRAPH.CONSTRAINT still lands in the append-only file and every replay logs it as CRITICAL.
FALKORDB_INDEXES = "CALL db.indexes() YIELD label, types RETURN label, types"
FALKORDB_CONSTRAINTS = (
    "CALL db.constraints() YIELD type, label, properties, entitytype "
    "RETURN type, label, properties, entitytype"
)


@dataclass(frozen=True)
class Dialect:
    name: str

    def schema_items(self) -> list[SchemaItem]:
        """The ontology's indexes and unique ids, in the order they must be created."""
        out: list[SchemaItem] = []
        for label in ONTOLOGY.node_types:
            if self.name == "neo4j":
                out.append(
                    SchemaItem(
                        "constraint",
                        label,
                        "id",
                        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE",
                    )
                )
                for prop in LOOKUP_PROPERTIES.get(label, ()):
                    out.append(
                        SchemaItem(
                            "index",
                            label,
                            prop,
                            f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})",
                        )
                    )
            else:
                # FalkorDB: a unique constraint needs an exact-match index first, and is not Cypher.
                out.append(SchemaItem("index", label, "id", f"CREATE INDEX FOR (n:{label}) ON (n.id)"))
                out.append(SchemaItem("constraint", label, "id", f"UNIQUE NODE {label} PROPERTIES 1 id"))
                for prop in LOOKUP_PROPERTIES.get(label, ()):
                    out.append(
                        SchemaItem("index", label, prop, f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
                    )
        # Every relationship carries the document that stated it: rewriting a document finds its
        # facts through these, so the cost follows the document, not the graph (delete_facts.cypher).
        for rel_type in ONTOLOGY.relationship_types:
            if self.name == "neo4j":
                statement = (
                    f"CREATE INDEX {rel_type.lower()}_doc IF NOT EXISTS FOR ()-[r:{rel_type}]-() ON (r.doc)"
                )
            else:
                statement = f"CREATE INDEX FOR ()-[r:{rel_type}]-() ON (r.doc)"
            out.append(SchemaItem("index", rel_type, "doc", statement))
        return out

    def schema_statements(self) -> list[tuple[str, str]]:
        """(kind, statement) pairs that create the ontology's indexes and unique ids; kind is "cypher",
        or "constraint" for FalkorDB's GRAPH.CONSTRAINT arguments."""
        return [
            (
                "constraint" if self.name == "falkordb" and item.kind == "constraint" else "cypher",
                item.statement,
            )
            for item in self.schema_items()
        ]

    @property
    def atomic_by_single_query(self) -> bool:
        """FalkorDB has no multi-statement transactions: one GRAPH.QUERY is the unit of atomicity."""
        return self.name == "falkordb"


FALKORDB = Dialect("falkordb")
NEO4J = Dialect("neo4j")


def join_statements(statements: list[str]) -> str:
    """Chain write statements into one query; `count(*)` always yields a row, so an empty UNWIND
    in one part does not end the parts after it."""
    return "\nWITH count(*) AS _\n".join(statements)
