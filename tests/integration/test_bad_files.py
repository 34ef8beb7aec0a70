"""Files that used to end a build with a traceback, block it forever or take minutes: each is now
refused by name (or read), and every other file still lands in the real embedded store."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from typer.testing import CliRunner

import api.build
from api.build import build, needs_build
from api.cli import app
from api.settings import MB, FileLimits, Settings
from extraction.readers.articles import scan_json
from graph.embedded import FalkorStore
from graph.server import EmbeddedServer
from graph.store import export_graph
from schema.errors import InputError

SEED = Path(__file__).resolve().parents[2] / "seed"
TABLE = "004_477b3b47acea63bc.txt"  # a small seed that extracts in about a second
ARTICLES = "001_930237a1bb36e36f.txt"  # the seed of WeChat articles (JSON)

T = TypeVar("T")
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and symlinks are POSIX")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED / TABLE, folder / TABLE)
    return folder


def _within(seconds: float, run: Callable[[], T], unblock: Callable[[], None]) -> T:
    """Run a build that a regression would block forever (reading a FIFO): fail after `seconds`,
    then unblock the reader so the test session can end."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(run())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        unblock()
        thread.join(60)
        pytest.fail(f"the build was still running after {seconds} s (blocked on a special file?)")
    if errors:
        raise errors[0]
    return result[0]


def _flat(text: str) -> str:
    """Console output without white space: rich wraps long lines anywhere, even inside a path."""
    return "".join(text.split())


def _open_fifo_for_writing(fifo: Path) -> Callable[[], None]:
    def unblock() -> None:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        os.close(fd)

    return unblock


# -- JSON that crashed the reader ---------------------------------------------------------------


