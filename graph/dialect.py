"""The one place that knows how FalkorDB's Cypher differs from Neo4j's.

Everything else writes plain parameterised Cypher; only what the two disagree on lives here:
schema statements (indexes, constraints), how a document's write is made atomic, and the
placement of shortestPath.
"""

from __future__ import annotations

from dataclasses import dataclass

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
class Dialect:
    name: str

    def schema_statements(self) -> list[tuple[str, str]]:
        """(kind, statement) pairs that create the ontology's indexes and unique ids."""
        out: list[tuple[str, str]] = []
        for label in ONTOLOGY.node_types:
            if self.name == "neo4j":
                out.append(
                    (
                        "cypher",
                        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE",
                    )
                )
                for prop in LOOKUP_PROPERTIES.get(label, ()):
                    out.append(
                        (
                            "cypher",
                            f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})",
                        )
                    )
            else:
                # FalkorDB: a unique constraint needs an exact-match index first, and is not Cypher.
                out.append(("cypher", f"CREATE INDEX FOR (n:{label}) ON (n.id)"))
                out.append(("constraint", f"UNIQUE NODE {label} PROPERTIES 1 id"))
                for prop in LOOKUP_PROPERTIES.get(label, ()):
                    out.append(("cypher", f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"))
        return out

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
