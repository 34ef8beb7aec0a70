"""Score the extractor against the hand-labelled gold programs in tests/fixtures/gold/.

Each gold program is matched to the extracted Program of the same document with the most similar
name (one-to-one, above a threshold); then its REQUIRES, PREFERS, GRANTS, EXCLUDES (designation
name + level), OFFERS (benefit type + amountMaxWan), HAS_CONTACT (phone digits) and
ADMINISTERED_BY (department name, leniently) are compared as sets. Counts are micro-averaged over
programs, per document and overall.

    .venv/bin/python scripts/evaluate.py [--verbose] [--json] [--graph FILE ... | --cli] [--only 004]

By default the extractor runs in-process (`extraction.extract.extract_file`); `--cli` runs
`policykg extract PATH --format json` per document; `--graph` reads graphs already written by it.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from extraction.readers.decode import decode_bytes
from schema.errors import InputError

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "tests" / "fixtures" / "gold"
SEED_DIR = REPO / "seed"

DESIGNATION_RELS = ("REQUIRES", "PREFERS", "GRANTS", "EXCLUDES")
# OFFERS_AMOUNT compares the amounts alone (type ignored): the issue gates "benefit amounts".
RELATIONS = (*DESIGNATION_RELS, "OFFERS", "OFFERS_AMOUNT", "HAS_CONTACT", "ADMINISTERED_BY")
NAME_THRESHOLD = 0.5
MIN_PHONE_SUFFIX = 7

# Quotes, brackets, spaces and punctuation carry no meaning in a name: 专精特新“小巨人” = 专精特新小巨人.
_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】〔〕<>·•.,，、。:：;；!！?？_\-—–/]+")
_LEVEL_WORDS = re.compile(r"^(国家级|国家|省级|省|市级|市|区级|县级)")
# "制造业单项冠军" and "制造业单项冠军企业" name one title: a trailing 企业 is dropped on both sides.
_ENTERPRISE_SUFFIX = re.compile(r"企业$")


def normalise_name(value: object) -> str:
    """NFKC, no quotes, brackets, spaces or punctuation, lower case."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return _NOISE.sub("", text).lower()


def normalise_designation(value: object) -> str:
    """A designation name, normalised, without a leading level word."""
    return _LEVEL_WORDS.sub("", normalise_name(value))


def phone_digits(value: object) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", "" if value is None else str(value)))


def name_similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalise_name(a), normalise_name(b), autojunk=False).ratio()


# ----------------------------------------------------------------------------- program facts


@dataclass
class ProgramFacts:
    """One program's relations, in the comparable form of each relation type."""

    name: str
    facts: dict[str, list[Any]] = field(default_factory=lambda: {r: [] for r in RELATIONS})


def _designation_key(name: object, level: object) -> tuple[str, str | None]:
    return normalise_designation(name), (str(level) if level not in (None, "", "null") else None)


def _amount(value: object) -> float | None:
    if value in (None, "", "null"):
        return None
    return round(float(value), 4)  # type: ignore[arg-type]


def gold_programs(gold: dict[str, Any]) -> list[ProgramFacts]:
    """The gold file's programs as comparable facts."""
    out = []
    for prog in gold["programs"]:
        facts = ProgramFacts(prog["name"])
        for rel, key in zip(DESIGNATION_RELS, ("requires", "prefers", "grants", "excludes"), strict=True):
            facts.facts[rel] = [_designation_key(d["name"], d.get("level")) for d in prog.get(key, [])]
        facts.facts["OFFERS"] = [(o["type"], _amount(o.get("amountMaxWan"))) for o in prog.get("offers", [])]
        facts.facts["OFFERS_AMOUNT"] = [a for _, a in facts.facts["OFFERS"] if a is not None]
        facts.facts["HAS_CONTACT"] = [phone_digits(p) for p in prog.get("contacts", [])]
        facts.facts["ADMINISTERED_BY"] = [normalise_name(d) for d in prog.get("administeredBy", [])]
        out.append(facts)
    return out


