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


def test_the_assemblers_shortcuts_give_what_the_pipeline_gives() -> None:
    """The assembler reads relations and contacts without building a Doc (no segmentation, no other
    components): they must stay what `annotate` puts on the Doc."""
    from extraction.components.context import Context
    from extraction.lexicons import regions
    from extraction.pipeline import field_contacts, field_relations

    texts = {
        "conditions": "①项目的申报主体须为省级（含）以上智能制造示范工厂。已认定为国家级企业技术中心的不再推荐。",
        "benefit": "对新认定为省级数字化车间、智能工厂的企业，分别给予30万元、50万元奖励。",
        "contact": "徐州市工业和信息化局综合规划处：0516-83735017（张三）",
    }
    ctx = Context(city=regions().get("徐州市"))
    for field, text in texts.items():
        doc = annotate(text, Context(field=field))
        assert field_relations(text, field) == list(doc._.relations)
        here = Context(field=field, city=ctx.city)
        assert field_contacts(text, here) == list(annotate(text, here)._.contacts)
    assert field_relations(texts["benefit"], "benefit")  # not vacuous
    assert field_contacts(texts["contact"], Context(field="contact", city=ctx.city))
