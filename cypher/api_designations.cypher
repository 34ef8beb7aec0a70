// Every designation with the ones it IMPLIES (and each IMPLIES fact's provenance): small enough to
// reason over in Python.
MATCH (d:Designation)
OPTIONAL MATCH (d)-[i:IMPLIES]->(e:Designation)
RETURN d.id AS id, d.name AS name, d.level AS level, d.aliases AS aliases,
       collect([e.id, i.doc, i.evidence, i.span]) AS implies
