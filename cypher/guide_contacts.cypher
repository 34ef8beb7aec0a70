// The contacts of a department: its offices and divisions (PART_OF), their phones, and the programs
// that name each office as the contact.
MATCH (dep:Department {name: $department})
MATCH (office:ContactOffice)-[:PART_OF*1..3]->(dep)
OPTIONAL MATCH (p:Program)-[:HAS_CONTACT]->(office)
RETURN office.name AS office, office.phones AS phones, collect(DISTINCT p.name) AS programs
ORDER BY office
