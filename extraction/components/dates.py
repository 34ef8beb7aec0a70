"""Dates (2024年1月18日, 2024-01-18, 2024.1.18) as ISO strings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.context import doc_text

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?"
    r"|[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2})(?!\d))"
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    iso: str  # YYYY-MM-DD, or YYYY-MM when no day is printed


def find_dates(text: str) -> list[DateMention]:
    out = []
    for m in _DATE.finditer(text):
        month = int(m.group("m") or m.group("m2"))
        day = m.group("d") or m.group("d2")
        if not 1 <= month <= 12 or (day and not 1 <= int(day) <= 31):
            continue
        iso = f"{m.group('y')}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        out.append(DateMention(m.start(), m.end(), m.group(), iso))
    return out


def first_date(text: str) -> str | None:
    found = find_dates(text)
    return found[0].iso if found else None


class DateRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = find_dates(doc_text(doc))
        return doc


if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=[])


@Language.factory("policykg_dates")
def make_date_recognizer(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer()
