// Record the statement of an EXTRACTED_FROM written before statements were kept (graph/writer.py):
// the node's properties as the first write after the upgrade found them, before it merges anything.
UNWIND $backfill AS row
MATCH (:Document {id: row.doc})<-[r:EXTRACTED_FROM]-(n {id: row.id})
SET r.statedProperties = row.stated
