// What the other documents state about the nodes document $doc traced to itself (graph/writer.py):
// each statement is the JSON on that document's EXTRACTED_FROM, once per distinct statement with
// the first document (by id) that makes it, which is all the merge needs of it; `legacy` and
// `current` stand in for statements a store written before statements were kept does not have.
// Nodes whose merge this write leaves as it is ($settled, see settled_nodes) are not read.
MATCH (:Document {id: $doc})<-[:EXTRACTED_FROM]-(n)-[r:EXTRACTED_FROM]->(:Document)
WHERE r.doc <> $doc AND NOT n.id IN $settled
WITH n, r.statedProperties AS stated, min(r.doc) AS first,
     collect(CASE WHEN r.statedProperties IS NULL THEN r.doc END) AS legacy
RETURN n.id AS id, labels(n)[0] AS label, first, stated, legacy,
       CASE WHEN stated IS NULL THEN properties(n) END AS current
UNION ALL
// Every node $doc traced to itself, whoever else states it: the only nodes its write can orphan.
MATCH (:Document {id: $doc})<-[:EXTRACTED_FROM]-(n)
RETURN n.id AS id, labels(n)[0] AS label, null AS first, null AS stated, [] AS legacy, null AS current
