"""The extraction entry point: a file in, a GraphDocument out. No store involved."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from extraction.assemble import assemble_document
from extraction.readers import read_document
from schema.errors import InputError
from schema.graph import GraphDocument
from schema.ids import make_id

EXTRACTION_DIR = Path(__file__).resolve().parent
# Files a corpus folder may hold that are not documents (the seed folder's own description).
NOT_DOCUMENTS = ("readme", ".")


def document_id(name: str) -> str:
    """A document is identified by its file name: rebuilding a changed file replaces its facts."""
    return make_id("Document", name)


@cache
def extractor_fingerprint() -> str:
    """A digest of the extraction code and data: a document is re-extracted when either changes."""
    digest = hashlib.sha256()
    for path in sorted(EXTRACTION_DIR.rglob("*")):
        # Code, lexicons and the trained model (some of its files have no extension) all count.
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(EXTRACTION_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def list_documents(paths: list[Path]) -> list[Path]:
    """Paths named directly, plus every entry of named folders but README and hidden files.

    A folder's entries are listed whatever they are (a subfolder, a FIFO, a device, a broken or
    looping symbolic link) so that the caller reports each one by name instead of passing over it
    in silence; folders are read one level deep."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            try:
                entries = sorted(path.iterdir())
            except OSError as exc:
                raise InputError(str(path), f"cannot list folder: {exc.strerror or exc}") from exc
            out.extend(p for p in entries if not p.name.lower().startswith(NOT_DOCUMENTS))
        else:
            out.append(path)
    return out


def extract_file(path: Path, on_page: Callable[[int, int], None] | None = None) -> GraphDocument:
    """Read, cut into units, extract and assemble one document. Raises InputError for bad files.

    `on_page(done, total)` reports progress through the pages of a PDF.
    """
    return assemble_document(read_document(Path(path), on_page))
