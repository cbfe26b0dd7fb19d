"""Publication dates as ``YYYY-MM-DD``, from whatever shape an input gives them.

ISO dates are taken as written (the publisher's local day, not shifted to UTC). Other
strings go to dateutil, then dateparser ("9:55 AM ET, Sun January 4, 2015"). A value that
does not name a full day (year, month and day, with a four-digit year), or a relative one
("yesterday"), gives ``None``: a guessed day is worse than no day.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from typing import Any

__all__ = ["normalise_date"]

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_FULL_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_EARLIEST_YEAR = 1800
_LATEST_YEAR = 2200
_LONGEST_DATE_TEXT = 120
# Two different defaults: a part the text does not give shows up as a difference.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def normalise_date(value: object) -> str | None:
    """``value`` as ``YYYY-MM-DD``, or None when it does not name a day."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _checked(value.date())
    if isinstance(value, dt.date):
        return _checked(value)
    if isinstance(value, time.struct_time):
        return _checked(dt.date(value.tm_year, value.tm_mon, value.tm_mday))
    text = str(value).strip()
    if not text or len(text) > _LONGEST_DATE_TEXT:
        return None
    iso = _ISO_DAY.match(text)
    if iso:
        try:
            return _checked(dt.date(*(int(part) for part in iso.groups())))
        except ValueError:
            return None
    if not _FULL_YEAR.search(text):  # "3.2.1", "5 days ago": not a publication date
        return None
    return _checked(_parse_with_dateutil(text) or _parse_with_dateparser(text))


def _checked(day: dt.date | None) -> str | None:
    if day is None or not _EARLIEST_YEAR <= day.year <= _LATEST_YEAR:
        return None
    return day.isoformat()


def _parse_with_dateutil(text: str) -> dt.date | None:
    from dateutil import parser

    days = set()
    for default in _DEFAULTS:
        try:
            days.add(parser.parse(text, fuzzy=True, ignoretz=True, default=default).date())
        except (ValueError, OverflowError):
            return None
    return days.pop() if len(days) == 1 else None


def _parse_with_dateparser(text: str) -> dt.date | None:
    parsed = _dateparser()(text, languages=_DATEPARSER_LANGUAGES, settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed is not None else None


# A few languages, not all: loading every language's data costs seconds on the first call.
_DATEPARSER_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl"]
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["custom-formats", "absolute-time"],  # no "yesterday", no timestamps
}


@functools.cache
def _dateparser() -> Any:
    import dateparser  # imported on first use: it is slow to load its language data

    return dateparser.parse
