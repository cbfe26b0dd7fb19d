"""Flat rows for tables, CSV and JSON Lines, derived from the record types (not rewritten)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .records import Commitment, Entity
from .store import StoredEvent

__all__ = ["EVENT_COLUMNS", "commitment_row", "event_row", "to_csv", "to_jsonl"]

EVENT_COLUMNS = (
    "id", "date", "event", "mode", "realis", "actor", "actor_sector", "actor_text",
    "recipient", "recipient_sector", "recipient_text", "location", "event_text", "source",
    "outlet", "doc_id", "confidence",
)  # fmt: skip


def _code(ent: Entity | None) -> str | None:
    return ent.code if ent else None


def event_row(found: StoredEvent) -> dict[str, Any]:
    """One flat row per event (for CSV and tables); JSON Lines carries the full record."""
    e = found.event
    source = found.attribution.source if found.attribution else None
    return {
        "id": e.id,
        "date": e.date,
        "event": e.event,
        "mode": e.mode,
        "realis": e.realis,
        "actor": _code(e.actor),
        "actor_sector": e.actor.sector if e.actor else None,
        "actor_text": e.actor.text if e.actor else None,
        "recipient": _code(e.recipient),
        "recipient_sector": e.recipient.sector if e.recipient else None,
        "recipient_text": e.recipient.text if e.recipient else None,
        "location": (e.location.name or e.location.text) if e.location else None,
        "event_text": e.event_text,
        "source": source.text if source else None,
        "outlet": (found.attribution.outlet if found.attribution else None) or found.outlet,
        "doc_id": found.doc_id,
        "confidence": round(e.confidence, 3),
    }


def event_json(found: StoredEvent) -> dict[str, Any]:
    """The full Event record plus the document it came from."""
    out: dict[str, Any] = found.event.model_dump(mode="json")
    out["doc_id"] = found.doc_id
    out["published"] = found.published
    out["outlet"] = found.outlet
    return out


def commitment_row(c: Commitment) -> dict[str, Any]:
    cq = c.consequence.event
    return {
        "id": c.id,
        "status": c.status,
        "date": c.date,
        "issuer": c.issuer.code,
        "addressee": _code(c.addressee),
        "polarity": c.polarity,
        "condition": c.condition.text,
        "consequence": c.consequence.text,
        "consequence_event": cq.event if cq else None,
        "consequence_actor": _code(cq.actor) if cq else None,
        "consequence_recipient": _code(cq.recipient) if cq else None,
    }


def to_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False)


def to_csv(rows: Iterable[dict[str, Any]], columns: Iterable[str]) -> Iterator[str]:
    """CSV text, a line at a time, header first."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    yield buf.getvalue().rstrip("\r\n")
    for row in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow(row)
        yield buf.getvalue().rstrip("\r\n")
