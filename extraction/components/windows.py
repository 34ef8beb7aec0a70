"""Application windows and periods of validity, read from the words that print them.

    申报时间：3 月（具体时间以每年通知为准）          -> every year in March (recurring months [3])
    网上申报受理时间为2025年12月9日-12月23日       -> opens 2025-12-09, closes 2025-12-23
    于1月23日前报省工信厅 (a notice of 2026-01-14) -> closes 2026-01-23, the year inferred (and said so)
    本细则自2026年2月1日起施行，有效期至2031年1月31日 -> in force from 2026-02-01 until 2031-01-31

Everything here works on one piece of text and returns offsets into it, so that the caller keeps
the printed words and their span as evidence (extraction/timing.py places them in a document).
The cue words are data: the `windows` group of lexicons/cues.yaml.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from extraction.components.clauses import clauses, enclosing, sentences
from extraction.lexicons import cues
from extraction.numerals import chinese_integer

_CUES = cues("windows")
# Full-width digits and colons as ASCII: one character for one, so offsets stay the same.
_WIDE = str.maketrans("０１２３４５６７８９：", "0123456789:")
_SEP = r"(?:[-－—–~～〜]+|至|到)"


def _month(name: str) -> str:
    # a bare number is a month when the range after it names the unit: 9-10月
    return rf"(?P<{name}>\d{{1,2}})(?:\s*月份?|(?=\s*{_SEP}\s*\d{{1,2}}\s*月))"


def _day(name: str) -> str:
    # ... and a day the same way: 2026年2月1-10日
    return rf"(?P<{name}>\d{{1,2}})(?:\s*[日号]|(?=\s*{_SEP}\s*\d{{1,2}}\s*[日号]))"


_POINT = re.compile(
    r"(?<![\d.])(?:"
    # 2024-01-18, 2024.1.18, 2024/1/18
    r"(?P<ny>(?:19|20)\d{2})(?P<ns>[-./])(?P<nm>\d{1,2})(?P=ns)(?P<nd>\d{1,2})(?![\d.])"
    # 2024年 / 2024年3月 / 2024年3月18日, not 2025年度 (the name of a fiscal year)
    rf"|(?P<y>(?:19|20)\d{{2}})\s*年(?!度)(?:\s*{_month('m')}(?:\s*{_day('d')})?)?"
    # 3月 / 3月18日
    rf"|{_month('m2')}(?:\s*{_day('d2')})?"
    # 10日: only ever read as the end of a range (2026年2月1日-10日)
    rf"|{_day('d3')}"
    r")(?P<edge>底|末|初|上旬|中旬|下旬)?"
    # a time of day or a weekday after a date adds nothing: 2026年2月5日16:00, 5月20日（周五）
    r"(?:\s*\d{1,2}:\d{2})?(?:\s*[（(](?:周|星期)[一二三四五六日天][)）])?"
)
# A cue that ends right before a date: 申报时间为 2026年…, 截止时间为 2026年…
_WINDOW_CUE = re.compile(f"(?:{_CUES['window'].pattern})$")
_DEADLINE_CUE = re.compile(f"(?:{_CUES['deadline'].pattern})$")
_EVIDENCE_CHARS = 200
_RANGE_GAP = re.compile(rf"\s*(?:[（(]含[)）])?\s*(?:起|开始)?\s*{_SEP}\s*")
# Words that end in a dated start, an end, or a lapse (the validity patterns below read dates in them).
_DATED = r"(?:19|20)\d{2}\s*年[^，,。；;起]{0,12}?"
_END = r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?(?:底|末)?"
_IN_FORCE = _CUES["in_force"].pattern
# 自2026年2月1日起施行, 自印发之日起实施, 2022年8月11日起，有效期3年
_FROM = re.compile(
    rf"(?:(?P<on>印发|发布|公布|颁布|发文|下发)之日|(?P<when>{_DATED}))\s*(?:起|开始)\s*(?:正式)?"
    rf"(?:(?:{_IN_FORCE})(?!的)|[，,]\s*有效期)"
)
# 有效期至2031年1月31日, 政策实施至2026年12月31日, 暂定执行至2026年, 执行期限至2025年12月底
_UNTIL = re.compile(
    rf"(?:有效期|{_IN_FORCE})\s*(?:期限)?\s*(?:为|是)?\s*[:：]?\s*(?:至|到|截至|截止)\s*(?P<when>{_END})"
)
# 有效期为2023年1月1日至2025年12月31日
_TERM = re.compile(rf"有效期\s*(?:为|是)?\s*[:：]?\s*{_END}\s*{_SEP}\s*(?P<when>{_END})")
# 2025年失效, 2025年12月31日起废止
_LAPSES = re.compile(rf"(?P<when>{_END})\s*(?:起)?\s*(?:失效|废止|到期)")
# 自2023年1月1日至2027年12月31日，对…: the period a (tax) measure applies, heading its sentence
_PERIOD = re.compile(rf"自\s*(?P<start>{_END})\s*(?:起)?\s*{_SEP}\s*(?P<when>{_END})\s*(?:止)?\s*[，,]")
# …起，2025年失效: the start of a term whose end the sentence states otherwise
_STARTS = re.compile(rf"(?P<when>{_DATED})\s*起\s*[，,]")
_STATEMENTS = (_FROM, _UNTIL, _TERM, _LAPSES, _PERIOD, _STARTS)
_YEARS = re.compile(r"有效期\s*(?:为|是)?\s*(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*年")


@dataclass(frozen=True)
class Point:
    """A date as printed: any of year, month and day may be missing."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    edge: str = ""  # 底, 末, 初, 上旬 …: which part of the month (or of the year)

    def first(self, year: int | None = None) -> date:
        """The first day the point covers, in its own year or else in `year`."""
        year = _year(self.year or year)
        if self.month is None:
            return date(year, 12, 31) if self.edge in ("底", "末") else date(year, 1, 1)
        if self.day is not None:
            return date(year, self.month, self.day)
        if self.edge in ("底", "末"):
            return self.last(year)
        return date(year, self.month, {"中旬": 11, "下旬": 21}.get(self.edge, 1))

    def last(self, year: int | None = None) -> date:
        """The last day the point covers (2024年3月 -> 2024-03-31, 2026年 -> 2026-12-31)."""
        year = _year(self.year or year)
        if self.month is None:
            return date(year, 1, 31) if self.edge == "初" else date(year, 12, 31)
        if self.day is not None:
            return date(year, self.month, self.day)
        end = {"初": 10, "上旬": 10, "中旬": 20}.get(self.edge)
        return date(year, self.month, end or calendar.monthrange(year, self.month)[1])


