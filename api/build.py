"""Building the graph: extract each document and replace its facts in the store, one document at a
time, so that a bad file is reported by name and every other file still lands."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extraction.extract import document_id, extract_file, extractor_fingerprint, list_documents
from graph.store import GraphStore, counts
from schema.errors import PolicyKGError, StoreError
from schema.graph import GraphDocument
from schema.ontology import Label


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # file name -> error message
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def _stamp(graph: GraphDocument, fingerprint: str) -> GraphDocument:
    """Record which extractor version produced the document, so `up` knows when to rebuild."""
    nodes = [
        node.model_copy(update={"properties": {**node.properties, "extractor": fingerprint}})
        if node.label == Label.Document
        else node
        for node in graph.nodes
    ]
    return GraphDocument(nodes=nodes, relationships=graph.relationships)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _up_to_date(row: dict | None, path: Path, fingerprint: str) -> bool:
    return row is not None and row.get("extractor") == fingerprint and row.get("sha256") == _sha256(path)


def stored_documents(store: GraphStore) -> dict[str, dict]:
    """Document name -> {sha256, extractor} of what the store holds."""
    return {row["name"]: row for row in store.run("documents")}


def needs_build(store: GraphStore, paths: list[Path]) -> bool:
    """True when the store is empty or any file is new or changed, or the extractor changed."""
    stored = stored_documents(store)
    files = list_documents(paths)
    if not stored or not files:
        return True
    fingerprint = extractor_fingerprint()
    return not all(_up_to_date(stored.get(path.name), path, fingerprint) for path in files)


def build(
    store: GraphStore,
    paths: list[Path],
    *,
    force: bool = False,
    on_file: Callable[[Path, str], None] | None = None,
    on_page: Callable[[Path, int, int], None] | None = None,
) -> BuildReport:
    """Extract and store every document under `paths`. A file that fails leaves its old facts in place."""
    started = time.perf_counter()
    report = BuildReport()
    store.ensure_schema()
    stored = {} if force else stored_documents(store)
    fingerprint = extractor_fingerprint()
    for path in list_documents(paths):
        try:
            if _up_to_date(stored.get(path.name), path, fingerprint):
                report.unchanged.append(path.name)
                status = "unchanged"
            else:
                pages = (lambda done, total, p=path: on_page(p, done, total)) if on_page else None
                graph = _stamp(extract_file(path, pages), fingerprint)
                store.replace_document(document_id(path.name), graph)
                report.built.append(path.name)
                status = "built"
        except StoreError:
            raise  # the store is down: no later file can land either
        except PolicyKGError as exc:
            report.failed[path.name] = str(exc)
            status = "failed"
        except OSError as exc:
            report.failed[path.name] = f"{path}: {exc.strerror or exc}"
            status = "failed"
        if on_file:
            on_file(path, status)
    report.counts = counts(store)
    report.seconds = time.perf_counter() - started
    return report
