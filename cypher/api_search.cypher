// Chinese-aware search: a node matches when its name, title or an alias (quotes removed) contains the
// whole query or every one of its terms; the API segments the query with jieba and ranks in Python.
MATCH (n)
WHERE n:Program OR n:Designation OR n:Department OR n:Policy
WITH n, [x IN [coalesce(n.name, ''), coalesce(n.title, '')] + coalesce(n.aliases, []) |
         toLower(replace(replace(replace(replace(x, '“', ''), '”', ''), '"', ''), ' ', ''))] AS texts
WHERE any(x IN texts WHERE x CONTAINS $full)
   OR (size($terms) > 0 AND all(t IN $terms WHERE any(x IN texts WHERE x CONTAINS t)))
RETURN labels(n)[0] AS label, properties(n) AS props
LIMIT $limit
