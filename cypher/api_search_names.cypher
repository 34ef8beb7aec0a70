// What search looks at, for the API's per-version search index (api/graphql/search_index.py): the
// name, title and aliases of every program, designation, department and policy.
MATCH (n)
WHERE n:Program OR n:Designation OR n:Department OR n:Policy
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.title AS title, n.aliases AS aliases
