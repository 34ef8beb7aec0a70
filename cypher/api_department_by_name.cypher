MATCH (d:Department)
WHERE d.name = $name OR $name IN coalesce(d.aliases, [])
RETURN properties(d) AS props
LIMIT 1
