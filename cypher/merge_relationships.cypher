// Upsert one (start label, type, end label) group of relationships, for the exported Cypher script,
// which must change nothing when run twice (graph/export/cypher_script.py; the stores' own writes use
// write_relationships). The document id is part of the identity, so the same fact stated by two
// documents keeps both provenances. __KEY__ adds the type's key properties (schema:
// relationship_types.*.key), e.g. `, phone: coalesce(row.props.phone, '')`.
UNWIND $__ROWS__ AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
MERGE (a)-[r:__TYPE__ {doc: row.doc__KEY__}]->(b)
SET r += row.props
