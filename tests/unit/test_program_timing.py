"""When a program is open and in force (api/graphql/timing.py), from the properties extraction
stores: the rules the openOn / closingBefore filters and the `on` arguments rest on."""

from __future__ import annotations

from datetime import date

import pytest

from api.graphql.timing import ProgramTiming, out_of_date

# 000 江苏省企业技术中心: 申报时间 6 月（具体时间以每年通知为准）
JUNE = ProgramTiming.from_row({"id": "p", "recurring": [6]})
# 003 省创新联合体: 6-8月
SUMMER = ProgramTiming.from_row({"id": "p", "recurring": [6, 7, 8]})
# 001 南京 重大设备技改: 网上申报受理时间为2025年12月9日-12月23日
TECH = ProgramTiming.from_row({"id": "p", "opensOn": "2025-12-09", "closesOn": "2025-12-23"})
# 001 三走进: 于1月23日前报省工信厅 (no printed start)
DEADLINE = ProgramTiming.from_row({"id": "p", "closesOn": "2026-01-23"})
# 北京 导引 氢能: 2022年8月11日起，有效期3年
HYDROGEN = ProgramTiming.from_row(
    {"id": "p", "opensOn": "2022-08-11", "validFrom": "2022-08-11", "validUntil": "2025-08-10"}
)


@pytest.mark.parametrize(
    ("timing", "day", "open_"),
    [
        (JUNE, date(2025, 6, 1), True),
        (JUNE, date(2025, 6, 30), True),
        (JUNE, date(2025, 7, 1), False),
        (TECH, date(2025, 12, 9), True),  # both ends count
        (TECH, date(2025, 12, 23), True),
        (TECH, date(2025, 12, 24), False),
        (TECH, date(2025, 12, 8), False),
        (DEADLINE, date(2026, 1, 1), True),
        (DEADLINE, date(2026, 1, 24), False),
        (HYDROGEN, date(2024, 1, 1), True),
        (HYDROGEN, date(2025, 8, 11), False),  # the window has no end, but the measure lapsed
    ],
)
def test_open_on(timing: ProgramTiming, day: date, open_: bool) -> None:
    assert timing.open_on(day) is open_


def test_a_program_without_a_window_is_never_open() -> None:
    validity_only = ProgramTiming.from_row({"id": "p", "validFrom": "2026-04-01"})
    assert not validity_only.open_on(date(2026, 5, 1))
    assert validity_only.closes(date(2026, 5, 1)) is None


def test_a_recurring_window_closes_at_the_end_of_its_run_of_months() -> None:
    assert SUMMER.closes(date(2025, 6, 10)) == date(2025, 8, 31)
    assert SUMMER.closes(date(2025, 8, 31)) == date(2025, 8, 31)
    assert SUMMER.closes(date(2025, 9, 1)) is None  # not open then: no closing to speak of
    assert SUMMER.closes() is None
    winter = ProgramTiming.from_row({"id": "p", "recurring": [11, 12, 1]})
    assert winter.closes(date(2025, 12, 5)) == date(2026, 1, 31)
    assert TECH.closes() == TECH.closes(date(2020, 1, 1)) == date(2025, 12, 23)


def test_out_of_date_means_closed_or_lapsed_not_unopened() -> None:
    assert TECH.out_of_date(date(2025, 12, 24))
    assert not TECH.out_of_date(date(2025, 12, 1))  # not yet open is still to come
    assert not JUNE.out_of_date(date(2099, 1, 1))  # a yearly window never closes for good
    assert HYDROGEN.out_of_date(date(2025, 8, 11))
    assert not out_of_date({}, "unknown", date(2025, 1, 1))


def test_a_program_stating_no_validity_has_its_policies() -> None:
    row = {
        "id": "p",
        "recurring": [3],
        "basisFrom": ["2024-01-01", "2024-03-01"],
        "basisUntil": ["2025-12-31", "2026-12-31"],
    }
    timing = ProgramTiming.from_row(row)
    assert (timing.valid_from, timing.valid_until) == (date(2024, 3, 1), date(2025, 12, 31))
    assert timing.open_on(date(2025, 3, 3)) and not timing.open_on(date(2026, 3, 3))
    own = ProgramTiming.from_row({**row, "validUntil": "2030-12-31"})
    assert own.valid_until == date(2030, 12, 31) and own.open_on(date(2026, 3, 3))


def test_unreadable_values_are_ignored() -> None:
    timing = ProgramTiming.from_row({"id": "p", "opensOn": "2024-04", "recurring": [0, 13, 5]})
    assert timing.opens_on is None and timing.recurring == frozenset({5})
