// One source document by id, for the document view (/documents/{id}).
MATCH (d:Document {id: $id})
RETURN properties(d) AS props
LIMIT 1