def test_deeply_nested_json_is_refused_by_name(store: FalkorStore, corpus: Path) -> None:
    (corpus / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (corpus / "deep-in-article.json").write_text(
        '[{"title": "x", "content": ' + "[" * 5000 + "1" + "]" * 5000 + "}]", encoding="utf-8"
    )
    report = build(store, [corpus])
    assert report.built == [TABLE]
    assert set(report.failed) == {"deep.json", "deep-in-article.json"}
    for name, message in report.failed.items():
        assert name in message and "nested too deeply" in message, message


def test_scan_json_names_the_source_of_deep_nesting() -> None:
    with pytest.raises(InputError, match=r"^deep\.json: JSON nested too deeply"):
        scan_json("[" * 100_000 + "]" * 100_000, "deep.json")
    # a nesting an envelope plausibly has is still read
    assert scan_json('{"data": {"list": [{"title": "t"}]}}', "ok.json")


def test_lone_surrogate_escape_is_read_as_a_replacement_character(store: FalkorStore, corpus: Path) -> None:
    """`"\\ud800"` is valid JSON but no character: it used to end the build with a
    UnicodeEncodeError deep inside spaCy. The article is built, the bad escape read as U+FFFD."""
    article = dict(json.loads((SEED / ARTICLES).read_text(encoding="utf-8"))[0])
    article["标题title"] = "\ud800" + article["标题title"]
    article["finalContent"] = article["finalContent"][:200] + "\udc00" + article["finalContent"][200:]
    raw = json.dumps([article], ensure_ascii=False)
    assert "\\ud800" in json.dumps("\ud800")  # what json writes: the escape, not the code point
    (corpus / "surrogate.json").write_text(
        raw.encode("utf-8", errors="backslashreplace").decode("utf-8"), encoding="utf-8"
    )
    assert "\\ud800" in (corpus / "surrogate.json").read_text(encoding="utf-8")
    report = build(store, [corpus])
    assert report.ok, report.failed
    assert sorted(report.built) == sorted([TABLE, "surrogate.json"])
    graph = export_graph(store)
    names = [n.properties.get("name", "") for n in graph.nodes if n.label == "Program"]
    assert any("贷款贴息" in name for name in names), names
    assert not any("\ud800" in json.dumps(n.properties) for n in graph.nodes)


# -- whatever else goes wrong with one file -----------------------------------------------------


def test_an_unexpected_error_in_one_file_is_reported_and_the_rest_lands(
    store: FalkorStore, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety net under every reader: an exception no reader anticipated (a bug) becomes a
    failure naming the file, not a traceback that ends the build."""
    shutil.copy(SEED / TABLE, corpus / "a-bug.txt")
    real = api.build.extract_file

    def extract(path: Path, on_page=None):  # type: ignore[no-untyped-def]
        if path.name == "a-bug.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, on_page)

    monkeypatch.setattr(api.build, "extract_file", extract)
    report = build(store, [corpus])
    assert report.built == [TABLE]
    message = report.failed["a-bug.txt"]
    assert str(corpus / "a-bug.txt") in message and "RecursionError" in message


# -- size and line limits -----------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_with_the_limit(store: FalkorStore, corpus: Path) -> None:
    big = corpus / "big.txt"
    big.write_bytes(b"x" * (MB + 1))
    report = build(store, [corpus], limits=FileLimits(max_bytes=MB))
    assert report.built == [TABLE]
    message = report.failed["big.txt"]
    assert str(big) in message and "1 MB" in message and "POLICYKG_MAX_FILE_MB" in message


def test_a_file_of_a_million_lines_is_refused_at_once(store: FalkorStore, corpus: Path) -> None:
    """1M short lines took 100 s (the readers pass over every line several times): refused by the
    line limit before any reading, in well under a second on any machine."""
    (corpus / "lines.txt").write_bytes(b"x\n" * 1_000_000)
    started = time.perf_counter()
    report = build(store, [corpus / "lines.txt"])
    assert time.perf_counter() - started < 10  # generous: it takes milliseconds, extracting took 100 s
    message = report.failed["lines.txt"]
    assert "1,000,000 lines" in message and "100,000" in message and "POLICYKG_MAX_FILE_LINES" in message
    assert not report.built


def test_limits_come_from_the_settings() -> None:
    limits = Settings(max_file_mb=0.5, max_file_lines=10).file_limits()
    assert limits == FileLimits(max_bytes=MB // 2, max_lines=10)
    assert Settings().file_limits() == FileLimits(max_bytes=20 * MB, max_lines=100_000)


def test_cli_refuses_a_file_over_the_configured_limit(tmp_path: Path, corpus: Path) -> None:
    (corpus / "big.txt").write_bytes(b"x" * 600_000)
    data = tmp_path / "data"
    environ = {"POLICYKG_DATA": str(data), "NEO4J_URI": "", "POLICYKG_MAX_FILE_MB": "0.5"}
    try:
        result = CliRunner().invoke(app, ["build", str(corpus)], env=environ)
    finally:
        EmbeddedServer(data).stop()
    assert result.exit_code == 1
    assert "built 1" in result.stderr
    err = _flat(result.stderr)
    assert "big.txt:600,000bytes" in err and "0.5MB" in err and "POLICYKG_MAX_FILE_MB" in err


# -- what is not a regular file -----------------------------------------------------------------


@posix_only
def test_special_files_and_symlink_loops_are_reported_by_name(store: FalkorStore, corpus: Path) -> None:
    fifo = corpus / "pipe.txt"
    os.mkfifo(fifo)
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "broken.txt").symlink_to(corpus / "nowhere.txt")
    (corpus / "device.txt").symlink_to("/dev/null")
    (corpus / "subfolder").mkdir()
    report = _within(60, lambda: build(store, [corpus]), _open_fifo_for_writing(fifo))
    assert report.built == [TABLE]
    assert report.failed == {
        "pipe.txt": f"{fifo}: a named pipe (FIFO), not a document file",
        "loop.txt": f"{corpus / 'loop.txt'}: a loop of symbolic links, not a document file",
        "broken.txt": f"{corpus / 'broken.txt'}: a broken symbolic link (to {corpus / 'nowhere.txt'})",
        "device.txt": f"{corpus / 'device.txt'}: a character device, not a document file",
    }
    # a subfolder is no failure (a corpus keeps its gold annotations in one), but it is named
    assert list(report.skipped) == [str(corpus / "subfolder")]


@posix_only
def test_a_fifo_named_directly_does_not_block_needs_build_or_the_build(
    store: FalkorStore, corpus: Path
) -> None:
    build(store, [corpus])
    fifo = corpus / "pipe.txt"
    os.mkfifo(fifo)
    unblock = _open_fifo_for_writing(fifo)
    assert _within(30, lambda: needs_build(store, [corpus]), unblock) is True  # the build then reports it
    report = _within(30, lambda: build(store, [fifo]), unblock)
    assert list(report.failed) == ["pipe.txt"]


# -- one name, two files ------------------------------------------------------------------------


def test_the_same_file_name_in_two_folders_is_an_error_not_an_overwrite(
    store: FalkorStore, corpus: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / TABLE).write_text("另一份文件，同名。", encoding="utf-8")
    report = build(store, [corpus, other])
    assert report.built == [TABLE]
    assert list(report.failed) == [str(other / TABLE)]
    message = report.failed[str(other / TABLE)]
    assert str(other / TABLE) in message and str(corpus / TABLE) in message and "rename" in message
    # the first file's facts are in the store, not the second's
    sha = [n.properties["sha256"] for n in export_graph(store).nodes if n.label == "Document"]
    assert len(sha) == 1 and sha[0] == hashlib.sha256((corpus / TABLE).read_bytes()).hexdigest()


def test_one_file_named_twice_is_built_once(store: FalkorStore, corpus: Path) -> None:
    report = build(store, [corpus, corpus / TABLE], force=True)
    assert report.ok and report.built == [TABLE]


# -- the extract command shares the checks ------------------------------------------------------


def test_extract_names_bad_files_and_prints_the_good_one(tmp_path: Path, corpus: Path) -> None:
    (corpus / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (corpus / "lines.txt").write_bytes(b"x\n" * 200_000)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SEED / TABLE, other / TABLE)
    result = CliRunner().invoke(app, ["extract", str(corpus), str(other)], env={"NEO4J_URI": ""})
    assert result.exit_code == 1
    err = _flat(result.stderr)
    assert _flat("deep.json: JSON nested too deeply") in err
    assert _flat("lines.txt: 200,000 lines") in err
    assert _flat(f"{other / TABLE}: another file named") in err
    assert any(n["label"] == "Program" for n in json.loads(result.stdout)["nodes"])


def test_a_file_name_that_looks_like_markup_is_printed_as_is(tmp_path: Path, corpus: Path) -> None:
    """Rich reads "[/red]" in a message as a closing tag: a file named so ended the report."""
    (corpus / "[red]x[.txt").write_bytes(b"")
    data = tmp_path / "data"
    try:
        result = CliRunner().invoke(
            app, ["build", str(corpus)], env={"POLICYKG_DATA": str(data), "NEO4J_URI": ""}
        )
    finally:
        EmbeddedServer(data).stop()
    assert result.exit_code == 1, result.output
    assert _flat("/[red]x[.txt: empty file") in _flat(result.stderr)
