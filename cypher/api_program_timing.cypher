// When each program is open and in force (api/graphql/timing.py): its application window, its own
// validity, and the validity of the policies it rests on (which hold when it states none itself).
MATCH (p:Program)
OPTIONAL MATCH (p)-[:BASED_ON]->(pol:Policy)
WITH p, collect(pol.validFrom) AS basisFrom, collect(pol.validUntil) AS basisUntil
RETURN p.id AS id, p.opensOn AS opensOn, p.closesOn AS closesOn, p.recurring AS recurring,
       p.validFrom AS validFrom, p.validUntil AS validUntil, basisFrom, basisUntil
