// Benchmark baseline: acceptance question 2 as raw Cypher (programs a designation unlocks).
MATCH (d:Designation {name: $designation, level: $level})-[:IMPLIES*0..5]->(x:Designation)<-[r:REQUIRES]-(p:Program)
RETURN p.name AS program, x.name AS required, r.evidence AS evidence, r.span AS span, r.doc AS doc
