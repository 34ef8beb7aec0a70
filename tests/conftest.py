"""Shared fixtures: a real embedded FalkorDB started once per test session, emptied per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import StoreConfig
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
