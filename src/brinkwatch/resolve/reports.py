"""Event reports as the resolve layer compares them: flat, with their document and source.

A :class:`Report` is one stored event (one article's account of something) with what
clustering and red-line tracking need: type, realis, actor and recipient codes, its date
:class:`Window`, place, the document it came from and the attribution that carries it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from ..store.sqlite import SqliteStore

__all__ = [
    "CANONICAL_ORDER",
    "TOLERANCE_DAYS",
    "Precision",
    "Report",
    "Window",
    "codes_compatible",
    "date_window",
    "load_reports",
    "parse_date",
]

Precision = Literal["day", "range", "undated"]

# How far apart (in days) two windows may lie and still describe the same event, by the
# coarser precision of the two: a day-precision date is often off by one (overnight attacks,
# time zones, "yesterday" in a late edition); a week or month must overlap; an event without
# a date is placed at its publication date, and happened up to a couple of days before.
TOLERANCE_DAYS: dict[Precision, int] = {"day": 1, "range": 0, "undated": 2}


@dataclass(frozen=True)
class Window:
    """The dates an event report covers: one day, a range (week, month), or undated."""

    start: dt.date
    end: dt.date
    precision: Precision

    @property
    def tolerance(self) -> int:
        return TOLERANCE_DAYS[self.precision]

    def gap(self, other: Window) -> int:
        """Days between the two windows; 0 when they overlap."""
        return max(0, (other.start - self.end).days, (self.start - other.end).days)


@dataclass(frozen=True)
class Report:
    """One stored event report, flattened for comparison."""

    event_id: str
    event: str
    realis: str
    actor: str | None
    recipient: str | None
    date: str | None
    date_end: str | None
    country: str | None
    place: str | None  # the location's name (or text), lower-cased
    start: int
    sentence: str | None  # the sentence text, when loaded
    document: int  # documents.id
    doc_id: str
    published: str | None
    outlet: str | None
    via: str | None  # the outlet named in the attribution ("told Axios")
    source_code: str | None
    source_sector: str | None
    source_text: str | None
    source_named: bool
    window: Window | None  # see date_window

    @property
    def when(self) -> dt.date | None:
        """The date it happened on (the window's start), else its publication date."""
        return self.window.start if self.window else None


def date_window(date: str | None, date_end: str | None, published: str | None) -> Window | None:
    """The window of a report: its date (to ``date_end``), else its publication date."""
    first = parse_date(date)
    if first is not None:
        last = parse_date(date_end)
        if last is None or last <= first:
            return Window(first, first, "day")
        return Window(first, last, "range")
    when = parse_date(published)
    return Window(when, when, "undated") if when else None


def parse_date(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (anything after the tenth character ignored), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def codes_compatible(a: str | None, b: str | None) -> bool:
    """Two actor codes can be the same actor: equal, or at least one unknown."""
    return a is None or b is None or a == b


# Reports in the order the resolve layer reads them: by the date they happened (else their
# publication date), then as published; ties broken by document and offset, so every run
# over the same data meets them in the same order.
CANONICAL_ORDER = (
    "COALESCE(e.date, d.published) IS NULL, COALESCE(e.date, d.published), "
    "d.published IS NULL, d.published, d.doc_id, e.start, e.id"
)

_SELECT = """
SELECT e.id, e.event, e.realis, e.actor_code, e.recipient_code, e.date, e.date_end,
       e.location_country,
       COALESCE(json_extract(e.record, '$.location.name'),
                json_extract(e.record, '$.location.text')) AS place,
       e.start, {sentence} AS sentence,
       d.id AS document, d.doc_id, d.published, d.outlet,
       a.outlet AS via, a.source_code, a.source_sector, a.source_text, a.source_named
FROM events e
JOIN documents d ON d.id = e.document_id
LEFT JOIN attributions a ON a.id = e.attribution_id
"""
_SENTENCE = "substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"


def load_reports(
    store: SqliteStore,
    where: str = "1=1",
    params: Iterable[Any] = (),
    *,
    with_sentence: bool = False,
    joins: str = "",
) -> list[Report]:
    """The event reports matching the SQL condition ``where`` (over ``e`` events, ``d``
    documents, ``a`` attributions and any ``joins``), in canonical order."""
    sql = (
        _SELECT.format(sentence=_SENTENCE if with_sentence else "NULL")
        + joins
        + f" WHERE {where} ORDER BY {CANONICAL_ORDER}"
    )
    return [_report(row) for row in store.query(sql, tuple(params))]


def _report(row: Any) -> Report:
    place = row["place"]
    return Report(
        event_id=row["id"],
        event=row["event"],
        realis=row["realis"],
        actor=row["actor_code"],
        recipient=row["recipient_code"],
        date=row["date"],
        date_end=row["date_end"],
        country=row["location_country"],
        place=place.strip().lower() if isinstance(place, str) and place.strip() else None,
        start=row["start"],
        sentence=row["sentence"],
        document=row["document"],
        doc_id=row["doc_id"],
        published=row["published"],
        outlet=row["outlet"],
        via=row["via"],
        source_code=row["source_code"],
        source_sector=row["source_sector"],
        source_text=row["source_text"],
        source_named=bool(row["source_named"]),
        window=date_window(row["date"], row["date_end"], row["published"]),
    )
