"""The policykg ontology: node labels, relationship types and the graph interchange type.

This package imports nothing else of policykg; everything else imports it.
"""

from schema.graph import GraphDocument, Node, Relationship
from schema.ids import make_id
from schema.ontology import ONTOLOGY, BenefitType, Label, Level, Ontology, RelType

__all__ = [
    "ONTOLOGY",
    "BenefitType",
    "GraphDocument",
    "Label",
    "Level",
    "Node",
    "Ontology",
    "RelType",
    "Relationship",
    "make_id",
]
