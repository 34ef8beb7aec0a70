// Every designation with the ones it IMPLIES: small enough to reason over in Python.
MATCH (d:Designation)
OPTIONAL MATCH (d)-[:IMPLIES]->(e:Designation)
RETURN d.id AS id, d.name AS name, d.level AS level, d.aliases AS aliases, collect(DISTINCT e.id) AS implies
