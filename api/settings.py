"""Settings, read once at the entry point (CLI or app factory) and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.config import StoreConfig

REPO = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYKG_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), validation_alias=AliasChoices("POLICYKG_DATA", "data_dir"))
    graph_name: str = "policykg"
    seed_dir: Path = REPO / "seed"
    host: str = "127.0.0.1"
    port: int = 8000
    base_iri: str = "http://localhost:8000"

    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI", "neo4j_uri"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "neo4j_user"))
    neo4j_password: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_PASSWORD", "neo4j_password")
    )
    neo4j_database: str | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_DATABASE", "neo4j_database")
    )

    def store_config(self) -> StoreConfig:
        return StoreConfig(
            data_dir=self.data_dir,
            graph_name=self.graph_name,
            neo4j_uri=self.neo4j_uri,
            neo4j_user=self.neo4j_user,
            neo4j_password=self.neo4j_password,
            neo4j_database=self.neo4j_database,
        )
