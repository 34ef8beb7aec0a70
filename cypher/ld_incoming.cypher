// The relationships that point at an entity; a Document is pointed at by everything it supports,
// hence the limit. The properties come as [key, value] pairs without the store's bookkeeping
// (statedProperties, graph/writer.py STATED), which a map cannot leave out in
// Cypher (api/linked_data.py makes a dict of them). __LABEL__ is filled from the ontology's labels only.
MATCH (n:__LABEL__ {id: $id})<-[r]-(m)
RETURN type(r) AS type, m.id AS other, labels(m)[0] AS label, coalesce(m.name, m.title, m.text) AS caption,
       [k IN keys(r) WHERE k <> 'statedProperties' | [k, r[k]]] AS properties
ORDER BY type, caption, other
LIMIT $limit
