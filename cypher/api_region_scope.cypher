// The regions named, with every region they lie in (a city lies in its province and the nation),
// plus the national regions, which contain every place.
OPTIONAL MATCH (r:Region)
WHERE r.name IN $names
OPTIONAL MATCH (r)-[:PART_OF*1..5]->(a:Region)
WITH collect(DISTINCT r) AS named, collect(DISTINCT a.id) AS above
OPTIONAL MATCH (n:Region {level: 'national'})
RETURN [x IN named | properties(x)] AS named, above, collect(DISTINCT n.id) AS national
