// Upsert one (start label, type, end label) group; the document id is part of the identity,
// so the same fact stated by two documents keeps both provenances.
UNWIND $__ROWS__ AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
MERGE (a)-[r:__TYPE__ {doc: row.doc}]->(b)
SET r += row.props
