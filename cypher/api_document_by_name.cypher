MATCH (d:Document {name: $wanted})
RETURN properties(d) AS props
LIMIT 1
