"""When a program is open, and when it (or the policy it is a measure of) is in force: node properties.

A program's window comes from its 申报时间 field when that prints a date or a recurring month, else
from the most direct window statement of its other fields (申报受理时间为…, 截止时间为…, 请于…前报送).
Its validity is what its own text says (自…起施行, 有效期至…, 执行至…); the measures of one prose
policy also take what the policy says of itself (本办法自…起施行, usually in its last article). A
policy summary's validity is read from its whole span. Every value keeps the printed words, and on a
program (which belongs to one document) their span in the document, like the evidence of a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extraction.components.windows import (
    Validity,
    Window,
    find_validity,
    find_windows,
    merged_validity,
    parse_window,
)
from extraction.document import DocFormat, FieldName, SourceDocument, TextField, Unit, UnitKind
from schema.graph import PropertyValue

Properties = dict[str, PropertyValue | None]

_WINDOW_CHARS = 200  # of the printed window kept on the node
_VALIDITY_CHARS = 300
# Fields whose prose states no window or validity (a window field is read as a whole, apart).
_NOT_PROSE = (FieldName.WINDOW, FieldName.LINK, FieldName.TITLE)


@dataclass(frozen=True)
class Stated:
    """A period of validity with the words that state it and their span in the document."""

    validity: Validity
    text: str
    span: tuple[int, int]


def reference_date(*isos: str | None) -> date | None:
    """The first given ISO date (2026-01-26, or partly printed: 2024-04, 2024) as a date; a partial
    one stands for its first day. A month and day printed without a year are read in its year."""
    for iso in isos:
        parts = (iso or "").split("-")
        try:
            month = int(parts[1]) if len(parts) > 1 else 1
            return date(int(parts[0]), month, int(parts[2]) if len(parts) > 2 else 1)
        except (ValueError, IndexError):
            continue
    return None


def program_timing(unit: Unit, reference: date | None, policy: Stated | None = None) -> Properties:
    """The window and validity properties of the program read from `unit`; `reference` is the date
    of the notice (for the year of 1月23日前), `policy` what the policy the unit is a measure of says
    of its own validity."""
    return {**_window(unit, reference), **_validity(unit, policy)}


def policy_timing(source: SourceDocument, unit: Unit, issued: str | None) -> Properties:
    """The validity of the policy a POLICY unit summarises (`issued`: its ISO date, if known), from
    anywhere in its span (a brochure's 执行期限 paragraph sits between the fields the reader
    labelled). No span is kept: a policy node is shared by the documents that name it, and a span
    means something in one document only."""
    start, end = unit.span
    text = source.text[start:end]
    found = merged_validity(find_validity(text, _exact(issued)))
    if found is None:
        return {}
    return {
        "validFrom": _iso(found.valid_from),
        "validUntil": _iso(found.valid_until),
        "validity": _words(text, found),
    }


def document_validity(source: SourceDocument) -> Stated | None:
    """What a prose policy (a document read as one text of measures) says of its own validity
    (本办法自印发之日起施行，有效期至2025年11月28日), when it says it once: it holds for every measure.
    An article list or a compilation holds many policies, and states nothing for all of them."""
    programs = [u for u in source.units if u.kind is UnitKind.PROGRAM]
    # one scheme's rules read as one program are one text too (its closing 自…起施行 is cut off it)
    one_text = all(u.measure for u in programs) or len(programs) == 1
    if source.format is DocFormat.ARTICLES or not programs or not one_text:
        return None
    issued = _exact(source.published_at)
    stated = []
    for unit in programs:
        for f in unit.fields:
            found = merged_validity([v for v in find_validity(f.text, issued) if v.whole_policy])
            if found is not None:
                stated.append(Stated(found, _words(f.text, found), _span(f, found.start, found.end)))
    if not stated:
        # 第三章 附则 / 第六条 本细则自2024年1月1日起施行，有效期3年: closing articles are no
        # program's, so the whole text is read
        found = merged_validity([v for v in find_validity(source.text, issued) if v.whole_policy])
        if found is not None:
            stated.append(Stated(found, _words(source.text, found), (found.start, found.end)))
    periods = {(s.validity.valid_from, s.validity.valid_until) for s in stated}
    return stated[0] if len(periods) == 1 else None


# ----------------------------------------------------------------------------- a program's


def _window(unit: Unit, reference: date | None) -> Properties:
    printed = unit.get(FieldName.WINDOW)
    printed_text = unit.text_of(FieldName.WINDOW)
    printed_span = _covering(printed)
    for f in printed:
        window = parse_window(f.text, reference)
        if window is not None and window.found:
            return _window_properties(window, printed_text, printed_span)
    # no date in a window field: the most direct statement elsewhere
    found = [
        (_preference(rank, window, (i, window.start)), window, f)
        for i, f in enumerate(unit.fields)
        if f.name not in _NOT_PROSE
        for rank, window in find_windows(f.text, reference)
        if window.found
    ]
    if found:
        _key, window, f = min(found, key=lambda item: item[0])
        end = min(window.end, window.start + _WINDOW_CHARS)  # the span of the words kept
        return _window_properties(window, f.text[window.start : end], _span(f, window.start, end))
    if printed_text:  # 每年申报一次, 具体时间另行通知: the words, with no date to read
        return {
            "window": printed_text[:_WINDOW_CHARS],
            "windowSpan": list(printed_span) if printed_span else None,
        }
    return {}


def _preference(rank: int, window: Window, at: tuple[int, int]) -> tuple[object, ...]:
    """Which statement is the program's window: the most direct rank first; of a stated window
    (申报时间为…) the first printed; of deadlines the earliest, a dated one before a yearly one: the
    first deadline is the applicant's, later ones are the next steps (区级审核于…前, 可在…前另行提供)."""
    if rank == 0:
        return (rank, at)
    return (rank, not window.dated, window.closes_on or date.max, at)


