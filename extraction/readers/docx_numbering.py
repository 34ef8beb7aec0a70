"""Word's automatic list numbers, rendered as the reader of the printed page sees them.

A notice drafted in Word often numbers its measures with a list style (一、 （一） 1.) that lives in
numbering.xml, not in the paragraph's text; without it the prose reader sees no outline. Each
numbered paragraph gets the label Word would print: the level's `lvlText` ("%1、", "（%1）", "%1.")
with each %n replaced by the counter of level n in that level's format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # python-docx's elements; lxml itself loads only with a Word file
    from lxml import etree

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
_CN_DIGITS = "零一二三四五六七八九"


def _attr(el: etree._Element | None, name: str = "val") -> str | None:
    return None if el is None else el.get(f"{{{_W}}}{name}")


def _int(value: str | None, default: int) -> int:
    """A number attribute; a missing or malformed one (a hand-edited file) is the default."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五, 110 -> 一百一十."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + _CN_DIGITS[rest]
    else:
        tail = ("一" if rest < 20 else "") + chinese(rest)  # 一百一十, not 一百十
    return _CN_DIGITS[n // 100] + "百" + tail


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _roman(n: int) -> str:
    out = ""
    for value, digits in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out += digits
            n -= value
    return out


def render(n: int, fmt: str) -> str:
    """The counter `n` in Word's number format `fmt`."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "japaneseCounting",
        "ideographDigital",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal, decimalZero and the formats a policy text does not use


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """The numbering definitions of one document and the running counters of its lists."""

    levels: dict[str, dict[int, _Level]]  # numId -> ilvl -> level
    style_num: dict[str, tuple[str, int]]  # paragraph style id -> (numId, ilvl)
    # numId -> the list it counts in: lists of one definition continue each other (一、 then 二、)
    # unless a list restarts its numbers (startOverride)
    counts_in: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: object) -> Numbering | None:
        """The numbering of a python-docx Document, or None when it defines none."""
        part = document.part  # type: ignore[attr-defined]
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError):
            return None
        abstract: dict[str, dict[int, _Level]] = {}
        for a in numbering.iterfind("w:abstractNum", _NS):
            abstract[_attr(a, "abstractNumId") or ""] = _levels(a)
        levels: dict[str, dict[int, _Level]] = {}
        counts_in: dict[str, str] = {}
        for num in numbering.iterfind("w:num", _NS):
            abstract_id = _attr(num.find("w:abstractNumId", _NS)) or ""
            own = dict(abstract.get(abstract_id, {}))
            restarts = num.find("w:lvlOverride/w:startOverride", _NS) is not None
            counts_in[_attr(num, "numId") or ""] = (
                f"num:{_attr(num, 'numId')}" if restarts else f"abstract:{abstract_id}"
            )
            for override in num.iterfind("w:lvlOverride", _NS):
                ilvl = _int(_attr(override, "ilvl"), 0)
                lvl = override.find("w:lvl", _NS)
                if lvl is not None:
                    own.update(_levels_of([lvl]))
                start = _attr(override.find("w:startOverride", _NS))
                if start is not None and ilvl in own:
                    own[ilvl] = _Level(_int(start, 1), own[ilvl].fmt, own[ilvl].text)
            levels[_attr(num, "numId") or ""] = own
        style_num: dict[str, tuple[str, int]] = {}
        styles = part.styles.element  # type: ignore[attr-defined]
        for style in styles.iterfind("w:style", _NS):
            num_pr = style.find("w:pPr/w:numPr", _NS)
            if num_pr is not None and (num_id := _attr(num_pr.find("w:numId", _NS))):
                style_num[_attr(style, "styleId") or ""] = (
                    num_id,
                    _int(_attr(num_pr.find("w:ilvl", _NS)), 0),
                )
        return cls(levels, style_num, counts_in)

    def label(self, p: etree._Element) -> str:
        """The label Word prints before paragraph `p` ("一、", "（二）", "3."), or ""."""
        num_pr = p.find("w:pPr/w:numPr", _NS)
        num_id: str | None = None
        ilvl = 0
        if num_pr is not None:
            num_id = _attr(num_pr.find("w:numId", _NS))
            ilvl = _int(_attr(num_pr.find("w:ilvl", _NS)), 0)
        else:
            style = _attr(p.find("w:pPr/w:pStyle", _NS))
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""  # numId 0 switches a style's numbering off for this paragraph
        levels = self.levels[num_id]
        if ilvl not in levels or levels[ilvl].fmt in ("bullet", "none"):
            return ""  # a bullet numbers nothing
        counts = self.counters.setdefault(self.counts_in.get(num_id, num_id), {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a new item restarts the lists below it
        text = levels[ilvl].text
        for k in range(ilvl, -1, -1):
            if k in levels:
                value = counts.get(k, levels[k].start)
                text = text.replace(f"%{k + 1}", render(value, levels[k].fmt))
        return text


def _levels(abstract: etree._Element) -> dict[int, _Level]:
    return _levels_of(abstract.iterfind("w:lvl", _NS))


def _levels_of(lvls: object) -> dict[int, _Level]:
    out = {}
    for lvl in lvls:  # type: ignore[attr-defined]
        ilvl = _int(_attr(lvl, "ilvl"), 0)
        start = _int(_attr(lvl.find("w:start", _NS)), 1)
        fmt = _attr(lvl.find("w:numFmt", _NS)) or "decimal"
        text = _attr(lvl.find("w:lvlText", _NS)) or ""
        out[ilvl] = _Level(start, fmt, text)
    return out
