"""The text a document's spans point into, for the document view (`/documents/{id}`).

The graph keeps no document text: a Document node has the file's name and the sha256 of its bytes.
So the text is read again, the way the build read it (`read_document`, the same text
`policykg extract --format text` prints), from a file of that name in the folders the server knows
(the seed folder and `POLICYKG_SOURCES`), and shown only when its digest is the one the graph was
built from. A file that changed since, or cannot be found, is said to be so: a span shown in a
different text would point at the wrong words."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from api.build import check_file
from api.settings import FileLimits
from extraction.readers import read_document
from schema.errors import PolicyKGError

# Texts kept in memory, most recently shown first: a planner checks several facts of one document in
# a row, and the 331-page guide takes about a second to read.
CACHE_SIZE = 8

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceText:
    """A document's text as the graph was built from it; `pages` are a PDF's page starts."""

    text: str
    pages: tuple[int, ...]
    path: Path


class SourceUnavailable(PolicyKGError):
    """Why a document's text cannot be shown, in words for the page."""


class SourceTexts:
    """Finds and reads source files by name, trusting a file only when its digest matches."""

    def __init__(self, folders: list[Path], limits: FileLimits) -> None:
        self.folders = folders
        self.limits = limits
        self._cache: OrderedDict[str, SourceText] = OrderedDict()  # by sha256
        self._lock = threading.Lock()  # routes run in a thread pool

    def text(self, name: str, sha256: str | None) -> SourceText:
        """The text of the document called `name` whose bytes had digest `sha256`."""
        if not sha256:
            raise SourceUnavailable(
                "the graph does not record this document's digest, so no file can be trusted"
            )
        with self._lock:
            cached = self._cache.get(sha256)
            if cached is not None:
                self._cache.move_to_end(sha256)
                return cached
        # A document's name is a file name; anything else would walk out of the folders.
        if not name or Path(name).name != name or name in (".", ".."):
            raise SourceUnavailable(f"{name!r} is not a file name")
        candidates = [folder / name for folder in self.folders if (folder / name).is_file()]
        # The messages are shown on a public page: they name the file, never the server's folders
        # (those go to the log).
        if not candidates:
            log.info("%s is in none of %s", name, ", ".join(map(str, self.folders)))
            raise SourceUnavailable(
                f"no file named {name} in the folders this server reads sources from "
                "(the seed folder and POLICYKG_SOURCES)"
            )
        changed: list[Path] = []
        for path in candidates:
            try:
                check_file(path, self.limits)
                source = read_document(path)
            except (PolicyKGError, OSError) as exc:
                log.warning("the source %s cannot be read: %s", path, exc)
                raise SourceUnavailable(f"the file named {name} cannot be read") from exc
            # The digest of the very bytes read, so a file replaced meanwhile is not trusted.
            if source.sha256 != sha256:
                changed.append(path)
                continue
            found = SourceText(text=source.text, pages=source.pages, path=path)
            with self._lock:
                self._cache[sha256] = found
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
            return found
        log.info("%s changed since the graph was built", ", ".join(map(str, changed)))
        raise SourceUnavailable(
            f"the file named {name} changed since the graph was built (its sha256 differs); "
            "rebuild the graph to see its facts in this text"
        )
