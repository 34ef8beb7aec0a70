// write_relationships, for a group whose properties CREATE cannot name (graph/writer.py:
// _created_properties): a name the ontology does not declare, or rows that order them differently.
// __TYPE__, __START__, __END__, __ROWS__ and __KEY__ as there.
UNWIND $__ROWS__ AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
CREATE (a)-[r:__TYPE__ {doc: $doc__KEY__}]->(b)
SET r += row.props
