"""How client-typed names meet stored names: quotes, spaces, width and level words do not matter."""

from __future__ import annotations

import re
import unicodedata

from schema.ontology import ONTOLOGY

_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉]")
# Level words that may open a designation name: 国家级专精特新"小巨人"企业 is the national one.
_LEVEL_PREFIXES = (
    ("国家级", "national"),
    ("国家", "national"),
    ("省级", "provincial"),
    ("市级", "municipal"),
    ("区级", "district"),
    ("县级", "district"),
)
REGION_SUFFIXES = ("市", "省", "区", "县", "自治区", "自治州")


def name_key(text: str | None) -> str:
    """Comparable form of a name: NFKC, no white space or quotes, lower case."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def split_level(text: str) -> tuple[str, str | None]:
    """`国家级专精特新"小巨人"企业` -> (`专精特新小巨人企业`, `national`)."""
    key = name_key(text)
    for prefix, level in _LEVEL_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :], level
    return key, None


def level_rank(level: str | None) -> int:
    return ONTOLOGY.level_rank(level)


def region_variants(name: str) -> list[str]:
    """A region as typed (鄂州) and as stored (鄂州市)."""
    base = unicodedata.normalize("NFKC", name).strip()
    out = [base] + [base + suffix for suffix in REGION_SUFFIXES]
    for suffix in REGION_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix) + 1:
            out.append(base[: -len(suffix)])
    return list(dict.fromkeys(out))
