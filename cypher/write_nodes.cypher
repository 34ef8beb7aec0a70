// Upsert one label's nodes. __LABEL__ and __ROWS__ are filled from the schema enums only.
UNWIND $__ROWS__ AS row
MERGE (n:__LABEL__ {id: row.id})
SET n += row.props
