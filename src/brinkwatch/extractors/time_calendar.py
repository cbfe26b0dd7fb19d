"""Calendar arithmetic for TIMEX3 values: points at a granularity, shifts, and their values.

A :class:`Point` is a representative day plus a granularity ("week", "month", ...); its
``value`` is the TIMEX3 form (2024-11-03, 2024-W44, 2024-W44-WE, 2024-10, 2024-Q3, 2024-SU,
2024, 199, 19). Relative expressions shift a point by whole units and keep the unit as their
granularity: "last week" is the week before the publication date's week.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "RANK",
    "Direction",
    "Point",
    "day_in_year",
    "duration_value",
    "pick_occurrence",
    "season_point",
    "shift",
    "time_value_to_dates",
    "weekday_date",
]

Direction = Literal["past", "last", "future", "next", "this", "nearest"]

# how coarse a granularity is: a reference of rank r can anchor units of rank >= r
RANK = {
    "day": 0,
    "weekend": 1,
    "week": 1,
    "month": 2,
    "quarter": 3,
    "half": 3,
    "season": 3,
    "year": 4,
    "decade": 5,
    "century": 6,
}
SEASONS = ("SP", "SU", "FA", "WI")  # winter is counted in the year of its December
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_CLOCK_UNITS = {"hour": "H", "minute": "M", "second": "S"}
_DATE_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE",
               "century": "CE", "weekend": "WE"}  # fmt: skip


@dataclass(frozen=True)
class Point:
    """A calendar period: a day inside it and its granularity (``season`` for seasons)."""

    day: dt.date
    unit: str
    season: str | None = None

    @property
    def value(self) -> str:
        d, unit = self.day, self.unit
        if unit == "day":
            return d.isoformat()
        if unit in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
        if unit == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if unit == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if unit == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if unit == "season":
            return f"{d.year:04d}-{self.season}"
        if unit == "decade":
            return f"{d.year // 10:03d}"
        if unit == "century":
            return f"{d.year // 100:02d}"
        return f"{d.year:04d}"


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: dt.date, unit: str, n: int) -> Point:
    """The period ``n`` units away from the one holding ``day``, at that unit's granularity."""
    if unit in ("hour", "minute", "second"):
        return Point(day, "day")
    if unit == "fortnight":
        return Point(day + dt.timedelta(days=14 * n), "week")
    if unit in ("day", "week", "weekend"):
        step = 1 if unit == "day" else 7
        return Point(day + dt.timedelta(days=step * n), unit)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
    if unit == "season":
        return season_point(_add_months(day, 3 * n))
    return Point(_add_months(day, months.get(unit, 12) * n), unit if unit in months else "year")


def season_point(day: dt.date) -> Point:
    """The season holding ``day`` (meteorological seasons; winter in the year of December)."""
    code = SEASONS[((day.month - 3) % 12) // 3]
    year = day.year - 1 if day.month < 3 else day.year
    return Point(dt.date(year, _SEASON_START[code], 1), "season", code)


def weekday_date(ref: dt.date, weekday: int, direction: Direction) -> dt.date:
    """The ``weekday`` (1 = Monday) relative to ``ref``; past/future include ``ref`` itself."""
    back = (ref.isoweekday() - weekday) % 7
    ahead = (weekday - ref.isoweekday()) % 7
    if direction == "last":
        back = back or 7
    elif direction == "next":
        ahead = ahead or 7
    if direction in ("past", "last"):
        return ref - dt.timedelta(days=back)
    if direction in ("future", "next"):
        return ref + dt.timedelta(days=ahead)
    if direction == "this":
        return ref + dt.timedelta(days=weekday - ref.isoweekday())
    return ref - dt.timedelta(days=back) if back <= ahead else ref + dt.timedelta(days=ahead)


def pick_occurrence(
    ref: dt.date,
    occurrence: Callable[[int], dt.date | None],
    direction: Direction,
    *,
    end: Callable[[dt.date], dt.date] = lambda d: d,
) -> dt.date | None:
    """The yearly occurrence (``occurrence(year)``) nearest ``ref`` in ``direction``.

    ``end`` maps an occurrence to the last day it covers, so that "in March" said during March
    is this March for both past and future readings.
    """
    found = [(d, end(d)) for y in (ref.year - 1, ref.year, ref.year + 1) if (d := occurrence(y))]
    if direction == "this":
        return next((d for d, _ in found if d.year == ref.year), None)
    if direction in ("past", "last"):
        strict = direction == "last"
        past = [d for d, e in found if (e < ref if strict else d <= ref)]
        return max(past) if past else None
    if direction in ("future", "next"):
        strict = direction == "next"
        future = [d for d, e in found if (d > ref if strict else e >= ref)]
        return min(future) if future else None

    def distance(pair: tuple[dt.date, dt.date]) -> tuple[int, int]:
        start, last = pair
        gap = 0 if start <= ref <= last else min(abs((start - ref).days), abs((last - ref).days))
        return gap, 0 if start.year == ref.year else 1

    return min(found, key=distance)[0] if found else None


def day_in_year(month: int, day: int) -> Callable[[int], dt.date | None]:
    def occurrence(year: int) -> dt.date | None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None

    return occurrence


def month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _amount_text(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def duration_value(amount: int | float | str, unit: str) -> str | None:
    """``P3W``, ``PT48H``, ``P2Y``, ``PXW`` for an amount of units (None for unknown units)."""
    if unit == "fortnight":
        amount, unit = (amount * 2 if not isinstance(amount, str) else amount), "week"
    if unit == "quarter":
        amount, unit = (amount * 3 if not isinstance(amount, str) else amount), "month"
    text = amount if isinstance(amount, str) else _amount_text(amount)
    if unit in _CLOCK_UNITS:
        return f"PT{text}{_CLOCK_UNITS[unit]}"
    if unit in _DATE_UNITS:
        return f"P{text}{_DATE_UNITS[unit]}"
    return None


_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?")
_WEEK = re.compile(r"(\d{4})-W(\d\d)(-WE)?")
_MONTH = re.compile(r"(\d{4})-(\d\d)")


def time_value_to_dates(value: str) -> tuple[str | None, str | None]:
    """First and last day of a day, week (Monday..Sunday), weekend or month value."""
    try:
        if m := _DAY.fullmatch(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day.isoformat(), day.isoformat()
        if m := _WEEK.fullmatch(value):
            first = 6 if m[3] else 1
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), first)
            return start.isoformat(), dt.date.fromisocalendar(int(m[1]), int(m[2]), 7).isoformat()
        if m := _MONTH.fullmatch(value):
            start = dt.date(int(m[1]), int(m[2]), 1)
            return start.isoformat(), month_end(start).isoformat()
    except ValueError:
        return None, None
    return None, None
