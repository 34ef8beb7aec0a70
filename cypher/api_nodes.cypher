// Nodes of one label by id, for the per-request node DataLoader. __LABEL__ comes from the ontology enums.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id, properties(n) AS props
