"""The policykg spaCy pipeline, built once per process.

`spacy.blank("zh")` with the jieba segmenter (plus a domain user dictionary, a data file) and the
registered `policykg_*` components, in order: regions, levels, departments, designations, amounts,
benefits, dates, phones, document numbers, relations. `annotate(text, context)` runs them on one
field's text with the document context (region, field name) the components read.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extraction.components import (  # noqa: F401  (importing registers the factories)
    amounts,
    benefits,
    dates,
    departments,
    designations,
    docnumbers,
    levels,
    phones,
    regions,
    relations,
)
from extraction.components.context import Context
from extraction.lexicons import LEXICON_DIR
from extraction.lexicons import departments as department_table
from extraction.lexicons import designations as designation_table

COMPONENTS = (
    "policykg_regions",
    "policykg_levels",
    "policykg_departments",
    "policykg_designations",
    "policykg_amounts",
    "policykg_benefits",
    "policykg_dates",
    "policykg_phones",
    "policykg_docnumbers",
    "policykg_relations",
)
USER_DICT = LEXICON_DIR / "userdict.txt"


@cache
def _jieba() -> None:
    """Load jieba's dictionary once, quietly, with the domain words added."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.load_userdict(str(USER_DICT))
    for form in designation_table().by_form():
        jieba.add_word(form, freq=100)
    for form in (*department_table().national, *department_table().form_kind()):
        jieba.add_word(form, freq=100)


@cache
def get_nlp() -> Language:
    """The pipeline object; cached, so jieba and the lexicons load once per process."""
    _jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def annotate(text: str, context: Context | None = None) -> Doc:
    """Segment `text` and run every component with `context` (region, field) set on the Doc.

    Cached: the assembler reads one field for several facts; callers must not change the Doc.
    """
    return _annotate(text, context or Context())


@lru_cache(maxsize=2048)
def _annotate(text: str, context: Context) -> Doc:
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc._.policykg_context = context
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
