"""The document context every component may read: where the document is from and which labelled
field the text comes from. `extraction.pipeline.annotate` sets it before the components run."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from extraction.lexicons import Region


@dataclass(frozen=True)
class Context:
    province: Region | None = None
    city: Region | None = None
    field: str = "body"  # a FieldName value: conditions, benefit, contact, body ...
    heading: str = ""  # the field's heading as printed (申报主体, 支持条件 ...)
    district: Region | None = None  # a district or county document (徐州市鼓楼区…): 区工信局 is its
    # the bureau that issues the document (邯郸市工业和信息化局 of a joint notice): whose 投资与规划科 a
    # contact cell names alone
    issuer: str = ""


if not Doc.has_extension("policykg_context"):
    Doc.set_extension("policykg_context", default=Context())


def context_of(doc: Doc) -> Context:
    return doc._.policykg_context


def doc_text(doc: Doc) -> str:
    """The Doc's text, kept once: spaCy's Doc.text joins every token on each read."""
    text = doc.user_data.get("policykg_text")
    if text is None:
        text = doc.user_data["policykg_text"] = doc.text
    return text
