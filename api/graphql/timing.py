"""When a program is open and in force, for the date filters (programs openOn / closingBefore,
eligible and pathways `on`).

A window with dates is open from `opensOn` to `closesOn`, both included; a missing end is open on
that side (从2023年9月起 has no end, 于…前报送 no printed start). A recurring window (每年3月) is open
in its months, every year. A program is in force from `validFrom` to `validUntil`; one that states
neither is in force while every policy it rests on is. A program is out of date on a day when its
dated window has closed or it is no longer in force; a window not yet open is not out of date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class ProgramTiming:
    opens_on: date | None = None
    closes_on: date | None = None
    recurring: frozenset[int] = frozenset()  # months, 1-12
    valid_from: date | None = None
    valid_until: date | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ProgramTiming:
        """A row of cypher/api_program_timing.cypher."""
        valid_from, valid_until = _date(row.get("validFrom")), _date(row.get("validUntil"))
        if valid_from is None and valid_until is None:
            # in force while all its policies are: the latest start and the earliest end among them
            starts = [d for d in map(_date, row.get("basisFrom") or ()) if d]
            ends = [d for d in map(_date, row.get("basisUntil") or ()) if d]
            valid_from, valid_until = max(starts, default=None), min(ends, default=None)
        return cls(
            opens_on=_date(row.get("opensOn")),
            closes_on=_date(row.get("closesOn")),
            recurring=frozenset(int(m) for m in row.get("recurring") or () if 1 <= int(m) <= 12),
            valid_from=valid_from,
            valid_until=valid_until,
        )

    @property
    def dated(self) -> bool:
        return self.opens_on is not None or self.closes_on is not None

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def window_open(self, day: date) -> bool:
        """Applications are accepted on `day`; a program whose window is unknown is not open."""
        if self.dated:
            return (self.opens_on is None or self.opens_on <= day) and (
                self.closes_on is None or day <= self.closes_on
            )
        return day.month in self.recurring

    def open_on(self, day: date) -> bool:
        return self.window_open(day) and self.in_force(day)

    def closes(self, on: date | None = None) -> date | None:
        """The day the window closes: its printed end; for a recurring window, the end of the run of
        months that holds `on` (None without `on`, or when `on` falls outside its months)."""
        if self.dated:
            return self.closes_on
        if on is None or on.month not in self.recurring:
            return None
        year, month = on.year, on.month
        for _ in range(11):  # 每年11月至次年1月: the run goes on into the next year
            following = month % 12 + 1
            if following not in self.recurring:
                break
            year, month = (year + 1, following) if following == 1 else (year, following)
        return date(year, month, calendar.monthrange(year, month)[1])

    def out_of_date(self, day: date) -> bool:
        """The dated window had closed before `day`, or the program was no longer in force."""
        closed = self.closes_on is not None and self.closes_on < day
        expired = self.valid_until is not None and self.valid_until < day
        return closed or expired


def out_of_date(timing: dict[str, ProgramTiming], program: str, day: date) -> bool:
    """Whether `day` leaves the program out (a program the table lacks states no dates)."""
    found = timing.get(program)
    return found is not None and found.out_of_date(day)


ON_DESCRIPTION = (
    "Leave out programs whose dated application window had closed before this day or that were no "
    "longer in force then (a recurring window such as 每年3月 never closes); leftOut says how many."
)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
