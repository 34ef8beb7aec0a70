"""Building the graph: extract each document and replace its facts in the store, one document at a
time, so that a bad file is reported by name and every other file still lands."""

from __future__ import annotations

import errno
import hashlib
import logging
import multiprocessing
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from api.settings import MB, FileLimits
from extraction.extract import document_id, extract_file, extractor_fingerprint, list_documents
from extraction.pipeline import get_nlp
from extraction.readers.docx import is_docx
from extraction.readers.pdf import is_pdf
from graph.store import GraphStore, counts
from schema.errors import InputError, PolicyKGError, StoreError
from schema.graph import GraphDocument
from schema.ontology import Label

log = logging.getLogger(__name__)

# What a path that is not a regular file is, for the message that refuses it.
_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # file name (path for a clash) -> error message
    skipped: dict[str, str] = field(default_factory=dict)  # path of a subfolder -> why it was not read
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def check_file(path: Path, limits: FileLimits) -> None:
    """Refuse, naming the file, what is not a regular file or is larger than the limit; without
    this, a FIFO or a device blocks the build forever and a huge file takes minutes and gigabytes."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(str(path), "a loop of symbolic links, not a document file") from exc
        if path.is_symlink():
            raise InputError(str(path), f"a broken symbolic link (to {os.readlink(path)})") from exc
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        kind = next((what for test, what in _KINDS if test(info.st_mode)), "a special file")
        raise InputError(str(path), f"{kind}, not a document file")
    if info.st_size > limits.max_bytes:
        raise InputError(
            str(path),
            f"{info.st_size:,} bytes, over the limit of {limits.max_bytes / MB:.3g} MB per file "
            "(raise POLICYKG_MAX_FILE_MB to build it)",
        )


def line_count(data: bytes) -> int:
    """Lines of a text file as the readers split them (on \\n, and on a lone \\r)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: a 0x0A byte may be half a character
        text = data.decode("utf-16", errors="replace")
        breaks, last = max(text.count("\n"), text.count("\r")), text[-1:]
    else:
        breaks, last = max(data.count(b"\n"), data.count(b"\r")), data[-1:].decode("latin-1")
    return breaks + (0 if last in ("\n", "\r") else 1)


def check_lines(path: Path, data: bytes, limits: FileLimits) -> None:
    """Refuse a text of more lines than the limit: the readers pass over every line several times
    (about 0.1 ms a line in all), so a text of a million short lines would take minutes. A PDF's or
    Word file's bytes are not lines; their text is bounded by the size limit."""
    if is_pdf(data) or is_docx(data):
        return
    lines = line_count(data)
    if lines > limits.max_lines:
        raise InputError(
            str(path),
            f"{lines:,} lines, over the limit of {limits.max_lines:,} lines per file "
            "(raise POLICYKG_MAX_FILE_LINES to build it)",
        )


class NameClash(InputError):
    """Two files of one name in one build: documents are identified by their file name (so that a
    file moved to another folder still replaces its old facts), so the second would overwrite the
    first's facts. The second is refused; renaming it is the user's call, not ours."""


def claim(seen: dict[str, Path], path: Path) -> bool:
    """Record that `path` is read as the document of its file name. False when this very file was
    claimed already (named twice, as a folder and a file in it); NameClash when another file was."""
    first = seen.get(path.name)
    if first is None:
        seen[path.name] = path
        return True
    if first.resolve() == path.resolve():
        return False
    raise NameClash(
        str(path),
        f"another file named {path.name} ({first}) is read too; documents are identified by their "
        "file name, so rename one of them",
    )


def unexpected(path: Path, exc: Exception) -> str:
    """The report of an error no reader anticipated: the file, what went wrong, and that it is ours."""
    log.debug("extracting %s failed", path, exc_info=exc)
    return f"{path}: could not be extracted ({type(exc).__name__}: {exc}); this is a bug, please report it"


def _stamp(graph: GraphDocument, fingerprint: str) -> GraphDocument:
    """Record which extractor version produced the document, so `up` knows when to rebuild."""
    nodes = [
        node.model_copy(update={"properties": {**node.properties, "extractor": fingerprint}})
        if node.label == Label.Document
        else node
        for node in graph.nodes
    ]
    return GraphDocument(nodes=nodes, relationships=graph.relationships)


def _up_to_date(row: dict | None, sha256: str, fingerprint: str) -> bool:
    return row is not None and row.get("extractor") == fingerprint and row.get("sha256") == sha256


def stored_documents(store: GraphStore) -> dict[str, dict]:
    """Document name -> {sha256, extractor} of what the store holds."""
    return {row["name"]: row for row in store.run("documents")}


def needs_build(store: GraphStore, paths: list[Path], limits: FileLimits | None = None) -> bool:
    """True when the store is empty or any file is new or changed, or the extractor changed.
    A file the build would refuse counts as new, so that the build reports it."""
    stored = stored_documents(store)
    files = [p for p in list_documents(paths) if not p.is_dir()]
    if not stored or not files:
        return True
    fingerprint = extractor_fingerprint()
    for path in files:
        row = stored.get(path.name)
        if row is None:
            return True
        try:
            check_file(path, limits or FileLimits())
            data = path.read_bytes()
        except (InputError, OSError):
            return True
        if not _up_to_date(row, hashlib.sha256(data).hexdigest(), fingerprint):
            return True
    return False


