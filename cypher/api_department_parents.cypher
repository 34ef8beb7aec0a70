// Every department with its name and the departments it is PART_OF (each once, however many
// documents state the edge), for the programs' department filter.
MATCH (d:Department)
OPTIONAL MATCH (d)-[:PART_OF]->(parent:Department)
RETURN d.id AS id, d.name AS name, collect(DISTINCT parent.id) AS parents
