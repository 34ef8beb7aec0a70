// What the other documents state about the nodes document $doc traced to itself (graph/writer.py):
// each statement is the JSON on that document's EXTRACTED_FROM; `current` stands in for a statement
// a store written before statements were kept does not have.
MATCH (:Document {id: $doc})<-[:EXTRACTED_FROM]-(n)-[r:EXTRACTED_FROM]->(:Document)
WHERE r.doc <> $doc
RETURN n.id AS id, labels(n)[0] AS label, r.doc AS doc, r.statedProperties AS stated,
       CASE WHEN r.statedProperties IS NULL THEN properties(n) END AS current
