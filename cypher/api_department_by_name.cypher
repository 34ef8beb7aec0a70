MATCH (d:Department)
WHERE d.name = $wanted OR $wanted IN coalesce(d.aliases, [])
RETURN properties(d) AS props
LIMIT 1
