// What holding $designation at $level unlocks: the designations it satisfies through IMPLIES, and the
// programs that require or prefer any of them.
MATCH (held:Designation {name: $designation, level: $level})
MATCH unlocked = (held)-[:IMPLIES*0..4]->(:Designation)<-[:REQUIRES|PREFERS]-(:Program)
RETURN unlocked
