// Benchmark baseline: acceptance question 4 as raw Cypher (a program's contacts by its name).
MATCH (p:Program {name: $program})-[c:HAS_CONTACT]->(o:ContactOffice)
RETURN o.name AS office, c.phone AS phone, c.evidence AS evidence, c.doc AS doc
