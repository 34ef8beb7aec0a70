// One entity for /id/{type}/{id}; __LABEL__ is filled from the ontology's labels only.
MATCH (n:__LABEL__ {id: $id})
RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS properties
