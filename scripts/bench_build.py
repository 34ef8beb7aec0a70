"""Build benchmark: the seeds ×N (scripts/make_corpus.py) built into a fresh embedded FalkorDB.

Prints, for each N: files and characters, build wall time, extraction and write time, the write time
per document at the start and at the end of the build (linear builds keep them equal), peak RSS of
the build and of the store, nodes and relationships, and the time the store takes to restart over
the folder (stop, start, first answer).

    .venv/bin/python scripts/bench_build.py --times 1 10 100 [--jobs 2]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.build import build
from graph.config import StoreConfig
from graph.embedded import FalkorStore
from graph.store import counts, relationship_counts
from schema.graph import GraphDocument
from scripts.bench_api import peak_rss_mb
from scripts.make_corpus import make_corpus

# Documents averaged for "write per doc at the start / at the end".
_EDGE = 5


def bench(times: int, jobs: int, work: Path) -> dict[str, float | int | str]:
    corpus = work / f"corpus-x{times}"
    files = make_corpus(times, corpus)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    config = StoreConfig(data_dir=work / f"data-x{times}", graph_name="bench", start_timeout_s=300)
    store = FalkorStore(config)
    store.clear()

    writes: list[float] = []
    replace = store.replace_document

    def timed_replace(doc_id: str, graph: GraphDocument) -> None:
        started = time.perf_counter()
        replace(doc_id, graph)
        writes.append(time.perf_counter() - started)

    store.replace_document = timed_replace  # type: ignore[method-assign]
    started = time.perf_counter()
    report = build(store, [corpus], force=True, jobs=jobs)
    wall = time.perf_counter() - started
    if report.failed:
        raise SystemExit(f"build failed: {report.failed}")
    nodes = sum(counts(store).values())
    rels = sum(relationship_counts(store).values())
    store_rss = peak_rss_mb(store.server.running().pid)  # type: ignore[union-attr]
    store.close()

    store.server.stop()
    started = time.perf_counter()
    again = FalkorStore(config)
    again_nodes = sum(counts(again).values())
    restart = time.perf_counter() - started
    if again_nodes != nodes:
        raise SystemExit(f"the restarted store holds {again_nodes} nodes, not {nodes}")
    again.close()
    again.server.stop()

    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    write = sum(writes)
    return {
        "times": times,
        "files": len(files),
        "chars": chars,
        "wall_s": wall,
        "extract_s": wall - write,
        "write_s": write,
        "write_share": write / wall,
        "chars_per_s": chars / wall,
        "write_first_ms": 1000 * statistics.mean(writes[:_EDGE]),
        "write_last_ms": 1000 * statistics.mean(writes[-_EDGE:]),
        "build_rss_mb": max(self_rss, child_rss),
        "store_rss_mb": store_rss,
        "nodes": nodes,
        "relationships": rels,
        "restart_s": restart,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes (build --jobs)")
    parser.add_argument("--work", type=Path, default=None, help="folder for corpora and stores")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    print(f"work folder {work}, jobs {args.jobs}")
    for times in args.times:
        r = bench(times, args.jobs, work)
        print(
            f"x{r['times']}: {r['files']} files, {r['chars']:,} chars | build {r['wall_s']:.1f} s "
            f"(extract {r['extract_s']:.1f} s, write {r['write_s']:.1f} s = {r['write_share']:.0%}), "
            f"{r['chars_per_s']:,.0f} chars/s | write/doc first {r['write_first_ms']:.0f} ms, "
            f"last {r['write_last_ms']:.0f} ms | peak RSS build {r['build_rss_mb']:.0f} MB, "
            f"store {r['store_rss_mb']:.0f} MB | {r['nodes']:,} nodes, {r['relationships']:,} rels "
            f"| restart {r['restart_s']:.2f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
