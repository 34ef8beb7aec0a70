"""The decision tables of a graph version, kept on disk in the data folder, so that a restarted
server answers its first question without reading whole tables from the store again (about three
seconds at ×100 of the seeds, most of it parsing the replies).

A table is filed under a digest of the graph version (its documents, their content hashes and
extractor versions) and of the code that builds and reads the tables, so neither a rebuilt graph nor
a new release ever reads a stale one; files of other versions are removed when a new one is written.
The folder is the data folder's, which only its owner can read or write (graph/server.py), as it
holds the store's password: the pickles are as trusted as the store itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
from functools import cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# The data folder's subfolder the tables are kept in.
TABLE_CACHE = "api-tables"
# The modules whose classes are pickled, or that decide what goes into them.
_CODE = ("catalog.py", "search_index.py", "names.py", "timing.py", "table_cache.py")


@cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for name in _CODE:
        path = Path(__file__).with_name(name)
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


class TableCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _version(self, version: tuple[str, ...]) -> str:
        digest = hashlib.sha256(_code_digest().encode())
        digest.update("\n".join(version).encode("utf-8"))
        return digest.hexdigest()[:24]

    def _path(self, version: tuple[str, ...], key: str) -> Path:
        return self.folder / f"{self._version(version)}-{key}.pickle"

    def get(self, version: tuple[str, ...], key: str) -> Any | None:
        path = self._path(version, key)
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # a file cut short by a crash, or from another Python: build it again
            logger.warning("could not read the cached table %s", path, exc_info=True)
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def put(self, version: tuple[str, ...], key: str, value: Any) -> None:
        """Write atomically (a reader never sees half a file), and drop other versions' files."""
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = self._path(version, key)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            prefix = self._version(version)
            for old in self.folder.glob("*.pickle"):
                if not old.name.startswith(prefix):
                    old.unlink(missing_ok=True)
        except OSError:  # a full disk or a read-only folder: the tables are loaded from the store
            logger.warning("could not keep a table in %s", self.folder, exc_info=True)
