"""Shared fixtures: a real embedded FalkorDB started once per test session, emptied per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import GraphStore, StoreConfig, open_store
from graph.embedded import FalkorStore

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "seed"


@pytest.fixture(scope="session")
def falkor_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreConfig]:
    """A FalkorDB server of its own for this test session, in a temporary data folder."""
    config = StoreConfig(data_dir=tmp_path_factory.mktemp("falkordb"), graph_name="policykg_test")
    store = FalkorStore(config)
    yield config
    store.server.stop()


@pytest.fixture
def store(falkor_config: StoreConfig) -> Iterator[FalkorStore]:
    """An empty graph with the ontology's indexes; emptied again afterwards."""
    s = FalkorStore(falkor_config)
    s.clear()
    s.ensure_schema()
    yield s
    s.clear()
    s.close()


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEED_DIR


# Tests of the Neo4j backend run only against a live server: none can be installed on these machines.
needs_neo4j = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not os.environ.get("NEO4J_URI"),
        reason="NEO4J_URI is not set: no Neo4j server can be installed here; set it to run these",
    ),
]


@pytest.fixture
def neo4j_store() -> Iterator[GraphStore]:
    """The Neo4j at NEO4J_URI, emptied before and after the test."""
    config = StoreConfig(
        neo4j_uri=os.environ["NEO4J_URI"],
        neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("NEO4J_PASSWORD", "neo4j"),
        neo4j_database=os.environ.get("NEO4J_DATABASE"),
    )
    store = open_store(config)
    store.clear()
    yield store
    store.clear()
    store.close()