def _window_properties(window: Window, text: str, span: tuple[int, int] | None) -> Properties:
    return {
        "window": text.strip()[:_WINDOW_CHARS],
        "windowSpan": list(span) if span else None,
        "opensOn": _iso(window.opens_on),
        "closesOn": _iso(window.closes_on),
        "windowYearInferred": window.year_inferred if window.dated else None,
        "recurring": list(window.recurring) or None,
    }


def _validity(unit: Unit, policy: Stated | None) -> Properties:
    """The first field that states a validity, else what the whole policy states."""
    stated = policy
    for f in unit.fields:
        if f.name in (FieldName.LINK, FieldName.TITLE):
            continue
        found = merged_validity(find_validity(f.text))
        if found is not None:
            stated = Stated(found, _words(f.text, found), _span(f, found.start, found.end))
            break
    if stated is None:
        return {}
    return {
        "validFrom": _iso(stated.validity.valid_from),
        "validUntil": _iso(stated.validity.valid_until),
        "validity": stated.text,
        "validitySpan": list(stated.span),
    }


# ----------------------------------------------------------------------------- helpers


def _words(text: str, validity: Validity) -> str:
    """The sentences that state a validity, joined by an ellipsis when apart (the span covers both)."""
    return " … ".join(text[a:b].strip() for a, b in validity.parts)[:_VALIDITY_CHARS]


def _exact(iso: str | None) -> date | None:
    """A date printed to the day, for 自印发之日起施行 (2024-04 tells no day it was issued)."""
    return reference_date(iso) if iso and len(iso) == 10 else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _span(f: TextField, start: int, end: int) -> tuple[int, int]:
    """Document offsets covering f.text[start:end] (as assemble.field_span: a reader may rejoin
    pieces of a field out of order, so the lowest and highest offsets, not the first and last)."""
    offsets = f.offsets[start:end]
    return (min(offsets), max(offsets) + 1) if offsets else f.span(start, end)


def _covering(fields: list[TextField]) -> tuple[int, int] | None:
    spans = [_span(f, 0, len(f.text)) for f in fields if f.text]
    return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None
