"""One module per GraphQL type; scalar fields come from `schema/ontology.yaml` (see base.py)."""
