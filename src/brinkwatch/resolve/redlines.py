"""Red lines over time: what became of each commitment as later articles arrived.

A commitment ("if CONDITION then CONSEQUENCE", issued by ISSUER to ADDRESSEE) moves

    pending ──condition met──▶ triggered ──consequence carried out──▶ honoured
       │                          ├──consequence refused / deadline passed / retracted──▶ breached
       └──retracted──▶ withdrawn

judged only on event reports from *other* documents that happened *after* the commitment:
dated later than the commitment (its date, else its document's publication date), or dated
the same day and published later. The rules, applied to those reports in date order:

- **triggered** (``condition_met``): an *actual* event of the condition's type whose actor
  and recipient are compatible with the condition's (same code or unknown on one side; an
  unknown condition actor is taken to be the addressee), with at least one of them known
  and equal.
- **honoured** (``consequence_carried_out``): after the trigger, an *actual* event matching
  the consequence the same way (an unknown consequence actor is the issuer, an unknown
  recipient the addressee).
- **breached**: after the trigger, (``consequence_refused``) the consequence actor is
  reported *not* doing it (a negated event of the consequence type), or RETREATs from /
  REJECTs it in a sentence that refers to the threat or to retaliation; or
  (``retracted_after_trigger``) the issuer retracts the commitment (as below) once its
  condition was met; or (``deadline_passed``) ``deadline_days`` pass after the trigger with
  no consequence — the time that passes is the store's news clock (the latest publication
  date stored), never the wall clock, so the result depends only on the data.
- **withdrawn** (``retracted``): before any trigger, the issuer is reported retracting it: a
  negated THREATEN by the issuer toward the addressee (threats only), or a RETREAT, CONCEDE
  or REJECT by the issuer toward the addressee (unknown allowed) in a sentence that refers
  to the threat ("threat", "warning", "ultimatum", "red line", "vow", "pledge", ...).

The whole history is recomputed from the stored reports each time, so the result does not
depend on the order in which articles arrived, and recomputing changes nothing. Each
transition keeps the events that caused it (the deciding report and the other reports of
the same event cluster that say the same) and the document of the deciding report.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from ..records import Commitment, Entity
from ..store.sqlite import SqliteStore
from .reports import Report, codes_compatible, load_reports, parse_date

__all__ = [
    "DEFAULT_DEADLINE_DAYS",
    "DEFAULT_RULES",
    "RedLineRules",
    "Transition",
    "commitment_history",
    "track_commitment",
    "update_commitments",
]

DEFAULT_DEADLINE_DAYS = 30

# a sentence that refers to a commitment or to carrying it out
_REFERENCE = (
    r"\b(?:threat\w*|warn\w*|ultimat\w*|red[- ]lines?|vow\w*|pledg\w*|promis\w*|"
    r"deadline\w*|commitment\w*|retaliat\w*|respon(?:d|ds|ded|ding|se|ses)\b)"
)


@dataclass(frozen=True)
class RedLineRules:
    """The settings of the status rules (see the module documentation)."""

    deadline_days: int | None = DEFAULT_DEADLINE_DAYS  # None: no deadline
    retraction_types: tuple[str, ...] = ("RETREAT", "CONCEDE", "REJECT")
    refusal_types: tuple[str, ...] = ("RETREAT", "REJECT")
    reference_pattern: str = _REFERENCE

    def refers(self, sentence: str | None) -> bool:
        if not sentence:
            return False
        return _compiled(self.reference_pattern).search(sentence) is not None


DEFAULT_RULES = RedLineRules()
_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern, re.IGNORECASE)
    return found


@dataclass(frozen=True)
class Transition:
    """One change of a commitment's status, with its evidence."""

    commitment_id: str
    seq: int
    from_status: str
    to_status: str
    rule: str
    date: str | None  # when it happened (the deciding event's date)
    doc_id: str | None  # the document that reported it
    published: str | None
    event_ids: list[str]

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Step:
    """A transition as :func:`track_commitment` finds it, before it is stored."""

    to_status: str
    rule: str
    date: str | None
    document: int | None
    event_ids: list[str]


@dataclass(frozen=True)
class _Parties:
    issuer: str | None
    addressee: str | None
    condition: tuple[str | None, str | None, str | None]  # type, actor, recipient
    consequence: tuple[str | None, str | None, str | None]

    @property
    def codes(self) -> set[str]:
        found = {self.issuer, self.addressee, *self.condition[1:], *self.consequence[1:]}
        return {c for c in found if c}


def _code(ent: Entity | None) -> str | None:
    return ent.code if ent and ent.code else None


