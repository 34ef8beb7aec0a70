"""Content negotiation: which of the media types a route offers an `Accept` header prefers.

RFC 9110, section 12.5.1: each offered type takes the quality of the most specific media range that
matches it (`application/json` before `application/*` before `*/*`); the highest quality wins; among
equals, a type the client named outright wins over one it only reached by a wildcard, then the one
the client listed first, then the route's own order of preference."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# RFC 9110 qvalue: 0 to 1, at most three decimals. float() would also take nan, inf, 1e0 or 2.
_QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header: `type/subtype`, either of which may be `*`."""

    type: str
    subtype: str
    quality: float
    position: int

    def specificity(self, media_type: str) -> int:
        """How closely this range names `media_type`: 3 exactly, 2 by `type/*`, 1 by `*/*`, 0 not."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1 if self.subtype == "*" else 0
        if self.type != kind:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header, lower-cased; a malformed entry or q-value is left out
    (a range with an unusable quality is treated as q=0, never as a preference)."""
    ranges = []
    for position, part in enumerate(header.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                value = value.strip()
                quality = float(value) if _QVALUE.fullmatch(value) else 0.0
        ranges.append(MediaRange(kind, sub, quality, position))
    return ranges


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer (a media type from `offers`, in the route's order of preference) that `accept`
    prefers, the first offer when there is no Accept header, or None when it accepts none of them."""
    if not offers:
        return None
    if accept is None or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for order, offer in enumerate(offers):
        matches = [(r.specificity(offer), r) for r in ranges]
        matches = [(s, r) for s, r in matches if s > 0]
        if not matches:
            continue
        specificity, media_range = max(matches, key=lambda m: (m[0], -m[1].position))
        if media_range.quality <= 0:
            continue  # the most specific range says "not this one", whatever a wildcard says
        # Larger is better in every place: quality, how directly named, listed earlier, offered earlier.
        rank = (media_range.quality, specificity, -media_range.position, -order)
        if best is None or rank > best:
            best, chosen = rank, offer
    return chosen
