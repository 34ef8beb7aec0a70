// Upsert one label's nodes. __LABEL__ and __ROWS__ are filled from the schema enums only.
// `=`, not `+=`: a row holds all of a node's properties (graph/writer.py merges what every document
// states), so a value no document states any more goes.
UNWIND $__ROWS__ AS row
MERGE (n:__LABEL__ {id: row.id})
SET n = row.props
