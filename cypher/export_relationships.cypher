MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties
ORDER BY type, start, end, r.doc
