MATCH (d:Document)
RETURN d.id AS id, d.name AS name, d.sha256 AS sha256
ORDER BY d.name