@dataclass(frozen=True)
class Window:
    """When applications are accepted; `start`/`end` are the offsets of the words it was read from."""

    start: int
    end: int
    opens_on: date | None = None
    closes_on: date | None = None
    recurring: tuple[int, ...] = ()  # months (1-12) of a window that comes back every year
    year_inferred: bool = False  # a day printed without its year took the reference's year

    @property
    def dated(self) -> bool:
        return self.opens_on is not None or self.closes_on is not None

    @property
    def found(self) -> bool:
        return self.dated or bool(self.recurring)


@dataclass(frozen=True)
class Validity:
    """When a policy (or the measure a program is) is in force, from the words at start:end."""

    start: int
    end: int
    valid_from: date | None = None
    valid_until: date | None = None
    whole_policy: bool = False  # said of the whole text (本办法…): it holds for every measure in it
    # the sentences that state it (one, or two when start and end are stated apart)
    parts: tuple[tuple[int, int], ...] = ()


def find_points(text: str) -> list[Point]:
    """Every date, month or day printed in `text`, in order."""
    out = []
    for m in _POINT.finditer(text.translate(_WIDE)):
        if m.group("ny"):
            year, month, day = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
        else:
            year = int(m.group("y")) if m.group("y") else None
            month_text = m.group("m") or m.group("m2")
            day_text = m.group("d") or m.group("d2") or m.group("d3")
            month = int(month_text) if month_text else None
            day = int(day_text) if day_text else None
        if month is not None and not 1 <= month <= 12:
            continue
        if day is not None and not _valid_day(year, month, day):
            continue
        out.append(Point(m.start(), m.end(), year, month, day, m.group("edge") or ""))
    return out


def parse_window(text: str, reference: date | None = None) -> Window | None:
    """The window a 申报时间 field prints (its first date or range), or None when it prints none.

    Months without a year or a day (3月, 9-10月) recur every year, and so does anything said to
    happen 每年. A day without a year (1月23日前) is taken in the year of `reference`, the date of
    the notice; with no reference it is read as a recurring month.
    """
    points = find_points(text)
    recurring = bool(_CUES["recurring"].search(text))
    starts = [i for i, p in enumerate(points) if p.month is not None or p.year is not None]
    # 每年3月左右公布，4月左右申报: the month of the call's publication is not the window
    applying = [i for i in starts if not _CUES["announced"].match(text, points[i].end)]
    chosen = (applying or starts)[:1]
    return _window_from(text, points, chosen[0], reference, recurring) if chosen else None