def _parties(c: Commitment) -> _Parties:
    issuer, addressee = _code(c.issuer), _code(c.addressee)
    cond, cons = c.condition.event, c.consequence.event
    return _Parties(
        issuer=issuer,
        addressee=addressee,
        condition=(
            cond.event.upper() if cond and cond.event else None,
            (_code(cond.actor) if cond else None) or addressee,
            _code(cond.recipient) if cond else None,
        ),
        consequence=(
            cons.event.upper() if cons and cons.event else None,
            (_code(cons.actor) if cons else None) or issuer,
            (_code(cons.recipient) if cons else None) or addressee,
        ),
    )


def _like(r: Report, kind: tuple[str | None, str | None, str | None]) -> bool:
    event, actor, recipient = kind
    return (
        event is not None
        and r.event == event
        and codes_compatible(actor, r.actor)
        and codes_compatible(recipient, r.recipient)
        and ((actor is not None and r.actor == actor)
             or (recipient is not None and r.recipient == recipient))
    )  # fmt: skip


def _retracts(p: _Parties, c: Commitment, r: Report, rules: RedLineRules) -> bool:
    if p.issuer is None or r.actor != p.issuer or not codes_compatible(p.addressee, r.recipient):
        return False
    if r.event == "THREATEN" and r.realis == "negated":
        return c.polarity == "threat"
    return r.event in rules.retraction_types and r.realis == "actual" and rules.refers(r.sentence)


def _refuses(p: _Parties, r: Report, rules: RedLineRules) -> bool:
    event, actor, recipient = p.consequence
    if actor is None or r.actor != actor or not codes_compatible(recipient, r.recipient):
        return False
    if r.event == event and r.realis == "negated":
        return True
    return r.event in rules.refusal_types and r.realis == "actual" and rules.refers(r.sentence)


def track_commitment(
    commitment: Commitment,
    *,
    published: str | None,
    document: int,
    reports: Iterable[Report],
    cluster_of: dict[str, str],
    clock: dt.date | None,
    rules: RedLineRules = DEFAULT_RULES,
    document_after: Callable[[dt.date], int | None] = lambda _: None,
) -> list[Step]:
    """The status history of ``commitment`` given the event ``reports`` (any order).

    ``published`` and ``document`` are those of the commitment's document; ``cluster_of``
    maps event ids to cluster ids (for evidence); ``clock`` is the latest publication date
    known; ``document_after(day)`` names the first document published after ``day``.
    """
    p = _parties(commitment)
    start = parse_date(commitment.date) or parse_date(published)
    if start is None:
        return []

    def after(r: Report) -> bool:
        when = r.when
        if r.document == document or when is None or when < start:
            return False
        return when > start or bool(r.published and published and r.published > published)

    ordered = sorted(
        (r for r in reports if after(r)),
        key=lambda r: (r.when, r.published or "", r.doc_id, r.start, r.event_id),
    )

    def step(to: str, rule: str, r: Report, same: Callable[[Report], bool]) -> Step:
        cluster = cluster_of.get(r.event_id)
        ids = [r.event_id] + [
            x.event_id
            for x in ordered
            if x is not r and cluster is not None and cluster_of.get(x.event_id) == cluster
            and same(x)
        ]  # fmt: skip
        return Step(to, rule, r.when.isoformat() if r.when else None, r.document, ids)

    def retracted(x: Report) -> bool:
        return _retracts(p, commitment, x, rules)

    def met(x: Report) -> bool:
        return x.realis == "actual" and _like(x, p.condition)

    def carried_out(x: Report) -> bool:
        return x.realis == "actual" and _like(x, p.consequence)

    def refused(x: Report) -> bool:
        return _refuses(p, x, rules)

    deadline = dt.timedelta(days=rules.deadline_days) if rules.deadline_days is not None else None
    steps: list[Step] = []
    status = "pending"
    trigger: Step | None = None
    trigger_date: dt.date | None = None
    overdue = False
    for r in ordered:
        when = r.when
        assert when is not None  # after() keeps dated reports only
        if status == "pending":
            if retracted(r):
                return [step("withdrawn", "retracted", r, retracted)]
            if met(r):
                trigger = step("triggered", "condition_met", r, met)
                steps.append(trigger)
                status, trigger_date = "triggered", when
            continue
        assert trigger is not None and trigger_date is not None
        if deadline is not None and when > trigger_date + deadline:
            overdue = True
            break
        if r.event_id in trigger.event_ids:
            continue
        for rule, to, test in (
            ("consequence_carried_out", "honoured", carried_out),
            ("consequence_refused", "breached", refused),
            ("retracted_after_trigger", "breached", retracted),
        ):
            if test(r):
                return [*steps, step(to, rule, r, test)]
    if status == "triggered" and deadline is not None and trigger is not None and trigger_date:
        due = trigger_date + deadline
        if overdue or (clock is not None and clock > due):
            steps.append(
                Step("breached", "deadline_passed", due.isoformat(), document_after(due),
                     list(trigger.event_ids))
            )  # fmt: skip
    return steps


