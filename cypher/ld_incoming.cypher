// The relationships that point at an entity; a Document is pointed at by everything it supports,
// hence the limit. __LABEL__ is filled from the ontology's labels only.
MATCH (n:__LABEL__ {id: $id})<-[r]-(m)
RETURN type(r) AS type, m.id AS other, labels(m)[0] AS label, coalesce(m.name, m.title, m.text) AS caption,
       properties(r) AS properties
ORDER BY type, caption, other
LIMIT $limit
