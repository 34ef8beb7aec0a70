"""Region mentions (江苏省, 徐州, 全国) from the regions lexicon."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.context import doc_text
from extraction.lexicons import Region, regions


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    text: str
    region: Region


@cache
def region_pattern() -> re.Pattern[str]:
    names = sorted(regions().by_name, key=len, reverse=True)
    # a short city name inside a longer word (中山大学) is still read; the context step counts mentions
    return re.compile("|".join(re.escape(n) for n in names))


def find_regions(text: str) -> list[RegionMention]:
    table = regions()
    return [
        RegionMention(m.start(), m.end(), m.group(), table.by_name[m.group()])
        for m in region_pattern().finditer(text)
    ]


class RegionRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        doc._.regions = find_regions(doc_text(doc))
        return doc


if not Doc.has_extension("regions"):
    Doc.set_extension("regions", default=[])


@Language.factory("policykg_regions")
def make_region_recognizer(nlp: Language, name: str) -> RegionRecognizer:
    return RegionRecognizer()
