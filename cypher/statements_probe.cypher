// Before a document's write, cheaply (index lookups, and the edge between two known nodes): the
// current properties of a batch of one label's nodes the document states, and the statement the
// document made of each before, if any (graph/writer.py: settled_nodes).
// __LABEL__ and __ROWS__ are filled from the schema enums only.
OPTIONAL MATCH (d:Document {id: $doc})
WITH d
UNWIND $__ROWS__ AS id
MATCH (n:__LABEL__ {id: id})
OPTIONAL MATCH (n)-[r:EXTRACTED_FROM]->(d)
RETURN n.id AS id, properties(n) AS current, r IS NOT NULL AS traced, r.statedProperties AS mine
