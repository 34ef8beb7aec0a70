// What the other documents state about the nodes document $doc traced to itself (graph/writer.py):
// each statement is the JSON on that document's EXTRACTED_FROM, once per distinct statement with
// the documents that make it (the merge needs only the first of them); `current` stands in for a
// statement a store written before statements were kept does not have.
MATCH (:Document {id: $doc})<-[:EXTRACTED_FROM]-(n)-[r:EXTRACTED_FROM]->(:Document)
WHERE r.doc <> $doc
WITH n, r.statedProperties AS stated, collect(r.doc) AS docs
RETURN n.id AS id, labels(n)[0] AS label, docs, stated,
       CASE WHEN stated IS NULL THEN properties(n) END AS current
UNION ALL
// Every node $doc traced to itself, whoever else states it: the only nodes its write can orphan.
MATCH (:Document {id: $doc})<-[:EXTRACTED_FROM]-(n)
RETURN n.id AS id, labels(n)[0] AS label, [] AS docs, null AS stated, null AS current