def _document_program_ids(graph: dict[str, Any], document: str) -> list[str]:
    """Program ids extracted from `document`: via EXTRACTED_FROM or a relationship's `doc`."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    programs = [n["id"] for n in graph["nodes"] if n["label"] == "Program"]
    doc_ids = {
        n["id"]
        for n in graph["nodes"]
        if n["label"] == "Document" and n["properties"].get("name") in (document, Path(document).name)
    }
    if not doc_ids:  # a graph without Document nodes is taken to be of this document alone
        return programs if not any(n["label"] == "Document" for n in graph["nodes"]) else []
    linked = set()
    for rel in graph["relationships"]:
        start = nodes.get(rel["start"])
        if start is None or start["label"] != "Program":
            continue
        if (rel["type"] == "EXTRACTED_FROM" and rel["end"] in doc_ids) or rel["properties"].get(
            "doc"
        ) in doc_ids:
            linked.add(rel["start"])
    return [p for p in programs if p in linked]


def _department_full_name(dept_id: str, nodes: dict[str, Any], parents: dict[str, str]) -> str:
    """A division's name prefixed by its parent's (综合规划处 PART_OF 江苏省工业和信息化厅)."""
    name = normalise_name(nodes[dept_id]["properties"].get("name"))
    parent = parents.get(dept_id)
    if parent is not None and parent in nodes:
        parent_name = normalise_name(nodes[parent]["properties"].get("name"))
        if parent_name and not name.startswith(parent_name):
            return parent_name + name
    return name


def extracted_programs(graph: dict[str, Any], document: str) -> list[ProgramFacts]:
    """The extracted programs of `document` with their facts, from a GraphDocument's JSON form."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    parents = {
        r["start"]: r["end"]
        for r in graph["relationships"]
        if r["type"] == "PART_OF" and nodes.get(r["start"], {}).get("label") == "Department"
    }
    by_id = {
        pid: ProgramFacts(str(nodes[pid]["properties"].get("name", "")))
        for pid in _document_program_ids(graph, document)
    }
    for rel in graph["relationships"]:
        prog, end = by_id.get(rel["start"]), nodes.get(rel["end"])
        if prog is None or end is None:
            continue
        props, rtype = end["properties"], rel["type"]
        if rtype in DESIGNATION_RELS:
            level = props.get("level") or rel["properties"].get("levelMin")
            prog.facts[rtype].append(_designation_key(props.get("name"), level))
        elif rtype == "OFFERS":
            prog.facts[rtype].append((props.get("type"), _amount(props.get("amountMaxWan"))))
            if props.get("amountMaxWan") is not None:
                prog.facts["OFFERS_AMOUNT"].append(_amount(props.get("amountMaxWan")))
        elif rtype == "HAS_CONTACT":
            phone = rel["properties"].get("phone")
            phones = [phone] if phone else list(props.get("phones") or [])
            prog.facts[rtype].extend(phone_digits(p) for p in phones)
        elif rtype == "ADMINISTERED_BY":
            prog.facts[rtype].append(_department_full_name(rel["end"], nodes, parents))
    for prog in by_id.values():  # sets: one fact found twice is one fact
        for rtype, values in prog.facts.items():
            prog.facts[rtype] = list(dict.fromkeys(values))
    return list(by_id.values())


# ----------------------------------------------------------------------------- matching


def match_programs(
    gold: list[ProgramFacts], extracted: list[ProgramFacts], threshold: float = NAME_THRESHOLD
) -> dict[int, int]:
    """Gold index -> extracted index, one-to-one, most similar names first, above `threshold`."""
    pairs = sorted(
        (
            (name_similarity(g.name, e.name), gi, ei)
            for gi, g in enumerate(gold)
            for ei, e in enumerate(extracted)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for score, gi, ei in pairs:
        if score < threshold:
            break
        if gi not in out and ei not in used:
            out[gi] = ei
            used.add(ei)
    return out


def phones_match(a: str, b: str) -> bool:
    """Equal digits, or one a suffix of the other of at least 7 digits (a missing area code)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= MIN_PHONE_SUFFIX and long_.endswith(short)


def departments_match(a: str, b: str) -> bool:
    """Equal, or one name contains the other (a division named with or without its parent body)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and short in long_


def designations_match(gold: tuple[str, str | None], found: tuple[str, str | None]) -> bool:
    """Same name (a trailing 企业 aside) and level; a gold level of None accepts any level."""
    same_name = _ENTERPRISE_SUFFIX.sub("", gold[0]) == _ENTERPRISE_SUFFIX.sub("", found[0])
    return same_name and (gold[1] is None or gold[1] == found[1])


def _exact(a: Any, b: Any) -> bool:
    return a == b


MATCHERS: dict[str, Callable[[Any, Any], bool]] = {
    **{r: designations_match for r in DESIGNATION_RELS},
    "OFFERS": _exact,
    "OFFERS_AMOUNT": _exact,
    "HAS_CONTACT": phones_match,
    "ADMINISTERED_BY": departments_match,
}


def compare_sets(
    gold: Iterable[Any], found: Iterable[Any], same: Callable[[Any, Any], bool]
) -> tuple[list[Any], list[Any], list[Any]]:
    """(true positives, false positives, false negatives), matching one-to-one, exact pairs first."""
    gold_left, found_left = list(dict.fromkeys(gold)), list(dict.fromkeys(found))
    tps = []
    for exact in (True, False):
        for g in list(gold_left):
            for f in found_left:
                if (g == f) if exact else same(g, f):
                    tps.append(g)
                    gold_left.remove(g)
                    found_left.remove(f)
                    break
    return tps, found_left, gold_left


# ----------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    document: str
    gold_programs: int = 0
    extracted_programs: int = 0  # all Program nodes of the document, matched or not
    chars: int = 0  # document characters extracted, and the seconds it took (speed, for the issue)
    seconds: float = 0.0
    matched_programs: int = 0
    # on gold files labelled exhaustively: extracted programs, and those matched (program precision)
    exhaustive_extracted: int = 0
    exhaustive_matched: int = 0
    counts: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in RELATIONS})
    errors: list[dict[str, Any]] = field(default_factory=list)  # every FN and FP, for --verbose

    @property
    def program_recall(self) -> float:
        return self.matched_programs / self.gold_programs if self.gold_programs else 1.0

    @property
    def program_precision(self) -> float | None:
        """Matched / extracted programs, over documents whose gold lists every program."""
        return self.exhaustive_matched / self.exhaustive_extracted if self.exhaustive_extracted else None

    def add(self, other: Report) -> None:
        self.gold_programs += other.gold_programs
        self.extracted_programs += other.extracted_programs
        self.chars += other.chars
        self.seconds += other.seconds
        self.matched_programs += other.matched_programs
        self.exhaustive_extracted += other.exhaustive_extracted
        self.exhaustive_matched += other.exhaustive_matched
        for rtype in RELATIONS:
            self.counts[rtype].add(other.counts[rtype])
        self.errors.extend(other.errors)

    def as_dict(self, with_errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "document": self.document,
            "gold_programs": self.gold_programs,
            "extracted_programs": self.extracted_programs,
            "chars": self.chars,
            "seconds": round(self.seconds, 3),
            "matched_programs": self.matched_programs,
            "program_recall": round(self.program_recall, 4),
            "program_precision": None if self.program_precision is None else round(self.program_precision, 4),
            "relations": {r: c.as_dict() for r, c in self.counts.items()},
        }
        if with_errors:
            out["errors"] = self.errors
        return out


