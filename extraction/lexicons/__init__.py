"""Versioned lexicons (YAML data files in this folder) loaded once into frozen tables.

The extractor's knowledge of regions, departments, designations and benefit words lives in these
files, not in code, so a new province or designation is a data change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from schema.errors import InputError

LEXICON_DIR = Path(__file__).resolve().parent


def load_yaml(name: str) -> dict[str, Any]:
    path = LEXICON_DIR / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read lexicon: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "a lexicon must be a mapping")
    return data


# ----------------------------------------------------------------------------- regions


@dataclass(frozen=True)
class Region:
    name: str  # full name: 江苏省, 徐州市
    short: str  # 江苏, 徐州
    level: str  # national | provincial | municipal
    parent: str | None  # full name of the parent region
    area_code: str | None


@dataclass(frozen=True)
class RegionTable:
    country: Region
    by_name: dict[str, Region]  # full and short names -> region

    def get(self, name: str | None) -> Region | None:
        return None if name is None else self.by_name.get(name)

    def by_area_code(self, code: str, province: Region | None = None) -> Region | None:
        """The one city using `code` (in `province` when given), or None when it is not unique."""
        found = {
            r.name: r
            for r in self.by_name.values()
            if r.level == "municipal"
            and r.area_code == code
            and (province is None or r.parent == province.name)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def province_of(self, region: Region | None) -> Region | None:
        while region is not None and region.level not in ("provincial", "national"):
            region = self.get(region.parent)
        return region if region is not None and region.level == "provincial" else None


def _short(name: str) -> str:
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@cache
def regions() -> RegionTable:
    raw = load_yaml("regions.yaml")
    country = Region(raw["country"]["name"], raw["country"]["name"], "national", None, None)
    by_name: dict[str, Region] = {country.name: country}
    for name, (short, _capital, code) in raw["provinces"].items():
        by_name[name] = by_name[short] = Region(name, short, "provincial", country.name, str(code))
    for province, cities in raw["cities"].items():
        for city, code in cities.items():
            if city in by_name:  # a province-level municipality is listed as a city too
                continue
            region = Region(city, _short(city), "municipal", province, str(code))
            by_name[city] = region
            by_name.setdefault(region.short, region)  # a province's short name wins (吉林)
    return RegionTable(country, by_name)


# ----------------------------------------------------------------------------- departments


@dataclass(frozen=True)
class BodyKind:
    key: str
    provincial: str
    municipal: str
    forms: tuple[str, ...]
    prefix: str = ""  # 国家税务总局 for 江苏省税务局


@dataclass(frozen=True)
class DepartmentTable:
    national: dict[str, str]  # printed form (name or alias) -> canonical name
    bodies: tuple[BodyKind, ...]
    divisions: tuple[str, ...]

    def form_kind(self) -> dict[str, BodyKind]:
        return {form: body for body in self.bodies for form in body.forms}


@cache
def departments() -> DepartmentTable:
    raw = load_yaml("departments.yaml")
    national: dict[str, str] = {}
    for name, aliases in raw["national"].items():
        national[name] = name
        for alias in aliases or ():
            national.setdefault(alias, name)
    bodies = tuple(
        BodyKind(key, spec["provincial"], spec["municipal"], tuple(spec["forms"]), spec.get("prefix", ""))
        for key, spec in raw["bodies"].items()
    )
    return DepartmentTable(national, bodies, tuple(raw["divisions"]))


# ----------------------------------------------------------------------------- designations


@dataclass(frozen=True)
class DesignationEntry:
    name: str
    aliases: tuple[str, ...]
    level: str | None  # the level when the text names none


@dataclass(frozen=True)
class DesignationTable:
    entries: tuple[DesignationEntry, ...]
    ladders: tuple[tuple[str, ...], ...]
    level_words: dict[str, str]  # printed word -> level
    level_names: dict[tuple[str, str], str]  # (name, level) -> the name at that level
    brands: tuple[str, ...] = ()  # 中关村: a zone's own variant of a title, part of its name

    def by_form(self) -> dict[str, DesignationEntry]:
        out: dict[str, DesignationEntry] = {}
        for entry in self.entries:
            for form in (entry.name, *entry.aliases):
                out.setdefault(form, entry)
        return out

    def get(self, name: str) -> DesignationEntry | None:
        return next((e for e in self.entries if e.name == name), None)


@cache
def designations() -> DesignationTable:
    raw = load_yaml("designations.yaml")
    entries = tuple(
        DesignationEntry(d["name"], tuple(d.get("aliases") or ()), d.get("level"))
        for d in raw["designations"]
    )
    words = {word: level for level, ws in raw["level_words"].items() for word in ws}
    level_names = {
        (name, level): other
        for name, spec in (raw.get("level_names") or {}).items()
        for level, other in spec.items()
    }
    ladders = tuple(tuple(ladder) for ladder in raw["ladders"])
    return DesignationTable(entries, ladders, words, level_names, tuple(raw.get("brands") or ()))


# ----------------------------------------------------------------------------- benefits


@dataclass(frozen=True)
class BenefitTable:
    types: tuple[tuple[str, tuple[str, ...]], ...]  # (type, words), in priority order
    other: tuple[str, ...]


@cache
def benefits() -> BenefitTable:
    raw = load_yaml("benefits.yaml")
    types = tuple((name, tuple(words)) for name, words in raw["types"].items())
    return BenefitTable(types, tuple(raw.get("other") or ()))


# ----------------------------------------------------------------------------- document numbers


@dataclass(frozen=True)
class DocNumberTable:
    national: dict[str, str]  # 文号 prefix -> national body
    provinces: dict[str, str]  # one-character abbreviation -> province
    bodies: dict[str, str]  # body code -> a printed body form of departments.yaml


@cache
def doc_numbers() -> DocNumberTable:
    raw = load_yaml("docnumbers.yaml")
    return DocNumberTable(dict(raw["national"]), dict(raw["provinces"]), dict(raw["bodies"]))


# ----------------------------------------------------------------------------- cue words


@cache
def cues(group: str) -> dict[str, re.Pattern[str]]:
    """The cue patterns of one group of cues.yaml (relations, programs), each list joined by "|"."""
    raw = load_yaml("cues.yaml")
    try:
        return {name: re.compile("|".join(words)) for name, words in raw[group].items()}
    except (KeyError, re.error) as exc:
        raise InputError(str(LEXICON_DIR / "cues.yaml"), f"bad cue group {group!r}: {exc}") from exc