# -- the store -------------------------------------------------------------------------------


_RETRACTION_KINDS = ("THREATEN", "RETREAT", "CONCEDE", "REJECT")


def _kinds(p: _Parties) -> list[str]:
    """The event types that can bear on a commitment (its candidate reports' types)."""
    return sorted({k for k in (p.condition[0], p.consequence[0], *_RETRACTION_KINDS) if k})


def _since(r: Report) -> str | None:
    """What the candidate date filter compares: the event's date, else its publication."""
    return r.date if r.date is not None else r.published


@dataclass
class _Row:
    id: str
    commitment: Commitment
    parties: _Parties
    status: str
    document: int
    doc_id: str
    published: str | None


def _commitments(store: SqliteStore) -> list[_Row]:
    rows = store.query(
        "SELECT c.id, c.record, c.status, c.document_id, d.doc_id, d.published "
        "FROM commitments c JOIN documents d ON d.id = c.document_id ORDER BY d.published, "
        "d.doc_id, c.start"
    )
    found = []
    for row in rows:
        c = Commitment.model_validate_json(row["record"])
        found.append(_Row(row["id"], c, _parties(c), row["status"], row["document_id"],
                          row["doc_id"], row["published"]))  # fmt: skip
    return found


def _affected(store: SqliteStore, rows: list[_Row], doc_ids: Iterable[str] | None) -> list[_Row]:
    """The commitments that the documents ``doc_ids`` can change (all of them for None):
    theirs, every triggered one and every one breached by its deadline (the news clock
    moved), and those for which one of their events is a candidate report."""
    if doc_ids is None:
        return rows
    fresh = sorted(set(doc_ids))
    overdue = {
        row["commitment_id"]
        for row in store.query(
            "SELECT commitment_id FROM commitment_transitions WHERE rule = 'deadline_passed'"
        )
    }
    keys: set[tuple[str, str]] = set()
    for i in range(0, len(fresh), 500):
        chunk = fresh[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for row in store.query(
            f"SELECT e.event, e.actor_code, e.recipient_code FROM events e JOIN documents d "
            f"ON d.id = e.document_id WHERE d.doc_id IN ({marks})",
            tuple(chunk),
        ):
            keys.update((row["event"], c) for c in (row["actor_code"], row["recipient_code"]) if c)
    new = set(fresh)
    events = {kind for kind, _ in keys}
    picked = []
    for c in rows:
        if c.doc_id in new or c.status == "triggered" or c.id in overdue:
            picked.append(c)
            continue
        kinds = [k for k in _kinds(c.parties) if k in events]
        if any((k, code) in keys for k in kinds for code in c.parties.codes):
            picked.append(c)
    return picked


class _Index:
    """Event reports by (type, actor code) and (type, recipient code), each list ordered by
    the date the candidate filter compares, so each commitment looks up only its own."""

    def __init__(self, reports: list[Report]) -> None:
        self.by_actor: dict[tuple[str, str], list[Report]] = {}
        self.by_recipient: dict[tuple[str, str], list[Report]] = {}
        for r in reports:
            if _since(r) is None:
                continue  # the SQL filter never kept a report without any date
            if r.actor:
                self.by_actor.setdefault((r.event, r.actor), []).append(r)
            if r.recipient:
                self.by_recipient.setdefault((r.event, r.recipient), []).append(r)
        self.keys: dict[int, list[str]] = {}
        for bucket in (*self.by_actor.values(), *self.by_recipient.values()):
            bucket.sort(key=lambda r: _since(r) or "")
            self.keys[id(bucket)] = [_since(r) or "" for r in bucket]

    def candidates(self, p: _Parties, document: int, since: str) -> list[Report]:
        """The reports the candidate filter keeps for a commitment of ``document``: of one of
        its types, involving one of its codes, from another document, not dated before."""
        found: dict[str, Report] = {}
        for kind in _kinds(p):
            for code in sorted(p.codes):
                for index in (self.by_actor, self.by_recipient):
                    bucket = index.get((kind, code))
                    if not bucket:
                        continue
                    for r in bucket[bisect_left(self.keys[id(bucket)], since) :]:
                        if r.document != document:
                            found[r.event_id] = r
        return list(found.values())


def _load_index(store: SqliteStore, rows: list[_Row]) -> _Index:
    kinds = sorted({k for row in rows for k in _kinds(row.parties)})
    codes = sorted({c for row in rows for c in row.parties.codes})
    if not kinds or not codes:
        return _Index([])
    reports = load_reports(
        store,
        "e.event IN (SELECT value FROM json_each(?)) AND (e.actor_code IN "
        "(SELECT value FROM json_each(?)) OR e.recipient_code IN (SELECT value FROM json_each(?)))",
        [json.dumps(kinds), json.dumps(codes), json.dumps(codes)],
        with_sentence=True,
    )
    return _Index(reports)


def _cluster_of(store: SqliteStore, event_ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for row in store.query(
            f"SELECT event_id, cluster_id FROM cluster_members WHERE event_id IN ({marks})",
            tuple(chunk),
        ):
            found[row["event_id"]] = row["cluster_id"]
    return found


def update_commitments(
    store: SqliteStore,
    doc_ids: Iterable[str] | None = None,
    *,
    rules: RedLineRules = DEFAULT_RULES,
) -> int:
    """Recompute the status history of the commitments; returns how many changed.

    With ``doc_ids`` (the documents just stored) only the commitments those documents can
    affect are recomputed: theirs, those for which one of their events is a candidate
    report, and every triggered or deadline-breached one (the news clock moved); without,
    all of them. The event reports are read and indexed once per call.
    """
    clock_row = store.query("SELECT MAX(published) AS clock FROM documents")
    clock = parse_date(clock_row[0]["clock"]) if clock_row else None
    following: dict[dt.date, int | None] = {}

    def document_after(day: dt.date) -> int | None:
        if day not in following:
            rows = store.query(
                "SELECT id FROM documents WHERE published > ? ORDER BY published, doc_id LIMIT 1",
                (day.isoformat(),),
            )
            following[day] = int(rows[0]["id"]) if rows else None
        return following[day]

    changed = 0
    with store.atomic():
        affected = _affected(store, _commitments(store), doc_ids)
        index = _load_index(store, affected)
        cluster_of: dict[str, str] | None = None
        for row in affected:
            since = row.commitment.date or row.published
            reports = index.candidates(row.parties, row.document, since) if since else []
            if cluster_of is None and reports:
                ids = {r.event_id for b in index.by_actor.values() for r in b}
                ids.update(r.event_id for b in index.by_recipient.values() for r in b)
                cluster_of = _cluster_of(store, sorted(ids))
            steps = track_commitment(
                row.commitment,
                published=row.published,
                document=row.document,
                reports=reports,
                cluster_of=cluster_of or {},
                clock=clock,
                rules=rules,
                document_after=document_after,
            )
            if _store_steps(store, row.id, row.status, steps):
                changed += 1
    return changed


def _store_steps(store: SqliteStore, commitment_id: str, status: str, steps: list[Step]) -> bool:
    rows, before = [], "pending"
    for seq, s in enumerate(steps, start=1):
        rows.append((commitment_id, seq, before, s.to_status, s.rule, s.date, s.document,
                     json.dumps(s.event_ids)))  # fmt: skip
        before = s.to_status
    stored = [
        tuple(r)
        for r in store.query(
            "SELECT commitment_id, seq, from_status, to_status, rule, date, document_id, "
            "event_ids FROM commitment_transitions WHERE commitment_id = ? ORDER BY seq",
            (commitment_id,),
        )
    ]
    if stored == rows and status == before:
        return False
    store.execute("DELETE FROM commitment_transitions WHERE commitment_id = ?", (commitment_id,))
    for values in rows:
        store.execute(
            "INSERT INTO commitment_transitions(commitment_id, seq, from_status, to_status, rule, "
            "date, document_id, event_ids) VALUES (?,?,?,?,?,?,?,?)",
            values,
        )
    store.execute("UPDATE commitments SET status = ? WHERE id = ?", (before, commitment_id))
    return True


def commitment_history(store: SqliteStore, commitment_id: str) -> list[Transition]:
    """The status transitions of one commitment, oldest first, with their evidence."""
    return [
        Transition(
            commitment_id=row["commitment_id"],
            seq=row["seq"],
            from_status=row["from_status"],
            to_status=row["to_status"],
            rule=row["rule"],
            date=row["date"],
            doc_id=row["doc_id"],
            published=row["published"],
            event_ids=list(json.loads(row["event_ids"])),
        )
        for row in store.query(
            "SELECT t.*, d.doc_id, d.published FROM commitment_transitions t "
            "LEFT JOIN documents d ON d.id = t.document_id WHERE t.commitment_id = ? "
            "ORDER BY t.seq",
            (commitment_id,),
        )
    ]
