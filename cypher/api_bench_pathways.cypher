// Benchmark baseline: acceptance question 3 as raw Cypher (one- and two-program chains from a held
// designation to a benefit of at least $min 万元, with the evidence of each fact).
MATCH (s:Designation {name: $designation, level: $level})-[:IMPLIES*0..3]->(:Designation)<-[r1:REQUIRES]-(p1:Program)
OPTIONAL MATCH (p1)-[o1:OFFERS]->(b1:Benefit) WHERE b1.amountMaxWan >= $min
OPTIONAL MATCH (p1)-[g:GRANTS]->(:Designation)-[:IMPLIES*0..3]->(:Designation)<-[r2:REQUIRES]-(p2:Program)-[o2:OFFERS]->(b2:Benefit)
WHERE b2.amountMaxWan >= $min AND p2 <> p1
RETURN p1.name AS first, r1.evidence AS requires1, b1.amountMaxWan AS amount1, o1.evidence AS offer1,
       g.evidence AS grants, p2.name AS second, r2.evidence AS requires2, b2.amountMaxWan AS amount2, o2.evidence AS offer2
LIMIT 50
