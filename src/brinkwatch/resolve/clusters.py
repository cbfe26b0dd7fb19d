"""Event clusters: one real-world event, however many articles report it.

Two event reports **match** when all of these hold:

- the same PLOVER type and the same realis (actual only with actual; planned, hypothetical,
  conditional and negated reports each stay among their own kind);
- compatible actors and recipients: the same code, or unknown on one side (sector may
  differ), with at least one of the two known and equal on both sides;
- dates close enough for their precision (see :mod:`.reports`): day-precision dates at most
  one day apart, weeks and months overlapping, and a report without a date placed at its
  publication date, within two days, and then only when actor *and* recipient are known and
  equal;
- compatible places: the same country, or unknown on one side.

Clustering is greedy and complete-linkage: reports are taken in canonical order (date,
publication, document, offset) and each joins the best-scoring cluster whose members it
*all* matches, or founds a new one. Complete linkage keeps chains apart (strikes on the 1st,
2nd and 3rd do not become one event through the 2nd). A cluster's id is derived from its
founding report's event id, so :func:`recluster` gives the same ids every time it runs.

:func:`update_clusters` places the reports not yet in a cluster (after an ingest) into the
existing clusters; it is the same greedy step, seeded with the stored clusters, so reports
ingested in date order cluster exactly as :func:`recluster` would cluster them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from ..store.base import EventFilter
from ..store.sqlite import SqliteStore, filter_sql
from .reports import TOLERANCE_DAYS, Report, Window, load_reports, parse_date
from .sources import canonical_outlet, independent_sources

__all__ = ["Cluster", "cluster_rows", "clusters", "pair_score", "recluster", "update_clusters"]

_MAX_TOLERANCE = max(TOLERANCE_DAYS.values())  # the widest, in days


@dataclass(frozen=True)
class Cluster:
    """One real-world event and the reports of it."""

    cluster_id: str
    event: str
    realis: str
    actor: str | None
    recipient: str | None
    date: str | None
    date_end: str | None
    location: str | None  # country code
    reports: int  # distinct documents reporting it
    outlets: list[str]
    sources: int  # independent sources (see .sources)
    source_names: list[str]
    first_reported: str | None
    last_reported: str | None
    event_ids: list[str]
    doc_ids: list[str]

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


# -- matching --------------------------------------------------------------------------------


def _side_score(a: str | None, b: str | None) -> float | None:
    if a is not None and b is not None:
        return 2.0 if a == b else None
    return 0.5 if (a is None) != (b is None) else 0.0


def _date_score(wa: Window, wb: Window) -> float | None:
    gap = wa.gap(wb)
    if gap > max(wa.tolerance, wb.tolerance):
        return None
    if "undated" in (wa.precision, wb.precision):
        return 0.3
    if wa.precision == wb.precision == "day":
        return 1.0 if gap == 0 else 0.6
    return 0.5


def _place_score(a: Report, b: Report) -> float | None:
    if a.country and b.country and a.country != b.country:
        return None
    if a.place and a.place == b.place:
        return 1.0
    return 0.7 if a.country and a.country == b.country else 0.3


def pair_score(a: Report, b: Report) -> float | None:
    """How well two reports match (higher is better), or None when they cannot be one event."""
    if a.event != b.event or a.realis != b.realis:
        return None
    wa, wb = a.window, b.window
    if wa is None or wb is None:
        return None
    actor, recipient = _side_score(a.actor, b.actor), _side_score(a.recipient, b.recipient)
    if actor is None or recipient is None or max(actor, recipient) < 2.0:
        return None
    if "undated" in (wa.precision, wb.precision) and actor + recipient < 4.0:
        return None
    when = _date_score(wa, wb)
    where = _place_score(a, b)
    if when is None or where is None:
        return None
    return actor + recipient + when + where


# -- greedy clustering -----------------------------------------------------------------------


def _cluster_id(founder_event_id: str) -> str:
    return "c" + hashlib.sha1(founder_event_id.encode("utf-8")).hexdigest()[:12]


@dataclass
class _Group:
    cluster_id: str
    order: int  # creation order: earlier clusters win ties
    members: list[Report]
    window: Window | None
    scores: dict[str, float] = field(default_factory=dict)
    changed: bool = False

    def add(self, report: Report, score: float | None) -> None:
        self.members.append(report)
        self.scores[report.event_id] = score if score is not None else 0.0
        self.changed = True
        w = report.window
        if w is not None and self.window is not None:
            self.window = Window(
                min(self.window.start, w.start), max(self.window.end, w.end), "range"
            )

    def fit(self, report: Report) -> float | None:
        total = 0.0
        for member in self.members:
            score = pair_score(report, member)
            if score is None:
                return None
            total += score
        return total / len(self.members)


def _tags(report: Report) -> list[tuple[str, str, str]]:
    """The index keys of a report: every match needs the same actor or the same recipient."""
    found = []
    if report.actor:
        found.append((report.event, report.realis, "actor:" + report.actor))
    if report.recipient:
        found.append((report.event, report.realis, "recipient:" + report.recipient))
    return found


class _OpenClusters:
    """The clusters a report may still join, indexed by type, realis and known actor or
    recipient, dropped once they end too early for the reports still to come."""

    def __init__(self) -> None:
        self._index: dict[tuple[str, str, str], list[_Group]] = {}

    def register(self, group: _Group, report: Report) -> None:
        for tag in _tags(report):
            listed = self._index.setdefault(tag, [])
            if not any(g is group for g in listed):
                listed.append(group)

    def candidates(self, report: Report, horizon: date) -> list[_Group]:
        found: dict[str, _Group] = {}
        for tag in _tags(report):
            listed = self._index.get(tag)
            if not listed:
                continue
            # reports come in order of window start: a cluster that ends before the horizon
            # of this report ends too early for every later one as well
            listed[:] = [g for g in listed if g.window and g.window.end >= horizon]
            for g in listed:
                found.setdefault(g.cluster_id, g)
        return list(found.values())


def _greedy(reports: Iterable[Report], seeded: list[_Group]) -> list[_Group]:
    """Place ``reports`` into ``seeded`` clusters or new ones, in order of their dates."""
    groups = list(seeded)
    # the canonical order is by date already; sorting (stably) also covers unparseable dates
    ordered = sorted(reports, key=lambda r: (r.window is None, r.when or date.max))
    open_clusters = _OpenClusters()
    for g in seeded:
        if g.window is not None:
            for member in g.members:
                open_clusters.register(g, member)
    for report in ordered:
        window = report.window
        best: tuple[float, int, _Group] | None = None
        if window is not None:
            horizon = window.start - timedelta(days=_MAX_TOLERANCE)
            for g in open_clusters.candidates(report, horizon):
                score = g.fit(report)
                if score is not None and (best is None or (score, -g.order) > best[:2]):
                    best = (score, -g.order, g)
        if best is not None:
            group = best[2]
            group.add(report, best[0])
        else:
            group = _Group(_cluster_id(report.event_id), len(groups), [], window)
            group.add(report, None)
            groups.append(group)
        if window is not None:
            open_clusters.register(group, report)
    return groups


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent known value; ties go to the one met first."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)


def _summary(members: list[Report]) -> dict[str, Any]:
    windows = [w for w in (m.window for m in members) if w is not None]
    days = [w.start.isoformat() for w in windows if w.precision == "day"]
    ranges = [w for w in windows if w.precision == "range"]
    date: str | None = None
    date_end: str | None = None
    if days:
        date = _most_common(days)
    elif ranges:
        start, end = max(w.start for w in ranges), min(w.end for w in ranges)
        if start > end:  # no common part: the narrowest
            narrow = min(ranges, key=lambda w: (w.end - w.start, w.start))
            start, end = narrow.start, narrow.end
        date, date_end = start.isoformat(), end.isoformat()
    return {
        "event": members[0].event,
        "realis": members[0].realis,
        "actor_code": _most_common(m.actor for m in members),
        "recipient_code": _most_common(m.recipient for m in members),
        "date": date,
        "date_end": date_end,
        "location_country": _most_common(m.country for m in members),
        "window_start": min(w.start for w in windows).isoformat() if windows else None,
        "window_end": max(w.end for w in windows).isoformat() if windows else None,
        "founder_event_id": members[0].event_id,
    }


def _save(store: SqliteStore, groups: Iterable[_Group]) -> None:
    for g in groups:
        if not g.changed:
            continue
        row = _summary(g.members)
        row["id"] = g.cluster_id
        store.execute(
            "INSERT INTO clusters(id, event, realis, actor_code, recipient_code, date, date_end, "
            "location_country, window_start, window_end, founder_event_id) VALUES (:id, :event, "
            ":realis, :actor_code, :recipient_code, :date, :date_end, :location_country, "
            ":window_start, :window_end, :founder_event_id) ON CONFLICT(id) DO UPDATE SET "
            "event=excluded.event, realis=excluded.realis, actor_code=excluded.actor_code, "
            "recipient_code=excluded.recipient_code, date=excluded.date, "
            "date_end=excluded.date_end, location_country=excluded.location_country, "
            "window_start=excluded.window_start, window_end=excluded.window_end, "
            "founder_event_id=excluded.founder_event_id",
            row,
        )
        for m in g.members:
            store.execute(
                "INSERT INTO cluster_members(event_id, cluster_id, score) VALUES (?,?,?) "
                "ON CONFLICT(event_id) DO UPDATE SET cluster_id=excluded.cluster_id, "
                "score=excluded.score",
                (m.event_id, g.cluster_id, g.scores.get(m.event_id)),
            )


def recluster(store: SqliteStore) -> int:
    """Cluster every stored event report from scratch; returns the number of clusters.

    Deterministic and idempotent: the same reports always give the same clusters and ids.
    """
    with store.atomic():
        store.execute("DELETE FROM cluster_members")
        store.execute("DELETE FROM clusters")
        groups = _greedy(load_reports(store), [])
        _save(store, groups)
    return len(groups)


_WHEN = "COALESCE(e.date, d.published)"
_UNPLACED = "e.id NOT IN (SELECT event_id FROM cluster_members)"
_IN_CLUSTERS = " JOIN cluster_members m ON m.event_id = e.id JOIN clusters c ON c.id = m.cluster_id"


def _order_key(r: Report) -> tuple[Any, ...]:
    when = r.date or r.published
    return (when is None, when or "", r.published is None, r.published or "", r.doc_id,
            r.start, r.event_id)  # fmt: skip


def _clusters_before(store: SqliteStore, since: str, since_day: date) -> list[_Group]:
    """The stored clusters as they stood before the reports dated from ``since`` on were
    placed: their earlier members only, and only those still open for such reports."""
    condition = f"c.window_end >= ? AND NOT ({_WHEN} >= ?)"
    params = ((since_day - timedelta(days=_MAX_TOLERANCE)).isoformat(), since)
    placed = {
        row["event_id"]: (row["cluster_id"], row["score"])
        for row in store.query(
            "SELECT m.event_id, m.cluster_id, m.score FROM events e JOIN documents d "
            f"ON d.id = e.document_id {_IN_CLUSTERS} WHERE {condition}",
            params,
        )
    }
    by_id: dict[str, _Group] = {}
    for report in load_reports(store, condition, params, joins=_IN_CLUSTERS):
        cluster_id, score = placed[report.event_id]
        group = by_id.get(cluster_id)
        if group is None:
            group = by_id[cluster_id] = _Group(cluster_id, 0, [], report.window)
        group.add(report, score)
    # creation order: the earlier a cluster's founder, the earlier it was made
    seeded = sorted(by_id.values(), key=lambda g: _order_key(g.members[0]))
    for i, g in enumerate(seeded):
        g.order = i
    return seeded


def update_clusters(store: SqliteStore) -> int:
    """Place every event report that is in no cluster yet; returns how many were placed.

    The greedy pass is replayed from the date of the earliest new report on (the clusters
    as they stood before that date are kept), so the result is the one :func:`recluster`
    gives, whatever order the articles arrived in; news of the last days replays little.
    """
    with store.atomic():
        rows = store.query(
            f"SELECT COUNT(*) AS n, MIN({_WHEN}) AS since FROM events e JOIN documents d "
            f"ON d.id = e.document_id WHERE {_UNPLACED}"
        )
        count, since = int(rows[0]["n"]), rows[0]["since"]
        if not count:
            return 0
        since_day = parse_date(since)
        if since is None:  # only reports without any date: each is its own cluster
            _save(store, _greedy(load_reports(store, _UNPLACED), []))
            return count
        if since_day is None:
            recluster(store)
            return count
        seeded = _clusters_before(store, since, since_day)
        replay = load_reports(store, f"{_WHEN} >= ? OR {_UNPLACED}", (since,))
        store.execute(
            f"DELETE FROM cluster_members WHERE event_id IN (SELECT e.id FROM events e "
            f"JOIN documents d ON d.id = e.document_id WHERE {_WHEN} >= ?)",
            (since,),
        )
        _save(store, _greedy(replay, seeded))
        store.execute(
            "DELETE FROM clusters WHERE id NOT IN (SELECT cluster_id FROM cluster_members)"
        )
    return count


# -- reading ---------------------------------------------------------------------------------


def _filter_sql(where: EventFilter | None) -> tuple[str, list[Any], str]:
    f = where or EventFilter()
    condition, params = filter_sql(f, "c", since="COALESCE(c.date_end, c.date)")
    limit = f" LIMIT {int(f.limit)}" if f.limit is not None else ""
    return condition, params, limit


def clusters(store: SqliteStore, where: EventFilter | None = None) -> list[Cluster]:
    """The clusters (real-world events) matching ``where``, in date order.

    Event reports not yet clustered (e.g. stored without the after-ingest hook) are placed
    first, so the answer always covers every stored event.
    """
    update_clusters(store)
    condition, params, limit = _filter_sql(where)
    picked = store.query(
        f"SELECT c.* FROM clusters c WHERE {condition} AND EXISTS (SELECT 1 FROM "
        f"cluster_members m WHERE m.cluster_id = c.id) ORDER BY c.date IS NULL, "
        f"COALESCE(c.date, c.window_start), c.window_start, c.id{limit}",
        tuple(params),
    )
    if not picked:
        return []
    ids = [row["id"] for row in picked]
    members: dict[str, list[Report]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.query(
            f"SELECT event_id, cluster_id FROM cluster_members WHERE cluster_id IN ({marks})",
            tuple(chunk),
        )
        cluster_of = {r["event_id"]: r["cluster_id"] for r in rows}
        for report in load_reports(
            store,
            f"e.id IN (SELECT event_id FROM cluster_members WHERE cluster_id IN ({marks}))",
            chunk,
        ):
            members[cluster_of[report.event_id]].append(report)
    return [_cluster(row, members[row["id"]]) for row in picked]


def _cluster(row: Any, members: list[Report]) -> Cluster:
    published = sorted(m.published for m in members if m.published)
    docs: dict[str, None] = {}
    outlets: dict[str, None] = {}
    for m in sorted(members, key=lambda m: (m.published or "", m.doc_id)):
        docs.setdefault(m.doc_id)
        outlet = canonical_outlet(m.outlet)
        if outlet:
            outlets.setdefault(outlet)
    sources = independent_sources(members)
    return Cluster(
        cluster_id=row["id"],
        event=row["event"],
        realis=row["realis"],
        actor=row["actor_code"],
        recipient=row["recipient_code"],
        date=row["date"],
        date_end=row["date_end"],
        location=row["location_country"],
        reports=len(docs),
        outlets=list(outlets),
        sources=len(sources),
        source_names=sources,
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        event_ids=[m.event_id for m in members],
        doc_ids=list(docs),
    )


def cluster_rows(store: SqliteStore, where: EventFilter | None = None) -> list[dict[str, Any]]:
    """One flat row per cluster, for ``brinkwatch events --clusters``."""
    return [c.as_row() for c in clusters(store, where)]
