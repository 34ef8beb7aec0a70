"""Deterministic ids: the same key always gives the same id, so rebuilding never duplicates."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_key(value: object) -> str:
    """NFKC, no white space, lower case: full-width and half-width forms give one key."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return _SPACE.sub("", text).lower()


def make_id(label: str, *key: object) -> str:
    """`program-3f2a...`: the label in lower case and 16 hex digits of the key's SHA-1."""
    digest = hashlib.sha1("\x1f".join(normalise_key(part) for part in key).encode("utf-8"))
    return f"{label.lower()}-{digest.hexdigest()[:16]}"
