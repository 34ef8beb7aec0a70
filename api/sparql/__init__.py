"""The SPARQL 1.1 endpoint's machinery: the graph's triples in an embedded Oxigraph store on disk
(`store.py`), the worker processes that answer queries over it within a time limit (`worker.py`,
`pool.py`), what the API checks in a query text before a worker sees it (`text.py`), and the service
that ties them to the graph's version (`service.py`). The HTTP side is api/routes/sparql.py.

Nothing is imported here: `worker.py` runs as a script in its own process and must start fast."""