def _extract(
    path: Path, fingerprint: str, on_page: Callable[[int, int], None] | None = None
) -> GraphDocument:
    return _stamp(extract_file(path, on_page), fingerprint)


def _failure(path: Path, exc: BaseException) -> tuple[str, str]:
    """(report key, message) of a file that could not be built."""
    if isinstance(exc, NameClash):
        return str(path), str(exc)  # its name is the first file's
    if isinstance(exc, PolicyKGError):
        return path.name, str(exc)
    if isinstance(exc, OSError):
        return path.name, f"{path}: {exc.strerror or exc}"
    # A reader's bug on one odd file (a RecursionError, an encoding error) must not end the build:
    # the file is reported by name and the next one is built.
    return path.name, unexpected(path, exc)  # type: ignore[arg-type]


def _to_extract(
    paths: list[Path],
    stored: dict[str, dict],
    fingerprint: str,
    limits: FileLimits,
    report: BuildReport,
    on_file: Callable[[Path, str], None] | None,
) -> Iterator[Path]:
    """The files that need extracting, in order; the others are reported (unchanged, skipped,
    refused) as they are met."""
    seen: dict[str, Path] = {}  # document name -> the file built under it
    for path in list_documents(paths):
        status = "failed"
        try:
            if path.is_dir():  # a subfolder of a named folder: folders are read one level deep
                report.skipped[str(path)] = "a folder inside a folder (name it to build its files)"
                status = "skipped"
                continue
            check_file(path, limits)
            if not claim(seen, path):
                status = "skipped"
                continue
            data = path.read_bytes()
            if _up_to_date(stored.get(path.name), hashlib.sha256(data).hexdigest(), fingerprint):
                report.unchanged.append(path.name)
                status = "unchanged"
                continue
            check_lines(path, data, limits)
            status = "queued"
            yield path
        except Exception as exc:
            key, message = _failure(path, exc)
            report.failed[key] = message
        finally:
            if on_file and status != "queued":
                on_file(path, status)


def _extracted_in_order(
    files: Iterator[Path], fingerprint: str, jobs: int, on_page: Callable[[Path, int, int], None] | None
) -> Iterator[tuple[Path, GraphDocument | BaseException]]:
    """(file, its graph or the error extracting it), in the files' order. With jobs > 1 the files
    are extracted by that many processes, a few files ahead of the writes, so memory stays bounded."""
    if jobs <= 1:
        for path in files:
            pages = (lambda done, total, p=path: on_page(p, done, total)) if on_page else None
            try:
                yield path, _extract(path, fingerprint, pages)
            except Exception as exc:
                yield path, exc
        return
    # fork: the workers inherit the loaded pipeline instead of building it again each.
    get_nlp()
    pending: deque[tuple[Path, Future[GraphDocument]]] = deque()
    # The workers run below the writes' priority: they extract ahead of the writes, which are made
    # here one at a time and in order, so a core goes to the next write (this process and the store)
    # first and to extraction otherwise. With as many workers as cores, the writes took 2-3 times
    # their own time, and the build waited for them (issue 9).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=os.nice, initargs=(10,)) as pool:
        for path in files:
            pending.append((path, pool.submit(_extract, path, fingerprint)))
            while len(pending) > 2 * jobs:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())


def _result(path: Path, future: Future[GraphDocument]) -> tuple[Path, GraphDocument | BaseException]:
    try:
        return path, future.result()
    except Exception as exc:
        return path, exc


def build(
    store: GraphStore,
    paths: list[Path],
    *,
    force: bool = False,
    limits: FileLimits | None = None,
    jobs: int = 1,
    on_file: Callable[[Path, str], None] | None = None,
    on_page: Callable[[Path, int, int], None] | None = None,
) -> BuildReport:
    """Extract and store every document under `paths`. A file that fails leaves its old facts in
    place and is reported by name with the reason; whatever goes wrong with one file (short of the
    store going down), the other files are still built. `jobs` processes extract; the writes are
    made here, one document at a time, in the files' order, so the graph does not depend on `jobs`."""
    started = time.perf_counter()
    limits = limits or FileLimits()
    report = BuildReport()
    store.ensure_schema()
    stored = {} if force else stored_documents(store)
    fingerprint = extractor_fingerprint()
    files = _to_extract(paths, stored, fingerprint, limits, report, on_file)
    for path, graph in _extracted_in_order(files, fingerprint, jobs, on_page):
        status = "failed"
        try:
            if isinstance(graph, BaseException):
                raise graph
            store.replace_document(document_id(path.name), graph)
            report.built.append(path.name)
            status = "built"
        except StoreError:
            raise  # the store is down: no later file can land either
        except Exception as exc:
            key, message = _failure(path, exc)
            report.failed[key] = message
        finally:
            if on_file:
                on_file(path, status)
    store.compact()
    report.counts = counts(store)
    report.seconds = time.perf_counter() - started
    return report