def score_document(gold: dict[str, Any], graph: dict[str, Any]) -> Report:
    """Score one gold file against the extracted graph of its document."""
    report = Report(gold["document"])
    golds = gold_programs(gold)
    found = extracted_programs(graph, gold["document"])
    matches = match_programs(golds, found)
    report.gold_programs, report.matched_programs = len(golds), len(matches)
    report.extracted_programs = len(found)
    if gold.get("exhaustive"):
        report.exhaustive_extracted, report.exhaustive_matched = len(found), len(matches)
    for gi, g in enumerate(golds):
        ei = matches.get(gi)
        e = found[ei] if ei is not None else None
        if e is None:
            nearest = max(found, key=lambda e: name_similarity(g.name, e.name), default=None)
            report.errors.append(
                {
                    "document": gold["document"],
                    "program": g.name,
                    "kind": "MISSING",
                    "nearest": nearest.name if nearest else None,
                    "similarity": round(name_similarity(g.name, nearest.name), 3) if nearest else None,
                }
            )
        for rtype in RELATIONS:
            tps, fps, fns = compare_sets(g.facts[rtype], e.facts[rtype] if e else [], MATCHERS[rtype])
            report.counts[rtype].add(Counts(len(tps), len(fps), len(fns)))
            if e is None:  # its facts are counted; listing each would bury the MISSING line
                continue
            for kind, values in (("FN", fns), ("FP", fps)):
                report.errors.extend(
                    {
                        "document": gold["document"],
                        "program": g.name,
                        "extracted": e.name if e else None,
                        "kind": kind,
                        "relation": rtype,
                        "value": list(v) if isinstance(v, tuple) else v,
                    }
                    for v in values
                )
    return report


# ----------------------------------------------------------------------------- output


def format_table(reports: list[Report]) -> str:
    lines = []
    for rep in reports:
        lines.append(
            f"\n{rep.document}: programs {rep.matched_programs}/{rep.gold_programs}"
            f"  recall {rep.program_recall:.3f}  (extracted programs: {rep.extracted_programs})"
            + (f"  precision {rep.program_precision:.3f}" if rep.program_precision is not None else "")
        )
        if rep.chars and rep.seconds:
            lines.append(
                f"  extraction: {rep.chars} chars in {rep.seconds:.2f} s ({rep.chars / rep.seconds:,.0f} chars/s)"
            )
        lines.append(f"  {'relation':<16}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>8}")
        for rtype, c in rep.counts.items():
            lines.append(
                f"  {rtype:<16}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
            )
    return "\n".join(lines)


