// The programs of one city: programs placed in the city or in a district of it, with what they offer.
MATCH (city:Region {name: $city})
MATCH (p:Program)-[:IN_REGION]->(place:Region)-[:PART_OF*0..3]->(city)
OPTIONAL MATCH (p)-[:OFFERS]->(b:Benefit)
RETURN p.name AS program, p.kind AS kind, place.name AS region, collect(b.text) AS benefits
ORDER BY program