def find_windows(text: str, reference: date | None = None) -> list[tuple[int, Window]]:
    """Windows stated in prose, each with its rank; a lower rank is the more direct statement:
    0 申报时间为 X 至 Y (a window cue, then a date or range); 1 截止时间为 X, X 截止; 2 请于 X 前报送
    (a deadline for handing something in; a yearly one only for an application). Each window spans
    its sentence (of a long one, from the clause that states it). Sentences about settling or paying
    out money, or about what evaluators report, state no window."""
    out: list[tuple[int, Window]] = []
    points = find_points(text)
    spans = sentences(text)
    for i, p in enumerate(points):
        if p.month is None:
            continue  # a year alone (2026年) is no application window
        s, e = enclosing(spans, p.start, p.end)
        sentence = text[s:e]
        if _CUES["not_a_window"].search(sentence):
            continue
        recurring = bool(_CUES["recurring"].search(sentence))
        before = text[max(s, p.start - 16) : p.start]
        found: tuple[int, Window | None] | None = None
        if _WINDOW_CUE.search(before):
            found = (0, _window_from(text, points, i, reference, recurring))
        elif _DEADLINE_CUE.search(before) or _CUES["deadline_after"].match(text, p.end):
            found = (1, _single(p, reference, recurring, closes=True))
        elif _deadline(text, p, s, e) and (not recurring or _CUES["application"].search(sentence)):
            # 每年4月10日前报送填报情况 is a yearly report, 每年6月底前提交申报材料 a yearly call
            found = (2, _single(p, reference, recurring, closes=True))
        if found is not None and found[1] is not None:
            # the sentence is the evidence; of a long one, from the clause that states the window
            start = s if e - s <= _EVIDENCE_CHARS else enclosing(clauses(text, s, e), p.start, p.end)[0]
            out.append((found[0], replace(found[1], start=start, end=e)))
    return out


def find_validity(text: str, issued: date | None = None) -> list[Validity]:
    """Statements of when a policy is in force, one per sentence that makes one: 自2026年2月1日起施行
    (from), 有效期至2031年1月31日 / 执行至2026年 / 2025年失效 (until), 有效期3年 (until, counted from a
    start stated in the same sentence), 自印发之日起施行 (from `issued`, when given)."""
    out = []
    for s, e in sentences(text):
        sentence = text[s:e].translate(_WIDE)
        start, until = _valid_from(sentence, issued), _valid_until(sentence)
        if until is not None and start is None:
            start = _start_of_term(sentence)
        if until is None and start is not None and (years := _YEARS.search(sentence)):
            n = _integer(years.group(1))
            until = _add_years(start, n) - timedelta(days=1) if n else None
        if start is None and until is None:
            continue
        whole = bool(_CUES["whole_policy"].search(sentence))
        if e - s > _EVIDENCE_CHARS:  # of a long sentence, from the clause that states it
            at = s + min(m.start() for p in _STATEMENTS if (m := p.search(sentence)))
            s = enclosing(clauses(text, s, e), at, at + 1)[0]
        out.append(Validity(s, e, start, until, whole, ((s, e),)))
    return out


def merged_validity(found: list[Validity]) -> Validity | None:
    """One period from the statements of one text: the first start and the first end stated,
    spanning the sentences that state them (自…起施行 and 执行至… are often two sentences)."""
    start = next((v for v in found if v.valid_from is not None), None)
    until = next((v for v in found if v.valid_until is not None), None)
    used = [v for v in (start, until) if v is not None]
    if not used:
        return None
    return Validity(
        min(v.start for v in used),
        max(v.end for v in used),
        start.valid_from if start else None,
        until.valid_until if until else None,
        any(v.whole_policy for v in used),
        tuple(sorted({part for v in used for part in v.parts})),
    )


# ----------------------------------------------------------------------------- windows


def _window_from(
    text: str, points: list[Point], i: int, reference: date | None, recurring: bool
) -> Window | None:
    """The window that starts at points[i]: a range (X-Y, X至Y, X起至Y止), or one date with what
    the words after it say of it (X前 and X截止 close, X起 opens; alone it is the whole window)."""
    p = points[i]
    if p.month is None and p.year is None:
        return None  # a day alone (10日) ends a range; it opens none
    q = points[i + 1] if i + 1 < len(points) else None
    if q is not None and _RANGE_GAP.fullmatch(text, p.end, q.start):
        return _range(p, q, reference, recurring)
    if _CUES["deadline_after"].match(text, p.end) or _CUES["before"].match(text, p.end):
        return _single(p, reference, recurring, closes=True)
    if _CUES["from_after"].match(text, p.end):
        return _single(p, reference, recurring, opens=True)
    return _single(p, reference, recurring, opens=True, closes=True)


def _deadline(text: str, p: Point, s: int, e: int) -> bool:
    """请于 X 前报送: 于/在/请 right before the date, 前 right after, something handed in soon after
    in the same sentence (text[s:e])."""
    after = _CUES["before"].match(text, p.end)
    if after is None:
        return False
    cs, _ce = enclosing(clauses(text, s, e), p.start, p.end)
    # what is handed in may follow in the next clause: 于2022年9月27日前，将推荐表…报送
    return bool(
        _CUES["marker"].search(text[max(cs, p.start - 3) : p.start])
        and _CUES["hand_in"].search(text[after.end() : min(e, after.end() + 40)])
    )


