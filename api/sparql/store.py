"""The graph's triples in an embedded Oxigraph store on disk, in the data folder.

Each version of the graph gets a folder of its own, `{data}/sparql/{version}`: written once, by a
build that loads the same triples `policykg export --format turtle` writes (the export's own code
makes them, as N-Triples), then renamed into place and from then on only read. So the workers open
it read-only, any number of processes may share it, and a rebuild never changes a store under a
query: the next query simply opens the next folder.

The version is a hash of what the triples are made from: the stored documents (each with its
content hash and extractor version, so every build that changes a fact changes it), the base IRI
and the files that map the graph to RDF. `CURRENT` names the folder last built or found, so that the
endpoint can answer from it while the graph store is down."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import time
from functools import cache
from pathlib import Path

import pyoxigraph

from api.linked_data import RdfFormat, serialise, to_rdf
from graph.store import GraphStore, export_graph
from schema.errors import PolicyKGError

log = logging.getLogger(__name__)

FOLDER = "sparql"
CURRENT = "CURRENT"
BUILDING = ".building-"
# Versions kept besides the current one: another API process (uvicorn workers) may still be reading
# the previous one for the second it trusts a version it checked.
KEEP_PREVIOUS = 1
# A build folder this old was left by a process that died while building.
STALE_BUILD_S = 3600.0
REPO = Path(__file__).resolve().parents[2]
# What turns the graph into triples: a change to any of them changes every version.
WRITER_SOURCES = ("schema/ontology.yaml", "schema/jsonld.py", "api/linked_data.py")


class SparqlStoreError(PolicyKGError):
    """The Oxigraph store could not be built or found; the message names the folder."""


@cache
def writer_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in WRITER_SOURCES:
        digest.update(name.encode() + b"\0" + (REPO / name).read_bytes())
    return digest.hexdigest()


def graph_version(store: GraphStore, base: str) -> str:
    """The version of the triples `store` holds under `base` (one cheap query, on Document nodes)."""
    documents = sorted(
        (str(r["id"]), str(r.get("sha256") or ""), str(r.get("extractor") or ""))
        for r in store.run("documents")
    )
    key = json.dumps([documents, base.rstrip("/"), writer_fingerprint()], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class OxigraphFolder:
    """The versions of the Oxigraph store under `{data_dir}/sparql`."""

    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir) / FOLDER

    def path(self, version: str) -> Path:
        return self.root / version

    def has(self, version: str) -> bool:
        # Only a finished build is renamed to its version's name.
        return self.path(version).is_dir()

    def current(self) -> Path | None:
        """The folder last built or found, if it is still there."""
        try:
            version = (self.root / CURRENT).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return self.path(version) if version and self.has(version) else None

    def mark_current(self, version: str) -> None:
        marker = self.root / f"{CURRENT}.{os.getpid()}.{secrets.token_hex(4)}"
        marker.write_text(version + "\n", encoding="ascii")
        os.replace(marker, self.root / CURRENT)  # atomic: a reader sees the old name or the new

    def build(self, store: GraphStore, base: str, version: str) -> Path:
        """Load the graph's triples into a new folder for `version`; returns its path. Blocking:
        seconds on the seed graph (the export to RDF is most of it)."""
        started = time.monotonic()
        building = self.root / f"{BUILDING}{version}-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            triples = self._load(store, base, building)
            if graph_version(store, base) != version:
                # The graph was rebuilt while it was exported: these triples are not `version`'s.
                raise SparqlStoreError(f"the graph changed while {building} was being built; try again")
            try:
                building.rename(self.path(version))
            except OSError:
                if not self.has(version):
                    raise
                # Another process built the same version meanwhile: the same triples, keep theirs.
            self.mark_current(version)
        except OSError as exc:
            raise SparqlStoreError(f"cannot build the SPARQL store in {self.root}: {exc}") from exc
        finally:
            shutil.rmtree(building, ignore_errors=True)
        self.prune(version)
        log.info(
            "SPARQL store %s: %d triples loaded in %.1f s",
            self.path(version),
            triples,
            time.monotonic() - started,
        )
        return self.path(version)

    @staticmethod
    def _load(store: GraphStore, base: str, folder: Path) -> int:
        rdf = to_rdf(export_graph(store), base)
        triples = serialise(rdf, RdfFormat.NTRIPLES, base).encode("utf-8")
        count = len(rdf)
        del rdf  # the rdflib graph is the largest thing here: let it go before loading
        oxigraph = pyoxigraph.Store(str(folder))
        oxigraph.bulk_load(input=triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
        oxigraph.flush()
        del oxigraph  # closes the store's files: the folder is only read from now on
        return count

    def prune(self, current: str) -> None:
        """Remove versions older than the current one and the KEEP_PREVIOUS before it, and builds
        that a dead process left behind."""
        try:
            entries = list(self.root.iterdir())
        except OSError:
            return
        versions = sorted(
            (p for p in entries if p.is_dir() and not p.name.startswith(".") and p.name != current),
            key=_mtime,
            reverse=True,
        )
        now = time.time()
        stale = [p for p in entries if p.name.startswith(BUILDING) and now - _mtime(p) > STALE_BUILD_S]
        for old in [*versions[KEEP_PREVIOUS:], *stale]:
            shutil.rmtree(old, ignore_errors=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process
        return 0.0
