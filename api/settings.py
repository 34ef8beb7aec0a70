"""Settings, read once at the entry point (CLI or app factory) and passed down."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.config import StoreConfig

REPO = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

# `scheme://authority`: the authority ends at the path, query or fragment; a password may hold an @.
_AUTHORITY = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<authority>[^/?#]*)")
# `scheme://user:password@host`: the password part of any URI a message might print.
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^/@:\s]*):[^/\s]*@")


def redact(text: str) -> str:
    """`text` with the password of every `scheme://user:password@host` in it replaced by `***`."""
    return _USERINFO.sub(r"\g<scheme>\g<user>:***@", text)


@dataclass(frozen=True)
class FileLimits:
    """What a build reads at most of one file: past these, extraction would take minutes (its
    readers pass over every line several times), so the file is refused with its name instead."""

    max_bytes: int = 20 * MB
    max_lines: int = 100_000


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYKG_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), validation_alias=AliasChoices("POLICYKG_DATA", "data_dir"))
    graph_name: str = "policykg"
    seed_dir: Path = REPO / "seed"
    host: str = "127.0.0.1"
    port: int = 8000
    base_iri: str = "http://localhost:8000"
    # Encoded answers a serving process keeps per graph version for identical GraphQL requests
    # (POLICYKG_RESPONSE_CACHE_MB; 0 keeps none): api/graphql/answers.py. As much again is kept of
    # completed nodes, for new requests that ask for them again: api/graphql/fragments.py.
    response_cache_mb: float = Field(default=32.0, ge=0)
    # A document larger than this (POLICYKG_MAX_FILE_MB) or with more lines (POLICYKG_MAX_FILE_LINES)
    # is refused by `build` and `extract`: the largest real guide (a 331-page PDF) is 2.8 MB and
    # 8,000 lines of text and takes 6 s; a text of 1M short lines took 100 s.
    max_file_mb: float = Field(default=20.0, gt=0)
    max_file_lines: int = Field(default=100_000, gt=0)
    # Folders, besides seed_dir, where the document view finds the files a graph was built from
    # (POLICYKG_SOURCES, separated like PATH): the graph stores file names and digests, not texts.
    sources: str = ""

    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI", "neo4j_uri"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "neo4j_user"))
    neo4j_password: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_PASSWORD", "neo4j_password"), repr=False
    )
    neo4j_database: str | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_DATABASE", "neo4j_database")
    )

    @model_validator(mode="after")
    def _credentials_out_of_the_uri(self) -> Settings:
        """`NEO4J_URI=neo4j://user:secret@host:7687` is a common way to give credentials, but the
        driver refuses it, and the URI is printed wherever the store is named (errors, tracebacks,
        the build's report): the user and password move to their own settings, the URI keeps the
        address only. (No URL parser here: one that raised would print the URI in its error.)"""
        uri = self.neo4j_uri or ""
        m = _AUTHORITY.match(uri)
        if m is None or "@" not in m.group("authority"):
            return self
        userinfo, _, hostport = m.group("authority").rpartition("@")
        user, colon, password = userinfo.partition(":")
        if user:
            self.neo4j_user = unquote(user)
        if colon:
            self.neo4j_password = unquote(password)
        self.neo4j_uri = m.group("scheme") + hostport + uri[m.end() :]
        return self

    def source_folders(self) -> list[Path]:
        return [self.seed_dir, *(Path(p) for p in self.sources.split(os.pathsep) if p)]

    def file_limits(self) -> FileLimits:
        return FileLimits(max_bytes=int(self.max_file_mb * MB), max_lines=self.max_file_lines)

    def store_config(self) -> StoreConfig:
        return StoreConfig(
            data_dir=self.data_dir,
            graph_name=self.graph_name,
            neo4j_uri=self.neo4j_uri,
            neo4j_user=self.neo4j_user,
            neo4j_password=self.neo4j_password,
            neo4j_database=self.neo4j_database,
        )
