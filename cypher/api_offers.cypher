// Every benefit a program offers, with the provenance of the offer.
MATCH (p:Program)-[r:OFFERS]->(b:Benefit)
RETURN p.id AS program, properties(b) AS benefit, properties(r) AS rel
