"""Printed field headings (申报条件, 📞 联系方式, 四、政策优惠 ...) mapped onto FieldName.

The mapping is data (`extraction/data/field_headings.yaml`); this module normalises a printed
heading and recognises heading lines and run-in headings ("3.联系方式：...", "**2. 补助标准。**按...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from extraction.document import FieldName
from extraction.readers.numbering import Marker, parse_marker

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "field_headings.yaml"

# Anything that is not a letter, digit or CJK character, used as a decorative prefix (emoji, ■ ...).
_DECOR = re.compile(r"^[^\w\u4e00-\u9fff（(【\[《“\"]+")
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\*\*|__|`|^#{1,6}\s*")
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_ENGLISH_GLOSS = re.compile(r"\s*/\s*[A-Z][A-Z &\-]+$")


@dataclass(frozen=True)
class Lexicon:
    exact: dict[str, FieldName]
    contains: tuple[tuple[str, FieldName], ...]
    max_contains_len: int
    notice_sections: frozenset[str] = frozenset()  # 工作要求, 其他事项: sections of a whole notice

    def is_notice_section(self, heading: str) -> bool:
        """A heading of a section about the whole notice (not a program's field)."""
        return normalize_heading(heading) in self.notice_sections

    def _joined(self, key: str) -> FieldName | None:
        """支持对象和标准 = 支持对象 + 支持标准: two headings joined, the second sharing the first's head;
        the section holds the money when either part is the benefit, and is a contact when the second
        part is a phone."""
        m = re.fullmatch(r"(.{2,6}?)[和及与、](.{2,6})", key)
        if m is None:
            return None
        first, second = m.groups()
        if self.exact.get(second) is FieldName.CONTACT:
            return FieldName.CONTACT  # 受理科室及电话: an office and its phone, whom to call
        second_full = second if second in self.exact else first[:-2] + second
        names = [self.exact.get(first), self.exact.get(second_full)]
        if None in names or names[0] not in (FieldName.CONDITIONS, FieldName.BENEFIT):
            return None  # 支持方向和支持标准: the directions are the programs, not one's field
        return FieldName.BENEFIT if FieldName.BENEFIT in names else names[0]

    def lookup(self, heading: str, *, loose: bool = False) -> FieldName | None:
        """The field a normalised heading names; `loose` also tries the `contains` rules."""
        key = normalize_heading(heading)
        if not key:
            return None
        name = self.exact.get(key) or self._joined(key)
        if name is not None or not loose or len(key) > self.max_contains_len:
            return name
        for word, field in self.contains:
            if word in key:
                return field
        return None


@cache
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    exact: dict[str, FieldName] = {}
    for field, headings in data["exact"].items():
        for h in headings:
            exact[normalize_heading(h)] = FieldName(field)
    contains = tuple((normalize_heading(w), FieldName(f)) for w, f in data.get("contains", []))
    notice = frozenset(normalize_heading(h) for h in data.get("notice_sections", []))
    return Lexicon(exact, contains, int(data.get("max_contains_len", 12)), notice)


# Cached: the line classifier and the table, card and markdown readers ask again for the same lines
# and cells (46 000 calls for 12 000 distinct strings on the seed texts), four substitutions each.
@lru_cache(maxsize=16384)
def normalize_heading(text: str) -> str:
    text = _MARKUP.sub("", text.strip())
    text = _ENGLISH_GLOSS.sub("", text)
    text = _DECOR.sub("", text)
    text = _SPACES.sub("", text)
    return text.rstrip("：:。.，,；;、").strip("*")


@dataclass(frozen=True)
class HeadingMatch:
    """A field heading found at the start of a line."""

    name: FieldName
    heading: str  # as printed (normalised)
    marker: Marker | None  # its numbering, if any
    content_start: int  # index in the line where the field's own text starts ( == len(line) if none)
    decorated: bool  # printed after an emoji / symbol


_RUN_IN = re.compile(r"^(?P<head>[^：:。，,；;\n]{1,16}?)\s*(?:\*\*)?\s*(?P<sep>[：:。])")
_BRACKETED = re.compile(r"^[【\[](?P<head>[^】\]\n]{1,16})[】\]]\s*(?P<sep>[：:]?)")
_LEADING_MARKUP = re.compile(r"^(?:\s|#{1,6}\s*|\*\*|__|<b>|</b>|<strong>|</strong>|<p>|[-*+]\s)*", re.I)


def match_heading_line(line: str, *, allow_bare: bool = True) -> HeadingMatch | None:
    """Recognise a field heading at the start of `line` (a raw markdown line).

    Three shapes: a bare heading alone on its line ("申报条件", "五、\t<b>申报条件</b>"), a run-in
    heading ending with a colon or full stop ("3.联系方式：...", "（2）补助标准。按..."), and a
    decorated heading after an emoji ("📞 **联系方式:** 工业和信息化部").
    """
    lex = lexicon()
    pos = _LEADING_MARKUP.match(line).end()
    rest = line[pos:]
    decor = _DECOR.match(rest)
    decorated = False
    if decor and not parse_marker(rest):
        decorated = bool(decor.group().strip())
        pos += decor.end()
        rest = line[pos:]
    marker = parse_marker(rest)
    if marker is not None:
        pos += marker.length
        rest = line[pos:]
        lead = _LEADING_MARKUP.match(rest).end()
        pos += lead
        rest = line[pos:]
    plain = _MARKUP.sub("", rest).strip()
    bare = allow_bare and bool(plain) and len(normalize_heading(plain)) <= 20
    if bare:
        name = lex.lookup(plain)
        if name is not None:
            return HeadingMatch(name, normalize_heading(plain), marker, len(line), decorated)
    m = _BRACKETED.match(rest) or _RUN_IN.match(rest)
    if m:
        name = lex.lookup(m.group("head"), loose=decorated)
        if name is not None:
            end = pos + m.end()
            # skip closing emphasis right after the separator: "**2. 补助标准。**按..."
            tail = re.match(r"(?:\s|\*\*|__|</b>|</strong>)*", line[end:])
            end += tail.end() if tail else 0
            return HeadingMatch(name, normalize_heading(m.group("head")), marker, end, decorated)
    # a decorated heading in other words ("📄 申报主体及条件") when it has no run-in text
    if bare and decorated and not re.search(r"[：:。]", plain):
        name = lex.lookup(plain, loose=True)
        if name is not None:
            return HeadingMatch(name, normalize_heading(plain), marker, len(line), decorated)
    return None


_INLINE = re.compile(
    # at a line start, optionally numbered; mid-line only after a space or a full stop and numbered
    r"(?:(?:^|\n)(?P<lead>[ \t]*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．][ \t]*)?)"
    r"|(?<=[ \t。；;])(?P<mid>(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．][ \t]*)))"
    r"(?P<head>[^：:\n。，,；;]{2,12}?)[ \t]*[：:]"
)


_INLINE_CONTACT = re.compile(
    r"(?<=[。；;])[ \t]*(?P<head>政策指导及联系方式|联系方式|联系电话|咨询电话|联系人及电话|联系人)[ \t]*[：:]"
)


def inline_headings(text: str) -> list[tuple[int, int, FieldName, str]]:
    """Run-in headings of clean text: at line starts ("政策指导及联系方式：", "3.联系方式："),
    numbered mid-line ("… 3.联系方式："), or a contact label right after a full stop.
    Returns (heading start, content start, field, heading) in order."""
    out = []
    lex = lexicon()
    for m in _INLINE.finditer(text):
        name = lex.lookup(m.group("head"))
        if name is not None:
            lead = "lead" if m.group("lead") is not None else "mid"
            out.append((m.start(lead), m.end(), name, normalize_heading(m.group("head"))))
    for m in _INLINE_CONTACT.finditer(text):
        if not any(a <= m.start("head") < b for a, b, _, _ in out):
            out.append((m.start("head"), m.end(), FieldName.CONTACT, m.group("head")))
    return sorted(out)
