MATCH (r:Region)
WHERE r.name IN $names
RETURN properties(r) AS props
LIMIT 1
