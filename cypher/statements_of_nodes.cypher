// What documents other than $doc state about a batch of one label's nodes, as statements_of_document;
// __LABEL__ and __ROWS__ are filled from the schema enums only.
UNWIND $__ROWS__ AS id
MATCH (n:__LABEL__ {id: id})-[r:EXTRACTED_FROM]->(:Document)
WHERE r.doc <> $doc
WITH n, r.statedProperties AS stated, min(r.doc) AS first,
     collect(CASE WHEN r.statedProperties IS NULL THEN r.doc END) AS legacy
RETURN n.id AS id, labels(n)[0] AS label, first, stated, legacy,
       CASE WHEN stated IS NULL THEN properties(n) END AS current
