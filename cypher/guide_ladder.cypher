// The 专精特新 ladder: every designation named like $ladder, the rungs below it (IMPLIES: holding the
// upper one satisfies the lower one), and the programs that grant each rung.
MATCH (top:Designation)
WHERE top.name CONTAINS $ladder
MATCH rung = (top)-[:IMPLIES*0..4]->(lower:Designation)
OPTIONAL MATCH granted = (:Program)-[:GRANTS]->(lower)
RETURN rung, granted
