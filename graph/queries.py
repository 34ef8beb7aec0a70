"""Cypher lives in cypher/*.cypher, one query a file, loaded here by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from schema.errors import QueryNotFoundError

CYPHER_DIR = Path(__file__).resolve().parents[1] / "cypher"


@cache
def load_query(name: str) -> str:
    """The text of cypher/<name>.cypher; an unknown name fails loudly, listing the known ones."""
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in CYPHER_DIR.glob("*.cypher")))
        raise QueryNotFoundError(f"no Cypher query named {name!r} in {CYPHER_DIR} (known: {known})")
    return "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("//")
    ).strip()


def query_names() -> list[str]:
    return sorted(p.stem for p in CYPHER_DIR.glob("*.cypher"))
