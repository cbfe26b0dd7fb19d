"""Resolvers: from a rule's match to a TIMEX3 type and value.

Relative expressions are normalised against the publication date ("last week", "on
Tuesday": past tense looks back, future tense forward) or against the date mentioned last
("the following day"). Without a publication date, what cannot be placed keeps a reference
value (PAST_REF, PRESENT_REF, FUTURE_REF) or an underspecified one (XXXX-WXX-2), never a
made-up day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .time_calendar import (
    RANK,
    SEASONS,
    Direction,
    Point,
    day_in_year,
    duration_value,
    month_end,
    pick_occurrence,
    season_point,
    shift,
    weekday_date,
)
from .time_rules import Normalised, TimeType
from .time_syntax import Tense

__all__ = ["Context", "Resolution", "resolve", "template_value"]

Args = dict[str, Normalised | None]

_STEP = {"last": -1, "this": 0, "next": 1}
_REFERENCE_BY_SIGN = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}


@dataclass(frozen=True)
class Resolution:
    type: TimeType
    value: str
    point: Point | None = None


@dataclass
class Context:
    """What a resolver may consult: the publication date, earlier dates, the clause tense."""

    published: dt.date | None
    tense: Callable[[], Tense | None] = lambda: None
    history: list[Point] = field(default_factory=list)

    def reference(self, unit: str) -> dt.date | None:
        """The day of the latest earlier date fine enough for ``unit`` (None if there is none).

        "The following day" follows the last day mentioned; with none before it, there is
        nothing to count from, and the expression keeps a reference value.
        """
        rank = RANK.get(unit, 0)
        for point in reversed(self.history):
            if RANK[point.unit] <= rank:
                return point.day
        return None


def _sign(value: Normalised | None) -> int:
    if isinstance(value, int | float):
        return (value > 0) - (value < 0)
    text = str(value)
    return -1 if text.startswith("-") else 1 if text.startswith("+") else 0


def _step(by: Normalised | None) -> int | None:
    """-1 / 0 / +1 for direction words, the integer otherwise; None for unknown amounts."""
    if isinstance(by, str):
        return _STEP.get(by)
    if isinstance(by, float):
        return int(by) if by.is_integer() else None
    return by


def _direction(value: Normalised | None, tense: Tense | None, default: Direction) -> Direction:
    if value in ("last", "next", "this", "past", "future", "nearest"):
        return value  # type: ignore[return-value]
    if tense == "past":
        return "past"
    if tense in ("future", "modal", "present"):
        return "future"
    return default


def _calendar(args: Args, ctx: Context) -> Resolution | None:
    unit = str(args["unit"])
    step = _step(args.get("by"))
    base = ctx.reference(unit) if args.get("anchor") == "ref" else ctx.published
    if step is None or base is None:
        sign = _sign(args.get("by")) if step is None else (step > 0) - (step < 0)
        return Resolution("DATE", _REFERENCE_BY_SIGN[sign])
    point = shift(base, unit, step)
    return Resolution("DATE", point.value, point)


def _with_part(point: Point, part: Normalised | None) -> Resolution:
    if part:
        return Resolution("TIME", f"{point.value}T{part}", point)
    return Resolution("DATE", point.value, point)


def _day(args: Args, ctx: Context) -> Resolution | None:
    step = _step(args.get("by")) or 0
    base = ctx.reference("day") if args.get("anchor") == "ref" else ctx.published
    generic = args.get("generic") == "present" and step == 0 and ctx.tense() == "modal"
    if base is None or generic:
        return Resolution("DATE", _REFERENCE_BY_SIGN[(step > 0) - (step < 0)])
    return _with_part(Point(base + dt.timedelta(days=step), "day"), args.get("part"))


def _weekday(args: Args, ctx: Context) -> Resolution | None:
    weekday = int(args["weekday"] or 0)
    if ctx.published is None:
        suffix = f"T{args['part']}" if args.get("part") else ""
        return Resolution("TIME" if suffix else "DATE", f"XXXX-WXX-{weekday}{suffix}")
    direction = _direction(args.get("direction"), ctx.tense(), "past")
    day = weekday_date(ctx.published, weekday, direction)
    return _with_part(Point(day, "day"), args.get("part"))


def _month(args: Args, ctx: Context) -> Resolution | None:
    month, day = int(args["month"] or 0), args.get("day")
    if args.get("year_by") is not None and ctx.published is not None:
        year = ctx.published.year + (_step(args["year_by"]) or 0)
        return Resolution("DATE", *_pair(Point(dt.date(year, month, 1), "month")))
    if ctx.published is None:
        text = f"XXXX-{month:02d}" + (f"-{int(day):02d}" if day else "")
        return Resolution("DATE", text)
    direction = _direction(args.get("direction"), ctx.tense(), "nearest")
    if day:
        found = pick_occurrence(ctx.published, day_in_year(month, int(day)), direction)
        return Resolution("DATE", found.isoformat(), Point(found, "day")) if found else None
    first = pick_occurrence(ctx.published, lambda y: dt.date(y, month, 1), direction, end=month_end)
    return Resolution("DATE", f"{first:%Y-%m}", Point(first, "month")) if first else None


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    n = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * n) // 433
    month = (h + n - 7 * m + 90) // 25
    return dt.date(year, month, (h + n - 7 * m + 33 * month + 19) % 32)


def _holiday_in(spec: str) -> Callable[[int], dt.date | None]:
    if m := re.fullmatch(r"(\d\d)-(\d\d)", spec):
        return day_in_year(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"easter([+-]\d+)", spec):
        offset = int(m[1])
        return lambda y: _easter(y) + dt.timedelta(days=offset)
    if spec == "thanksgiving":  # the fourth Thursday of November
        return lambda y: weekday_date(dt.date(y, 11, 1), 4, "future") + dt.timedelta(days=21)
    raise ValueError(f"unknown holiday rule {spec!r}")


def _holiday(args: Args, ctx: Context) -> Resolution | None:
    occurrence = _holiday_in(str(args["holiday"]))
    if args.get("year"):
        found = occurrence(int(args["year"] or 0))
    elif ctx.published is None:
        return None
    else:
        direction = _direction(args.get("direction"), ctx.tense(), "nearest")
        found = pick_occurrence(ctx.published, occurrence, direction)
    return Resolution("DATE", found.isoformat(), Point(found, "day")) if found else None


def _season(args: Args, ctx: Context) -> Resolution | None:
    code = str(args["season"])
    if ctx.published is None:
        return Resolution("DATE", f"XXXX-{code}")
    start = 3 * SEASONS.index(code) + 3
    direction = _direction(args.get("direction"), ctx.tense(), "nearest")
    found = pick_occurrence(
        ctx.published,
        lambda y: dt.date(y, start, 1),
        direction,
        end=lambda d: month_end(shift(d, "month", 2).day),
    )
    return None if found is None else Resolution("DATE", *_pair(season_point(found)))


def _pair(point: Point) -> tuple[str, Point]:
    return point.value, point


def _quarter(args: Args, ctx: Context) -> Resolution | None:
    quarter = args.get("quarter")
    if not isinstance(quarter, int) or not 1 <= quarter <= 4:
        return None
    start = 3 * quarter - 2
    if year := args.get("year"):
        return Resolution("DATE", *_pair(Point(dt.date(int(year), start, 1), "quarter")))
    if ctx.published is None:
        return Resolution("DATE", f"XXXX-Q{quarter}")
    direction = _direction(args.get("direction"), ctx.tense(), "past")
    found = pick_occurrence(
        ctx.published, lambda y: dt.date(y, start, 1), direction,
        end=lambda d: month_end(shift(d, "month", 2).day),
    )  # fmt: skip
    return None if found is None else Resolution("DATE", *_pair(Point(found, "quarter")))


def _half(args: Args, ctx: Context) -> Resolution | None:
    month = 1 if args.get("half") == "first" else 7
    return Resolution("DATE", *_pair(Point(dt.date(int(args["year"] or 0), month, 1), "half")))


def _century(args: Args, ctx: Context) -> Resolution | None:
    ordinal = args.get("ordinal")
    if not isinstance(ordinal, int) or not 1 <= ordinal <= 30:
        return None
    return Resolution("DATE", f"{ordinal - 1:02d}")


def _clock(args: Args, ctx: Context) -> Resolution | None:
    clock = str(args["clock"])
    if args.get("weekday") and ctx.published is not None:
        direction = _direction(None, ctx.tense(), "past")
        day: dt.date | None = weekday_date(ctx.published, int(args["weekday"] or 0), direction)
    else:
        day = ctx.reference("day") or ctx.published
    if day is None:
        return Resolution("TIME", f"XXXX-XX-XXT{clock}")
    return Resolution("TIME", f"{day.isoformat()}T{clock}", Point(day, "day"))


def _weekend(args: Args, ctx: Context) -> Resolution | None:
    if ctx.published is None:
        return Resolution("DATE", "XXXX-WXX-WE")
    direction = _direction(args.get("direction"), ctx.tense(), "past")
    saturday = weekday_date(ctx.published, 6, "future" if direction == "future" else "past")
    if direction != "future" and ctx.published.isoweekday() == 7:
        saturday = ctx.published - dt.timedelta(days=1)
    return Resolution("DATE", *_pair(Point(saturday, "weekend")))


def _amount(args: Args) -> Normalised | None:
    amount = args.get("amount")
    if isinstance(amount, int | float) and (args.get("half") or args.get("half_after")):
        return amount + 0.5
    return amount


def _duration(args: Args, ctx: Context, type_: TimeType = "DURATION") -> Resolution | None:
    amount = _amount(args)
    if amount is None:
        return None
    value = duration_value(amount, str(args["unit"]))
    return Resolution(type_, value) if value else None


def _set(args: Args, ctx: Context) -> Resolution | None:
    return _duration(args, ctx, "SET")


def _within(args: Args, ctx: Context) -> Resolution | None:
    """ "in two weeks": a date ahead in future clauses, else how long something took."""
    amount = _amount(args)
    if ctx.tense() != "future":
        return _duration(args, ctx)
    if not isinstance(amount, int) or ctx.published is None:
        return Resolution("DATE", "FUTURE_REF")
    point = shift(ctx.published, str(args["unit"]), amount)
    return Resolution("DATE", *_pair(point))


_RESOLVERS: dict[str, Callable[[Args, Context], Resolution | None]] = {
    "calendar": _calendar,
    "century": _century,
    "clock": _clock,
    "day": _day,
    "duration": _duration,
    "half": _half,
    "holiday": _holiday,
    "month": _month,
    "quarter": _quarter,
    "season": _season,
    "set": _set,
    "weekday": _weekday,
    "weekend": _weekend,
    "within": _within,
}


def resolve(spec: dict[str, Any], args: Args, ctx: Context) -> Resolution | None:
    return _RESOLVERS[str(spec["kind"])](args, ctx)


_TEMPLATE_POINT = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def template_value(
    template: str, values: dict[str, Normalised | None], type_: TimeType
) -> Resolution | None:
    """A rule's value template filled with its groups ("{year4}-{month:02d}")."""
    try:
        value = template.format_map(values)
    except (KeyError, ValueError, TypeError):
        return None
    point = None
    if type_ == "DATE" and (m := _TEMPLATE_POINT.fullmatch(value)):
        try:
            day = dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError:
            return None
        point = Point(day, "day" if m[3] else "month" if m[2] else "year")
    return Resolution(type_, value, point)