def format_errors(report: Report) -> str:
    lines = []
    for err in report.errors:
        if err["kind"] == "MISSING":
            lines.append(
                f"MISSING  [{err['document'][:3]}] {err['program']}"
                f"   (nearest extracted: {err['nearest']}, similarity {err['similarity']})"
            )
        else:
            lines.append(
                f"{err['kind']:<8} [{err['document'][:3]}] {err['relation']:<15} {err['value']}"
                f"   <- {err['program']}  (extracted: {err['extracted']})"
            )
    return "\n".join(lines)


# ----------------------------------------------------------------------------- entry point


def _graph_json(graph: Any) -> dict[str, Any]:
    return graph.model_dump(mode="json") if hasattr(graph, "model_dump") else graph


def load_graphs(paths: list[Path]) -> dict[str, Any]:
    """Graphs from JSON files, merged into one (programs are told apart by their Document)."""
    nodes: dict[str, Any] = {}
    rels: list[Any] = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        for node in data.get("nodes", []):
            nodes.setdefault(node["id"], node)
        rels.extend(data.get("relationships", []))
    return {"nodes": list(nodes.values()), "relationships": rels}


def extract_graph(document: str, seed_dir: Path) -> dict[str, Any]:
    from extraction.extract import extract_file  # imported late: --graph works without it

    return _graph_json(extract_file(seed_dir / document))


def seed_chars(document: str, seed_dir: Path) -> int:
    path = seed_dir / document
    if not path.is_file():
        return 0
    try:
        # Through the project's own decoder, so a GBK document counts its characters, not its bytes.
        return len(decode_bytes(path.read_bytes(), str(path)))
    except InputError:  # a PDF or Word file: the characters of the text it was read into
        from extraction.readers import read_document

        return len(read_document(path).text)


def cli_graph(document: str, seed_dir: Path, command: str) -> dict[str, Any]:
    """The graph printed by `policykg extract PATH --format json`: the owner's own scoring path."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "graph.json"
        args = [
            *shlex.split(command),
            "extract",
            str(seed_dir / document),
            "--format",
            "json",
            "-o",
            str(out),
        ]
        subprocess.run(args, check=False, cwd=REPO)
        if not out.is_file():
            raise RuntimeError(f"{command} extract wrote no graph for {document}")
        return json.loads(out.read_text(encoding="utf-8"))


def evaluate(
    gold_files: list[Path],
    graph_for: Callable[[str], dict[str, Any]],
    chars_of: Callable[[str], int] | None = None,
) -> tuple[list[Report], Report]:
    reports = []
    total = Report("OVERALL")
    for path in gold_files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        try:
            graph = graph_for(gold["document"])
        except ImportError:
            raise
        except Exception as exc:  # one failing document scores as empty; the others still count
            print(f"extraction of {gold['document']} failed: {exc!r}", file=sys.stderr)
            graph = {"nodes": [], "relationships": []}
        rep = score_document(gold, graph)
        rep.seconds = time.perf_counter() - started
        if chars_of is not None:
            rep.chars = chars_of(gold["document"])
        reports.append(rep)
        total.add(rep)
    return reports, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold JSON files")
    parser.add_argument("--seed-dir", type=Path, default=SEED_DIR, help="where the documents are")
    parser.add_argument("--graph", type=Path, action="append", help="extracted graph JSON (repeatable)")
    parser.add_argument(
        "--cli",
        nargs="?",
        const=str(REPO / ".venv" / "bin" / "policykg"),
        help="run `policykg extract PATH --format json` (optionally give the command) instead of importing",
    )
    parser.add_argument("--only", help="score only gold files whose name contains this")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--verbose", action="store_true", help="list every FN and FP")
    args = parser.parse_args(argv)

    gold_files = sorted(p for p in args.gold.glob("*.json") if not args.only or args.only in p.name)
    if args.graph:
        merged = load_graphs(args.graph)
        reports, total = evaluate(gold_files, lambda _doc: merged)
    elif args.cli:
        reports, total = evaluate(
            gold_files,
            lambda doc: cli_graph(doc, args.seed_dir, args.cli),
            lambda doc: seed_chars(doc, args.seed_dir),
        )
    else:
        sys.path.insert(0, str(REPO))
        try:
            reports, total = evaluate(
                gold_files,
                lambda doc: extract_graph(doc, args.seed_dir),
                lambda doc: seed_chars(doc, args.seed_dir),
            )
        except ImportError as exc:  # the extractor is not importable: graphs can still be given
            print(f"cannot run the extractor ({exc}); pass --graph FILE instead", file=sys.stderr)
            return 2

    if args.json:
        out = {
            "documents": [r.as_dict(args.verbose) for r in reports],
            "overall": total.as_dict(),
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if args.verbose:
        for rep in reports:
            print(format_errors(rep))
    print(format_table([*reports, total]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
