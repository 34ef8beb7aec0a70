// The same as a table: each program, whether it requires or prefers, and through which designation
// (DISTINCT: several IMPLIES paths can reach one designation).
MATCH (held:Designation {name: $designation, level: $level})
MATCH (held)-[:IMPLIES*0..4]->(satisfied:Designation)<-[r:REQUIRES|PREFERS]-(p:Program)
RETURN DISTINCT p.name AS program, type(r) AS relation, satisfied.name AS designation, satisfied.level AS level,
       r.evidence AS evidence
ORDER BY relation DESC, program
