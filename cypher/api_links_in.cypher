// Incoming relationships of one type to a batch of nodes, for the per-request link DataLoader.
// __START__, __TYPE__ and __END__ come from the ontology enums; the batch holds __END__ nodes.
UNWIND $ids AS id
MATCH (b:__END__ {id: id})<-[r:__TYPE__]-(a:__START__)
RETURN id AS key, properties(r) AS rel, properties(a) AS node
