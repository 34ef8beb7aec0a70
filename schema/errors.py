"""One root error for policykg; each boundary wraps driver and parsing errors into one of these,
with the input (file, query, store address) named in the message."""

from __future__ import annotations


class PolicyKGError(Exception):
    """Root of every error policykg raises on purpose."""


class InputError(PolicyKGError):
    """A document that cannot be read: empty, binary, undecodable, broken JSON, unknown format."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Rebuilt from both parts: `build --jobs` passes errors back from the extracting processes.
        return (type(self), (self.source, self.reason))


class StoreError(PolicyKGError):
    """The graph store is down, refused a query, or could not be started."""


class QueryNotFoundError(PolicyKGError):
    """A named Cypher query that has no file in cypher/."""
