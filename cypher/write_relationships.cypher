// Create one (start label, type, end label) group of a document's relationships. The write deleted
// every relationship of the document first (delete_document_facts) and the writer gives each
// relationship once, so CREATE stands for MERGE without a look at the edges other documents stated
// between the same two nodes (thousands, for a designation shared by a province's corpus). The
// document id is part of a relationship's identity, so the same fact stated by two documents keeps
// both provenances. __KEY__ adds the type's key properties (schema: relationship_types.*.key),
// e.g. `, phone: coalesce(row.props.phone, '')`; __PROPS__ the group's other properties, names the
// ontology declares only (graph/writer.py: _created_properties), e.g. `, evidence: row.props.evidence`.
// CREATE skips a null, so a row without one of them gets none, and sets them in the same record
// (a SET after it costs a fifth of the group's write more).
UNWIND $__ROWS__ AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
CREATE (a)-[r:__TYPE__ {doc: $doc__KEY____PROPS__}]->(b)
