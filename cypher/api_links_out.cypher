// Outgoing relationships of one type from a batch of nodes, for the per-request link DataLoader.
// __START__, __TYPE__ and __END__ come from the ontology enums.
UNWIND $ids AS id
MATCH (a:__START__ {id: id})-[r:__TYPE__]->(b:__END__)
RETURN id AS key, properties(r) AS rel, properties(b) AS node
