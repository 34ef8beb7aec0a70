MATCH (d:Document)
RETURN d.id AS id, d.name AS name, d.sha256 AS sha256, d.extractor AS extractor
ORDER BY d.name
