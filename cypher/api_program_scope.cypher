// Each program with what region and departments filters need: its own regions, the regions of the
// documents it came from (used when it names none), and the names of the departments (and their
// parents) that administer it.
MATCH (p:Program)
OPTIONAL MATCH (p)-[:IN_REGION]->(r:Region)
WITH p, collect(DISTINCT r.id) AS regions
OPTIONAL MATCH (p)-[:EXTRACTED_FROM]->(:Document)-[:IN_REGION]->(dr:Region)
WITH p, regions, collect(DISTINCT dr.id) AS docRegions
OPTIONAL MATCH (p)-[:ADMINISTERED_BY]->(:Department)-[:PART_OF*0..3]->(d:Department)
RETURN p.id AS id, p.name AS name, p.level AS level, p.kind AS kind, p.summary AS summary,
       regions, docRegions, collect(DISTINCT d.name) AS departments
