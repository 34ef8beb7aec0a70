// Each program with what region and departments filters need: its own regions, the regions of the
// documents it came from (used when it names none), and the departments that administer it (their
// parents come from api_department_parents: a variable-length PART_OF here would walk every
// document's copy of each edge, a million paths at ×100 of the seeds).
MATCH (p:Program)
OPTIONAL MATCH (p)-[:IN_REGION]->(r:Region)
WITH p, collect(DISTINCT r.id) AS regions
OPTIONAL MATCH (p)-[:EXTRACTED_FROM]->(:Document)-[:IN_REGION]->(dr:Region)
WITH p, regions, collect(DISTINCT dr.id) AS docRegions
OPTIONAL MATCH (p)-[:ADMINISTERED_BY]->(d:Department)
RETURN p.id AS id, p.name AS name, p.level AS level, p.kind AS kind, p.summary AS summary,
       regions, docRegions, collect(DISTINCT d.id) AS departments
