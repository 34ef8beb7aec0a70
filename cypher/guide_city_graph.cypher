// The programs of one city as a graph, with their departments and what they require.
MATCH (city:Region {name: $city})
MATCH placed = (p:Program)-[:IN_REGION]->(:Region)-[:PART_OF*0..3]->(city)
OPTIONAL MATCH around = (p)-[:ADMINISTERED_BY|REQUIRES|OFFERS]->()
RETURN placed, around
