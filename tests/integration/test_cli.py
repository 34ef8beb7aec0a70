"""The `policykg` command, run in-process against a real embedded FalkorDB in a temporary folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.server import EmbeddedServer

SEED = Path(__file__).resolve().parents[2] / "seed"
TABLE = "004_477b3b47acea63bc.txt"


@pytest.fixture
def env(tmp_path: Path):
    data = tmp_path / "data"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED / TABLE, corpus / TABLE)
    yield {"POLICYKG_DATA": str(data), "POLICYKG_SEED_DIR": str(corpus), "NEO4J_URI": ""}, corpus
    EmbeddedServer(data).stop()


def test_extract_prints_the_json_graph_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(SEED / TABLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    assert set(graph) == {"nodes", "relationships"}
    node = graph["nodes"][0]
    assert set(node) == {"id", "label", "properties"}
    rel = graph["relationships"][0]
    assert set(rel) == {"type", "start", "end", "properties"}
    ids = {n["id"] for n in graph["nodes"]}
    assert all(r["start"] in ids and r["end"] in ids for r in graph["relationships"])
    assert any(n["label"] == "Program" for n in graph["nodes"])


def test_extract_names_a_bad_file_and_still_prints_the_good_one(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("[{", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(bad), str(SEED / TABLE)])
    assert result.exit_code == 1
    assert "broken.json" in result.stderr
    assert any(n["label"] == "Program" for n in json.loads(result.stdout)["nodes"])


def test_build_stats_export_stop(env) -> None:
    environ, _ = env
    runner = CliRunner()
    built = runner.invoke(app, ["build"], env=environ)
    assert built.exit_code == 0, built.output
    assert "Program" in built.stderr and "built 1" in built.stderr
    # the new version's decision tables are kept for the server's first question
    tables = {
        p.name.split("-", 1)[1] for p in (Path(environ["POLICYKG_DATA"]) / "api-tables").glob("*.pickle")
    }
    assert {"designations.pickle", "conditions.pickle", "programs.pickle", "offers.pickle"} <= tables
    stats = json.loads(runner.invoke(app, ["stats"], env=environ).stdout)
    assert stats["nodes"]["Program"] > 0 and stats["documents"] == [TABLE]
    exported = json.loads(runner.invoke(app, ["export", "--format", "json"], env=environ).stdout)
    assert sum(stats["nodes"].values()) == len(exported["nodes"])
    stopped = runner.invoke(app, ["stop"], env=environ)
    assert "stopped" in stopped.stderr
    assert EmbeddedServer(Path(environ["POLICYKG_DATA"])).running() is None


def test_build_of_a_missing_path_is_an_error(env) -> None:
    environ, corpus = env
    result = CliRunner().invoke(app, ["build", str(corpus / "nope.txt")], env=environ)
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr


def test_the_command_loads_no_heavy_library_before_a_command_needs_it() -> None:
    """`stats` and `stop` start in half a second because the extractor (spaCy), the web stack and
    rdflib are imported by the commands that use them, not when the command line is parsed."""
    heavy = ("spacy", "jieba", "fastapi", "uvicorn", "strawberry", "rdflib")
    probe = f"import sys, api.cli; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
