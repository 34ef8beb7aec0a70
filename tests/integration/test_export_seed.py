"""Every export of the real seed graph (built by the real extractor into the embedded FalkorDB):
SHACL conformance, lossless RDF round trips, the Cypher script reloaded, the CSVs parsed back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.build import build
from api.linked_data import RdfFormat, parse, serialise, to_rdf, validate
from graph import StoreConfig
from graph.embedded import FalkorStore
from graph.export.cypher_script import cypher_script
from graph.export.neo4j_admin import write_neo4j_admin
from graph.store import export_graph
from schema.graph import GraphDocument
from tests.integration.test_export_cypher import _canonical, _load
from tests.integration.test_export_neo4j_admin import _from_csv

BASE = "http://localhost:8000"


@pytest.fixture(scope="module")
def seed_graph(falkor_config: StoreConfig, seed_dir: Path) -> Iterator[GraphDocument]:
    store = FalkorStore(StoreConfig(data_dir=falkor_config.data_dir, graph_name="policykg_export_seed"))
    store.clear()
    report = build(store, [seed_dir], force=True)
    assert report.ok, report.failed
    yield export_graph(store)
    store.clear()
    store.close()


@pytest.fixture(scope="module")
def seed_rdf(seed_graph: GraphDocument):
    return to_rdf(seed_graph, BASE)


def test_seed_export_conforms_to_the_shapes(seed_rdf) -> None:
    report = validate(seed_rdf, BASE)
    assert report.conforms, report.text[:3000]


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_seed_round_trips_through_rdflib(seed_rdf, fmt: RdfFormat) -> None:
    back = parse(serialise(seed_rdf, fmt, BASE), fmt)
    assert len(back) == len(seed_rdf) > 10_000
    assert set(back) == set(seed_rdf)  # no blank nodes: the triples themselves must match


def test_seed_cypher_script_reloads_to_the_same_graph(seed_graph: GraphDocument, store: FalkorStore) -> None:
    _load(store, cypher_script(seed_graph))
    assert _canonical(export_graph(store)) == _canonical(seed_graph)


def test_seed_csvs_parse_back_to_the_same_graph(seed_graph: GraphDocument, tmp_path: Path) -> None:
    export = write_neo4j_admin(seed_graph, tmp_path)
    assert _canonical(_from_csv(tmp_path, export.array_delimiter)) == _canonical(seed_graph)
