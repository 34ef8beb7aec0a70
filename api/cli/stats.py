"""`policykg stats`: what the store holds."""

from __future__ import annotations

import json

from api.cli import app
from api.cli.common import opened_store, settings, write_text
from graph.store import counts, relationship_counts


@app.command("stats")
def stats_command() -> None:
    """Node counts per label and relationship counts per type, as JSON."""
    s = settings()
    with opened_store(s) as store:
        body = {
            "store": store.address,
            "nodes": counts(store),
            "relationships": relationship_counts(store),
            "documents": [row["name"] for row in store.run("documents")],
        }
    write_text(json.dumps(body, ensure_ascii=False, indent=2), None)
