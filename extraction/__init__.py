"""From documents to a GraphDocument: readers cut files into units with labelled fields, a spaCy
pipeline turns the fields into entities and relations, and assembly builds the graph."""
