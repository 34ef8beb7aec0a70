// Why the graph says so: every fact about one program, with the sentence it came from and where.
MATCH (p:Program {name: $program})-[r]->(other)
WHERE type(r) <> 'EXTRACTED_FROM'
RETURN type(r) AS relation, coalesce(other.name, other.title, other.text) AS other, r.evidence AS evidence,
       r.doc AS document, r.span AS span
ORDER BY relation, other
