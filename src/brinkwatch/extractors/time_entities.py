"""spaCy DATE/TIME entities the rules did not match, valued with ``dateparser`` when explicit.

The rules find almost every expression the model labels, and many it misses; what is left
is usually noise ("89" as an age) or vague ("the 99th day"). An entity holding digits and a
month name or a four-digit year is an absolute date in a format the rules do not know
("2024.10.25"); only those are handed to ``dateparser`` (imported on first use, one call per
such entity, cached), never the common cases.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from spacy.tokens import Doc

from ..records import Time

__all__ = ["entity_times"]

_EXPLICIT = re.compile(
    r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d",
    re.IGNORECASE,
)
_FORMATS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}


@functools.lru_cache(maxsize=32)
def _parser(published: dt.date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=4096)
def _parse(text: str, published: dt.date | None) -> tuple[str, str] | None:
    data = _parser(published).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    if period == "time":
        return "TIME", data.date_obj.strftime("%Y-%m-%dT%H:%M")
    return "DATE", data.date_obj.strftime(_FORMATS.get(period, "%Y-%m-%d"))


def entity_times(doc: Doc, seen: list[tuple[int, int]], published: dt.date | None) -> list[Time]:
    """Times for explicit DATE/TIME entities overlapping no span the rules have ``seen``."""
    extra = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or not _EXPLICIT.search(ent.text):
            continue
        start, end = ent.start_char, ent.end_char
        if any(a < end and start < b for a, b in seen):
            continue
        parsed = _parse(ent.text, published)
        if parsed is not None:
            extra.append(Time(text=ent.text, span=(start, end), type=parsed[0], value=parsed[1]))
    return extra
