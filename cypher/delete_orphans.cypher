// Nodes no document supports any more.
MATCH (n)
WHERE NOT n:Document AND NOT (n)-[:EXTRACTED_FROM]->()
DETACH DELETE n
