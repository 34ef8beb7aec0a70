// Benchmark baseline: acceptance question 1 as one raw Cypher query (eligible programs for one held
// designation in a region, with benefits and contacts). scripts/bench_api.py compares the API to it.
MATCH (r:Region) WHERE r.name IN $regions
OPTIONAL MATCH (r)-[:PART_OF*0..5]->(a:Region)
WITH collect(DISTINCT a.id) AS scope
MATCH (h:Designation {name: $designation, level: $level})
OPTIONAL MATCH (h)-[:IMPLIES*0..5]->(c:Designation)
WITH scope, collect(DISTINCT c.id) AS held
MATCH (p:Program)-[:REQUIRES]->(:Designation)
WITH DISTINCT p, scope, held
OPTIONAL MATCH (p)-[:IN_REGION]->(pr:Region)
WITH p, scope, held, collect(pr.id) AS regs
WHERE size(regs) = 0 OR any(x IN regs WHERE x IN scope)
MATCH (p)-[q:REQUIRES]->(d:Designation)
WITH p, held, collect(DISTINCT q.evidence) AS sentences, collect(DISTINCT CASE WHEN d.id IN held THEN q.evidence END) AS metSentences
WHERE size(sentences) = size(metSentences)
OPTIONAL MATCH (p)-[o:OFFERS]->(b:Benefit)
OPTIONAL MATCH (p)-[c:HAS_CONTACT]->(x:ContactOffice)
RETURN p.name AS program, collect(DISTINCT [b.text, o.evidence]) AS benefits,
       collect(DISTINCT [x.name, c.phone, c.evidence]) AS contacts
