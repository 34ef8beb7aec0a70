// The relationships an entity states, with the caption of what each points at (the ontology's
// captions are name, title or text). __LABEL__ is filled from the ontology's labels only.
MATCH (n:__LABEL__ {id: $id})-[r]->(m)
RETURN type(r) AS type, m.id AS other, labels(m)[0] AS label, coalesce(m.name, m.title, m.text) AS caption,
       properties(r) AS properties
ORDER BY type, caption, other
LIMIT $limit
