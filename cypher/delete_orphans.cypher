// Of one label's nodes the document touched (__ROWS__: the ones it traced to itself before, and the
// ones it states now), those no document supports any more. Only these can have lost their last
// support, so no other node is looked at. __LABEL__ and __ROWS__ are filled from the schema only.
UNWIND $__ROWS__ AS id
MATCH (n:__LABEL__ {id: id})
WHERE NOT (n)-[:EXTRACTED_FROM]->()
DETACH DELETE n
