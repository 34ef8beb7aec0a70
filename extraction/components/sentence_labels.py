"""A small trained sentence classifier for free-text articles: CONDITION, BENEFIT, CONTACT, OTHER.

Trained by `scripts/train_sentence_classifier.py` on silver labels the structured seed documents
give (a sentence of a 申报条件 field is a CONDITION ...), shipped in extraction/models/. The
assembler uses it to read an article's prose like labelled fields. Without the model on disk the
classifier labels nothing and extraction falls back to the prose rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.clauses import sentences
from extraction.components.context import doc_text

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "sentence_textcat"
MIN_SCORE = 0.8  # only confident labels turn prose into a field


@dataclass(frozen=True)
class SentenceLabel:
    start: int
    end: int
    label: str
    score: float


@cache
def _model() -> Language | None:
    if not (MODEL_DIR / "config.cfg").exists():
        return None
    from extraction.pipeline import _jieba  # the segmenter's dictionary, loaded once

    _jieba()
    return spacy.load(MODEL_DIR)


def label_sentences(text: str, min_score: float = MIN_SCORE) -> list[SentenceLabel]:
    """Each sentence of `text` the classifier is confident about, with its label."""
    return list(_label_sentences(text, min_score))


# Cached: the assembler asks once per kind of field it adds (conditions, then benefits) for the same
# article body, and segmenting plus classifying a body is the costliest step of reading prose.
@lru_cache(maxsize=64)
def _label_sentences(text: str, min_score: float) -> tuple[SentenceLabel, ...]:
    nlp = _model()
    if nlp is None:
        return ()
    spans = [(s, e) for s, e in sentences(text) if e - s >= 6]
    out = []
    for (s, e), doc in zip(spans, nlp.pipe(text[s:e] for s, e in spans), strict=True):
        label, score = max(doc.cats.items(), key=lambda kv: kv[1])
        if score >= min_score and label != "OTHER":
            out.append(SentenceLabel(s, e, label, score))
    return tuple(out)


class SentenceLabeller:
    def __call__(self, doc: Doc) -> Doc:
        doc._.sentence_labels = label_sentences(doc_text(doc))
        return doc


if not Doc.has_extension("sentence_labels"):
    Doc.set_extension("sentence_labels", default=[])


@Language.factory("policykg_sentence_labels")
def make_sentence_labeller(nlp: Language, name: str) -> SentenceLabeller:
    return SentenceLabeller()
