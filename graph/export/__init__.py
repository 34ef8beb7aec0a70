"""Files that carry the graph to a Neo4j the CLI cannot reach: a Cypher script and neo4j-admin CSVs."""

from graph.export.cypher_script import cypher_script, split_statements
from graph.export.neo4j_admin import write_neo4j_admin

__all__ = ["cypher_script", "split_statements", "write_neo4j_admin"]
