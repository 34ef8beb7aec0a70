// Every relationship of one type a document stated, found through the type's index on `doc` (so the
// cost follows the document, not the graph); its nodes go with delete_orphans if nothing else holds
// them. __TYPE__ is filled from the ontology's relationship types only.
MATCH ()-[r:__TYPE__]->()
WHERE r.doc = $doc
DELETE r
