// Every program-to-designation condition (requires, prefers, excludes, grants) with its provenance.
MATCH (p:Program)-[r:REQUIRES|PREFERS|EXCLUDES|GRANTS]->(d:Designation)
RETURN p.id AS program, type(r) AS type, d.id AS designation, properties(r) AS rel
