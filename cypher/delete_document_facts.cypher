// Every relationship a document stated; its nodes go with delete_orphans if nothing else holds them.
MATCH ()-[r]->()
WHERE r.doc = $doc
DELETE r
