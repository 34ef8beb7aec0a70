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
from extraction.components.designations import find_designations
from extraction.components.phones import ContactMention, find_contacts
from extraction.components.relations import DesignationRelation, classify_all
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


# The assembler reads two results of the pipeline: the contacts of a field and the designation
# relations of a field. No component reads the tokens (each works on the Doc's text), so these two
# run the same functions as the components on the text itself: no jieba segmentation (about a
# quarter of the extraction time) and none of the eight other components, whose results the
# assembler does not read. The results are those `annotate(text, context)` puts on the Doc.


def field_contacts(text: str, context: Context) -> list[ContactMention]:
    """`annotate(text, context)._.contacts`, without building the Doc."""
    return list(_contacts(text, context))


@lru_cache(maxsize=2048)
def _contacts(text: str, context: Context) -> tuple[ContactMention, ...]:
    return tuple(find_contacts(text, context, prose=context.field != "contact"))


def field_relations(text: str, field: str) -> list[DesignationRelation]:
    """`annotate(text, Context(field=field))._.relations`, without building the Doc (the relation
    step reads the field name only, not the region)."""
    return list(_relations(text, field))


@lru_cache(maxsize=2048)
def _relations(text: str, field: str) -> tuple[DesignationRelation, ...]:
    return tuple(classify_all(text, find_designations(text), field))
