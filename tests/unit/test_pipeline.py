"""The pipeline object: built once, jieba segmenter with the domain dictionary, components in order."""

from __future__ import annotations

from spacy.language import Language

from extraction.pipeline import COMPONENTS, annotate, get_nlp


def test_pipeline_is_cached_and_ordered() -> None:
    nlp = get_nlp()
    assert nlp is get_nlp()
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "jieba"


def test_factories_are_registered_under_policykg_names() -> None:
    for name in COMPONENTS:
        assert Language.has_factory(name)


def test_domain_words_are_single_tokens() -> None:
    doc = get_nlp().make_doc("申报主体应为省级专精特新中小企业，市工信局综合规划处")
    tokens = [t.text for t in doc]
    assert "专精特新中小企业" in tokens
    assert "工信局" in tokens


def test_designation_spans_are_set_on_the_doc() -> None:
    doc = annotate("申报主体应为省级（含）以上专精特新中小企业")
    assert [s.text for s in doc.spans["designations"]] == ["专精特新中小企业"]
