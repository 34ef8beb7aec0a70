"""GraphQL enums generated from the ontology, so a level or benefit type exists here only if
`schema/ontology.yaml` has it."""

from __future__ import annotations

import strawberry

from schema.ontology import BenefitType as OntologyBenefitType
from schema.ontology import Level as OntologyLevel

Level = strawberry.enum(
    OntologyLevel,
    name="Level",
    description="Administrative level; national > provincial > municipal > district.",
)
BenefitType = strawberry.enum(OntologyBenefitType, name="BenefitType", description="What a benefit gives.")


def level_or_none(value: object) -> OntologyLevel | None:
    """A stored level string as the enum; unknown or missing values read as None."""
    try:
        return OntologyLevel(value) if value else None
    except ValueError:
        return None


def benefit_type_or_none(value: object) -> OntologyBenefitType | None:
    try:
        return OntologyBenefitType(value) if value else None
    except ValueError:
        return None
