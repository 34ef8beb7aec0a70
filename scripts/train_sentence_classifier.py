"""Train the small sentence classifier that reads free-text articles like labelled fields.

Silver labels come from the structured seed documents: a sentence of a 申报条件 field is a
CONDITION, of a 政策优惠 / 资金额度 field a BENEFIT, of a 联系方式 field a CONTACT, of any other
field OTHER. A bag-of-words spaCy textcat (jieba tokens, hashed to a small table) learns them and
is saved to extraction/models/sentence_textcat/, which `extraction.components.sentence_labels`
loads. Deterministic: fixed seed, fixed order.

    .venv/bin/python scripts/train_sentence_classifier.py [--epochs 12] [--out DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import spacy  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import fix_random_seed, minibatch  # noqa: E402

from extraction.components.clauses import sentences  # noqa: E402
from extraction.document import DocFormat, FieldName  # noqa: E402
from extraction.pipeline import _jieba  # noqa: E402
from extraction.readers import read_document  # noqa: E402

LABELS = ("CONDITION", "BENEFIT", "CONTACT", "OTHER")
OUT = REPO / "extraction" / "models" / "sentence_textcat"
_BY_FIELD = {
    FieldName.CONDITIONS: "CONDITION",
    FieldName.BENEFIT: "BENEFIT",
    FieldName.CONTACT: "CONTACT",
}


def silver(seed_dir: Path) -> list[tuple[str, str]]:
    """(sentence, label) pairs from every structured (not article) seed document."""
    out: list[tuple[str, str]] = []
    for path in sorted(seed_dir.glob("0*.txt")):
        source = read_document(path)
        if source.format == DocFormat.ARTICLES:
            continue  # the articles are what the classifier is for: no labels from them
        for unit in source.units:
            for f in unit.fields:
                label = _BY_FIELD.get(f.name, "OTHER")
                for s, e in sentences(f.text):
                    text = f.text[s:e].strip()
                    if 6 <= len(text) <= 300:
                        out.append((text, label))
    return sorted(set(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed-dir", type=Path, default=REPO / "seed")
    args = parser.parse_args()

    fix_random_seed(0)
    _jieba()
    data = silver(args.seed_dir)
    random.Random(0).shuffle(data)
    cut = len(data) // 5
    dev, train = data[:cut], data[cut:]
    counts = {label: sum(1 for _, lab in data if lab == label) for label in LABELS}
    print(f"silver sentences: {len(data)} {counts}; train {len(train)}, dev {len(dev)}")

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 2**16,  # a small hashed table: the model ships in the repository
            }
        },
    )
    for label in LABELS:
        textcat.add_label(label)

    def examples(rows: list[tuple[str, str]]) -> list[Example]:
        return [
            Example.from_dict(nlp.make_doc(text), {"cats": {lab: float(lab == label) for lab in LABELS}})
            for text, label in rows
        ]

    train_ex, dev_ex = examples(train), examples(dev)
    optimizer = nlp.initialize(lambda: train_ex)
    for epoch in range(args.epochs):
        random.Random(epoch).shuffle(train_ex)
        losses: dict[str, float] = {}
        for batch in minibatch(train_ex, size=32):
            nlp.update(batch, sgd=optimizer, losses=losses)
        scores = nlp.evaluate(dev_ex)
        print(f"epoch {epoch + 1:2d} loss {losses['textcat']:.3f} dev macro-F {scores['cats_macro_f']:.3f}")
    scores = nlp.evaluate(dev_ex)
    for label, s in scores["cats_f_per_type"].items():
        print(f"  {label:10s} P {s['p']:.3f} R {s['r']:.3f} F {s['f']:.3f}")
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"saved to {args.out} ({size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
