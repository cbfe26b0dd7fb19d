"""The crisis summary ``make run`` prints: dyads, sources, red lines and the timeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..records import Commitment
from ..resolve.clusters import Cluster, clusters
from ..store import StoreBackend
from ..store.sqlite import SqliteStore

__all__ = ["CrisisSummary", "DyadRow", "summarize"]


@dataclass
class DyadRow:
    actor: str
    recipient: str
    events: int
    types: dict[str, int]
    realis: dict[str, int]
    first: str | None
    last: str | None


@dataclass
class CrisisSummary:
    counts: dict[str, int]
    dyads: list[DyadRow] = field(default_factory=list)
    sources: list[dict[str, object]] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    timeline: list[dict[str, object]] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)  # most-reported real-world events


def summarize(store: StoreBackend, *, top: int = 15) -> CrisisSummary:
    """Group the stored events by dyad, the attributions by source and outlet, and list the
    red lines and the dated events in order."""
    summary = CrisisSummary(counts=store.counts())
    by_dyad: dict[tuple[str, str], list[tuple[str, str, str | None]]] = defaultdict(list)
    for found in store.events():
        e = found.event
        key = (e.actor.code if e.actor and e.actor.code else "?",
               e.recipient.code if e.recipient and e.recipient.code else "—")  # fmt: skip
        by_dyad[key].append((e.event, e.realis, e.date))
        if e.date:
            summary.timeline.append(
                {"date": e.date, "event": e.event, "realis": e.realis, "actor": key[0],
                 "recipient": key[1], "text": e.event_text, "doc_id": found.doc_id}
            )  # fmt: skip
    for (actor, recipient), rows in sorted(by_dyad.items(), key=lambda kv: -len(kv[1]))[:top]:
        dates = sorted(d for _, _, d in rows if d)
        summary.dyads.append(
            DyadRow(
                actor=actor,
                recipient=recipient,
                events=len(rows),
                types=dict(Counter(t for t, _, _ in rows).most_common()),
                realis=dict(Counter(r for _, r, _ in rows).most_common()),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
            )
        )
    if isinstance(store, SqliteStore):
        for row in store.query(
            "SELECT COALESCE(source_text, '(unnamed)') AS source, source_code AS code, "
            "source_named AS named, outlet, COUNT(*) AS claims FROM attributions "
            "GROUP BY source, code, outlet ORDER BY claims DESC, source LIMIT ?",
            (top,),
        ):
            summary.sources.append(dict(row))
        real = [c for c in clusters(store) if c.realis == "actual"]
        real.sort(key=lambda c: (-c.reports, -c.sources, c.date or "", c.cluster_id))
        summary.clusters = real[:top]
    summary.commitments = list(store.commitments())
    summary.timeline.sort(key=lambda r: str(r["date"]))
    return summary
