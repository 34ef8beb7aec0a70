// What documents other than $doc state about a batch of one label's nodes, as statements_of_document;
// __LABEL__ and __ROWS__ are filled from the schema enums only.
UNWIND $__ROWS__ AS id
MATCH (n:__LABEL__ {id: id})-[r:EXTRACTED_FROM]->(:Document)
WHERE r.doc <> $doc
RETURN n.id AS id, labels(n)[0] AS label, r.doc AS doc, r.statedProperties AS stated,
       CASE WHEN r.statedProperties IS NULL THEN properties(n) END AS current