def _single(
    p: Point, reference: date | None, recurring: bool, *, opens: bool = False, closes: bool = False
) -> Window:
    if p.year is None and (recurring or p.day is None or reference is None):
        # 3月 (each year's March), 每年5月31日前: a month that comes back, no single date
        return Window(p.start, p.end, recurring=(p.month,) if p.month else ())
    year, inferred = _year_of(p, reference)
    return Window(
        p.start,
        p.end,
        opens_on=p.first(year) if opens else None,
        closes_on=p.last(year) if closes else None,
        year_inferred=inferred,
    )


def _range(p: Point, q: Point, reference: date | None, recurring: bool) -> Window:
    """X-Y: the end takes from the start what it does not print (2025年12月9日-12月23日,
    2026年2月1日-10日), the start its year from the end (12月9日至2026年1月5日)."""
    q = replace(q, year=q.year or p.year, month=q.month or p.month)
    if q.year is None and (recurring or (p.day is None and q.day is None) or reference is None):
        months = _months(p.month, q.month) if p.month and q.month else ()
        return Window(p.start, q.end, recurring=months)
    inferred = False
    if p.year is None and q.year is not None:
        closes = q.last(q.year)
        opens = p.first(q.year)
        if opens > closes:
            opens = p.first(q.year - 1)
    else:
        year, inferred = _year_of(p, reference)
        opens = p.first(year)
        closes = q.last(q.year or year)
        if closes < opens and q.year is None:
            closes = q.last(year + 1)  # 12月20日至1月10日: into the next year
    return Window(p.start, q.end, opens_on=opens, closes_on=closes, year_inferred=inferred)


def _months(first: int, last: int) -> tuple[int, ...]:
    """9, 10 -> (9, 10); 12, 2 -> (12, 1, 2): a run of months, across the new year if it must."""
    out = [first]
    while out[-1] != last and len(out) < 12:
        out.append(out[-1] % 12 + 1)
    return tuple(out)


def _year_of(p: Point, reference: date | None) -> tuple[int, bool]:
    """The point's year, and whether it had to be inferred: the year of `reference`, or the next
    one when the date would fall well before it (a notice of late December about 1月16日前)."""
    if p.year is not None:
        return p.year, False
    if reference is None:
        raise ValueError("a date without its year needs a reference date")
    year = reference.year
    if p.last(year) < reference - timedelta(days=90):
        year += 1
    return year, True


# ----------------------------------------------------------------------------- validity


def _valid_from(sentence: str, issued: date | None) -> date | None:
    m = _FROM.search(sentence) or _PERIOD.search(sentence)
    if m is None:
        return None
    if m.re is _PERIOD:
        return _first_dated(m.group("start"))
    if m.group("on"):  # 自印发之日起施行: the day it was issued, when that is known
        return issued
    return _first_dated(m.group("when"))


def _valid_until(sentence: str) -> date | None:
    found = [
        (m, False) for m in (_TERM.search(sentence), _UNTIL.search(sentence), _PERIOD.search(sentence)) if m
    ]
    found += [(m, True) for m in [_LAPSES.search(sentence)] if m]
    for m, lapse in found:
        if _CUES["not_the_policy"].search(sentence[: m.start()]):
            continue  # 认定有效期至…: the term of a title or a certificate, not the policy's
        points = [p for p in find_points(m.group("when")) if p.year is not None]
        if not points:
            continue
        end = points[-1]
        if lapse and end.day is not None:
            return end.first() - timedelta(days=1)  # 2025年12月31日起废止: in force the day before
        # 2025年失效 with no day printed: in force through that year, as far as the text tells
        return end.last()
    return None


def _start_of_term(sentence: str) -> date | None:
    """2022年8月26日起，2025年失效: a start printed with 起 before an end stated otherwise."""
    m = _STARTS.search(sentence)
    return _first_dated(m.group("when")) if m else None


def _first_dated(words: str) -> date | None:
    points = find_points(words)
    if not points or points[0].year is None:
        return None
    return points[0].first()


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _integer(text: str) -> int:
    return int(text) if text.isdigit() else chinese_integer(text)


# ----------------------------------------------------------------------------- helpers


def _year(year: int | None) -> int:
    if year is None:
        raise ValueError("a date printed without its year needs a year to be read in")
    return year


def _valid_day(year: int | None, month: int | None, day: int) -> bool:
    if month is None:
        return 1 <= day <= 31
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]  # 2000: 29 February is a day
