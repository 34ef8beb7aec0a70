"""Extraction speed in characters per second, in one process with the pipeline loaded.

Prints, for each file and in total: characters (of the text the graph is built from), the best of
`--repeat` runs (CPU time of `extract_file`, so another process on the machine weighs less), and
characters per second. A PDF is timed with and without reading its pages.

    .venv/bin/python scripts/bench_extract.py                       # the seeds and the real PDF
    .venv/bin/python scripts/bench_extract.py --repeat 5 ../shared/corpus
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction.assemble import assemble_document  # noqa: E402
from extraction.extract import extract_file, list_documents  # noqa: E402
from extraction.readers import read_document  # noqa: E402

DEFAULT = [ROOT / "seed", ROOT / "tests" / "fixtures" / "corpus" / "beijing-chanye-zhengce-daoyin-2024.pdf"]


def _clear_caches() -> None:
    """Forget what an earlier run of the same text left in the extractor's bounded caches, so each
    run does the whole work (the unbounded ones hold lexicons and models, loaded once per process)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("extraction"):
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper) and value.cache_parameters()["maxsize"]:
                value.cache_clear()


def _best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        _clear_caches()
        t = time.process_time()
        run()
        times.append(time.process_time() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3, help="runs per file; the fastest counts")
    args = parser.parse_args()
    files = list_documents(args.paths)
    extract_file(files[0])  # load the pipeline, the lexicons and the sentence classifier
    total_chars = total_s = 0.0
    print(f"{'file':<60} {'chars':>9} {'s':>7} {'chars/s':>10}")
    for path in files:
        source = read_document(path)
        chars = len(source.text)
        seconds = _best(lambda p=path: extract_file(p), args.repeat)
        total_chars += chars
        total_s += seconds
        print(f"{path.name[:60]:<60} {chars:>9,} {seconds:>7.2f} {chars / seconds:>10,.0f}")
        if source.pages:
            # the same file once read and cut into units: what extraction proper costs
            bare = _best(lambda s=source: assemble_document(s), args.repeat)
            print(
                f"{'  (read and cut into units already)':<60} {chars:>9,} {bare:>7.2f} {chars / bare:>10,.0f}"
            )
    print(f"{'total':<60} {int(total_chars):>9,} {total_s:>7.2f} {total_chars / total_s:>10,.0f}")


if __name__ == "__main__":
    main()
