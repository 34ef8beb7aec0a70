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


def test_the_trained_sentence_classifier_reads_prose_like_fields() -> None:
    from extraction.components.sentence_labels import MODEL_DIR, label_sentences

    assert (MODEL_DIR / "config.cfg").exists(), "run scripts/train_sentence_classifier.py"
    text = "省体育局联合省财政厅推出金融产品。申报企业须为已认定的高新技术企业，具有独立法人资格。联系电话：025-83633550。"
    labels = [(text[x.start : x.end], x.label) for x in label_sentences(text)]
    assert ("申报企业须为已认定的高新技术企业，具有独立法人资格", "CONDITION") in labels
    assert all(label != "CONDITION" for sentence, label in labels if "金融产品" in sentence)
