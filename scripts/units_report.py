"""Per-document summary of what the readers cut: units per kind, fields per unit, titles.

Usage: .venv/bin/python scripts/units_report.py [PATH ...] [--fields] [--text N] [--summary] [--toc]
(default: every file in seed/ except README.md).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extraction.document import SourceDocument  # noqa: E402
from extraction.readers import read_document  # noqa: E402
from extraction.readers.fields import normalize_heading  # noqa: E402
from extraction.readers.lines import classify, split_lines  # noqa: E402


def unmatched_toc_entries(doc: SourceDocument) -> list[str]:
    """Table-of-contents titles with no unit of a similar title: a quick recall check."""
    lines = split_lines(doc.text)
    toc = classify(lines)
    titles = [normalize_heading(u.title) for u in doc.units]
    out = []
    for e in toc.entries:
        key = normalize_heading(e.title)
        if not any(difflib.SequenceMatcher(None, key, t).ratio() >= 0.75 for t in titles):
            out.append(e.title)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--fields", action="store_true", help="list each unit's fields")
    ap.add_argument("--text", type=int, default=0, help="show the first N characters of each field")
    ap.add_argument("--summary", action="store_true", help="counts only, no titles")
    ap.add_argument("--toc", action="store_true", help="list table-of-contents entries that no unit matches")
    args = ap.parse_args()
    paths = args.paths or sorted(p for p in (REPO / "seed").iterdir() if p.name != "README.md")
    total = 0.0
    for path in paths:
        t0 = time.perf_counter()
        doc = read_document(path)
        dt = time.perf_counter() - t0
        total += dt
        kinds = Counter(u.kind.value for u in doc.units)
        print(f"== {path.name}  format={doc.format.value}  {dt * 1000:.0f} ms")
        print(f"   title={doc.title!r} issuer={doc.issuer!r} published_at={doc.published_at!r}")
        print(f"   units={len(doc.units)} " + " ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
        if args.toc:
            for entry in unmatched_toc_entries(doc):
                print(f"   TOC entry without a unit: {entry}")
        if args.summary:
            continue
        for i, u in enumerate(doc.units, 1):
            names = Counter(f.name.value for f in u.fields)
            fl = ",".join(f"{k}" + (f"x{v}" if v > 1 else "") for k, v in names.items())
            print(f"   {i:3d}. [{u.kind.value[:4]}] {u.title}  <{u.section}>  {{{fl}}}")
            if args.fields or args.text:
                for f in u.fields:
                    snippet = f.text[: args.text].replace("\n", " / ") if args.text else ""
                    print(f"          - {f.name.value} ({f.heading}) {len(f.text)} chars  {snippet}")
    print(f"total read time {total * 1000:.0f} ms")


if __name__ == "__main__":
    main()
