// Upsert one (start label, type, end label) group; the document id is part of the identity,
// so the same fact stated by two documents keeps both provenances. __KEY__ adds the type's key
// properties (schema: relationship_types.*.key), e.g. `, phone: row.props.phone`.
UNWIND $__ROWS__ AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
MERGE (a)-[r:__TYPE__ {doc: row.doc__KEY__}]->(b)
SET r += row.props
