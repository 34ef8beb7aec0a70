MATCH (d:Document {id: $doc})
DETACH DELETE d
