MATCH (d:Document {name: $name})
RETURN properties(d) AS props
LIMIT 1
