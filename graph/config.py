"""What a store needs to know; built from the settings at the entry point and passed down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StoreConfig:
    data_dir: Path = Path("data")
    graph_name: str = "policykg"
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = "neo4j"
    neo4j_database: str | None = None
    start_timeout_s: float = 20.0

    @property
    def backend(self) -> str:
        return "neo4j" if self.neo4j_uri else "falkordb"
