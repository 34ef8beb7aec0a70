"""A synthetic corpus the size of a city's or a province's: the seeds N times over, each copy a
distinct set of documents, for the scale benchmarks (scripts/bench_build.py, scripts/bench_api.py).

Copy 0 is the seeds as they are. Copy k > 0 moves every prefecture-level city to another one (full
and short names, and the phone numbers printed with its area code, which get the new city's code and
a new local number), raises every amount and the year in titles, so that the cities' programs,
offices and contacts are new nodes while the provinces' and the nation's designations, departments
and offices stay shared, with the phones they print, as in a real corpus. The output is
deterministic: the same N gives the same files.

    .venv/bin/python scripts/make_corpus.py --times 10 --out /tmp/corpus-x10
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seed"
REGIONS = REPO / "extraction" / "lexicons" / "regions.yaml"

# A step coprime to any plausible city count moves each city far from its neighbours in the list.
_STEP = 37


def _capital_codes() -> set[str]:
    """Area codes of the provincial capitals: provincial offices print them, and they stay put."""
    data = yaml.safe_load(REGIONS.read_text(encoding="utf-8"))
    return {str(code) for _, _, code in data["provinces"].values()}


def _cities() -> list[tuple[str, str]]:
    """(city, area code) of every prefecture-level city in the lexicon, in a fixed order."""
    data = yaml.safe_load(REGIONS.read_text(encoding="utf-8"))
    provinces_short = {short for short, *_ in data["provinces"].values()}
    out = []
    for cities in data["cities"].values():
        for city, code in cities.items():
            # A short form that is also a province's (吉林市, 吉林省) would move the province too.
            if city.endswith("市") and city[:-1] not in provinces_short and len(city) >= 3:
                out.append((city, str(code)))
    return sorted(out)


def _mover(copy: int, cities: list[tuple[str, str]]):
    """The text substitution of copy `copy`: one pass, longest names first, so 徐州市 is not also
    rewritten as 徐州 + 市."""
    n = len(cities)
    target = {i: (i + copy * _STEP) % n for i in range(n)}
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    capitals = _capital_codes()
    for i, (city, code) in enumerate(cities):
        new_city, new_code = cities[target[i]]
        names[city] = new_city
        names[city[:-1]] = new_city[:-1]
        if code not in capitals:
            codes.setdefault(code, new_code)
    name_re = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    # An area code and the local number of a printed phone (0516-83702516, (025)8368 1234).
    phone_re = re.compile(r"(?<!\d)(0\d{2,3})([-—－)）]\s?)(\d{3,4})(\s?)(\d{4})(?!\d)")
    amount_re = re.compile(r"(?<![\d.])(\d{1,5})(?=\s?(?:万元|亿元|元))")
    year_re = re.compile(r"(?<!\d)(20[12]\d)(?=\s?年)")

    def shift_phone(m: re.Match[str]) -> str:
        code = codes.get(m.group(1))
        if code is None:  # an office of a province (in its capital) or of the nation: it did not move
            return m.group(0)
        head, tail = m.group(3), m.group(5)
        local = int(head + tail)
        width = len(head) + len(tail)
        # Keep the width and the leading digit (a local number never starts with 0 or 1).
        shifted = (local + copy * 7919) % 10**width
        if shifted < 2 * 10 ** (width - 1):
            shifted += 2 * 10 ** (width - 1)
        digits = str(shifted)
        return f"{code}{m.group(2)}{digits[: len(head)]}{m.group(4)}{digits[len(head) :]}"

    def transform(text: str) -> str:
        text = phone_re.sub(shift_phone, text)
        text = amount_re.sub(lambda m: str(int(m.group(1)) + copy), text)
        text = year_re.sub(lambda m: str(int(m.group(1)) + copy % 3), text)
        return name_re.sub(lambda m: names[m.group(0)], text)

    return transform


def make_corpus(times: int, out: Path, seed_dir: Path = SEED) -> list[Path]:
    """Write `times` copies of the seed documents into `out` (emptied first); returns the files."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    seeds = sorted(p for p in seed_dir.iterdir() if p.is_file() and p.name != "README.md")
    cities = _cities()
    written: list[Path] = []
    for copy in range(times):
        transform = _mover(copy, cities) if copy else None
        for path in seeds:
            text = path.read_text(encoding="utf-8")
            target = out / (path.name if copy == 0 else f"x{copy:03d}_{path.name}")
            target.write_text(transform(text) if transform else text, encoding="utf-8")
            written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, required=True, help="copies of the seeds (1 = the seeds)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (emptied first)")
    args = parser.parse_args()
    files = make_corpus(args.times, args.out)
    size = sum(len(p.read_text(encoding="utf-8")) for p in files)
    print(f"{len(files)} files, {size:,} chars in {args.out}")


if __name__ == "__main__":
    main()
