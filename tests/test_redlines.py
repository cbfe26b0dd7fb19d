"""Red lines over time: commitment status from later articles, on real SQLite files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from brinkwatch.records import (
    Article,
    Clause,
    Commitment,
    Document,
    Entity,
    Event,
    EventLike,
)
from brinkwatch.resolve import (
    RedLineRules,
    commitment_history,
    update_after_ingest,
    update_commitments,
)
from brinkwatch.store import SqliteStore

THREAT_TEXT = (
    "Kyiv warned Moscow on Saturday that if Russian forces strike Ukraine's power grid "
    "again, Ukraine will hit oil refineries inside Russia."
)


def ent(code: str | None) -> Entity | None:
    return Entity(code=code, text=code, span=(0, 1)) if code else None


def event(
    n: int, kind: str, actor: str | None, recipient: str | None, date: str | None,
    realis: str = "actual",
) -> Event:  # fmt: skip
    return Event(
        id=f"e{n}",
        event=kind,  # type: ignore[arg-type]
        actor=ent(actor),
        recipient=ent(recipient),
        realis=realis,  # type: ignore[arg-type]
        date=date,
        event_text="x",
        span=(0, 1),
        sentence_span=(0, 10_000),
        confidence=0.9,
    )


def threat(
    issuer: str = "UKR",
    addressee: str | None = "RUS",
    condition: tuple[str, str | None, str | None] | None = ("ASSAULT", "RUS", "UKR"),
    consequence: tuple[str, str | None, str | None] | None = ("ASSAULT", "UKR", "RUS"),
    date: str | None = "2024-11-16",
) -> Commitment:
    def like(parts: tuple[str, str | None, str | None] | None) -> EventLike | None:
        if parts is None:
            return None
        return EventLike(event=parts[0], actor=ent(parts[1]), recipient=ent(parts[2]))

    return Commitment(
        id="c1",
        issuer=Entity(code=issuer, text=issuer, span=(0, 4)),
        addressee=ent(addressee),
        polarity="threat",
        condition=Clause(text="if Russian forces strike", span=(40, 80), event=like(condition)),
        consequence=Clause(
            text="Ukraine will hit oil refineries", span=(88, 130), event=like(consequence)
        ),
        span=(0, len(THREAT_TEXT)),
        date=date,
    )


def add(
    store: SqliteStore,
    doc_id: str,
    published: str,
    events: list[Event] = (),  # type: ignore[assignment]
    commitments: list[Commitment] = (),  # type: ignore[assignment]
    text: str | None = None,
) -> None:
    body = text or f"Article {doc_id}, published {published}."
    prefix = f"{doc_id}:"
    record = Document(
        doc_id=doc_id,
        published=published,
        text_sha256=hashlib.sha256(body.encode()).hexdigest(),
        events=[e.model_copy(update={"id": prefix + e.id}) for e in events],
        commitments=[c.model_copy(update={"id": prefix + c.id}) for c in commitments],
    )
    article = Article(doc_id=doc_id, text=body, published=published, outlet="Wire")
    assert store.add_document(article, record)
    update_after_ingest(store, [doc_id])


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    with SqliteStore(tmp_path / "redlines.db") as opened:
        yield opened  # type: ignore[misc]


def status(store: SqliteStore, commitment_id: str = "t:c1") -> str:
    (found,) = [c for c in store.commitments() if c.id == commitment_id]
    return found.status


def test_a_threat_stays_pending_without_later_events(store: SqliteStore) -> None:
    # an earlier strike, and the threat's own (conditional) event, do not trigger it
    add(store, "before", "2024-11-14", [event(1, "ASSAULT", "RUS", "UKR", "2024-11-14")])
    add(store, "t", "2024-11-16", [event(1, "ASSAULT", "RUS", "UKR", None, "conditional")],
        [threat()], text=THREAT_TEXT)  # fmt: skip
    assert status(store) == "pending"
    assert commitment_history(store, "t:c1") == []


def test_condition_met_then_consequence_carried_out(store: SqliteStore) -> None:
    add(store, "t", "2024-11-16", [], [threat()], text=THREAT_TEXT)
    # two outlets report the strike that crosses the line; one more unrelated event
    add(store, "s1", "2024-11-18", [event(1, "ASSAULT", "RUS", "UKR", "2024-11-18"),
                                    event(2, "CONSULT", "USA", "UKR", "2024-11-18")])  # fmt: skip
    add(store, "s2", "2024-11-19", [event(1, "ASSAULT", "RUS", None, "2024-11-18")])
    assert status(store) == "triggered"
    (trigger,) = commitment_history(store, "t:c1")
    assert (trigger.from_status, trigger.to_status, trigger.rule) == (
        "pending", "triggered", "condition_met",
    )  # fmt: skip
    assert (trigger.date, trigger.doc_id) == ("2024-11-18", "s1")
    assert trigger.event_ids == ["s1:e1", "s2:e1"]

    add(store, "r", "2024-11-22", [event(1, "ASSAULT", "UKR", "RUS", "2024-11-21")])
    assert status(store) == "honoured"
    history = commitment_history(store, "t:c1")
    assert [(t.to_status, t.rule, t.doc_id, t.event_ids) for t in history] == [
        ("triggered", "condition_met", "s1", ["s1:e1", "s2:e1"]),
        ("honoured", "consequence_carried_out", "r", ["r:e1"]),
    ]
    assert update_commitments(store) == 0  # recomputing changes nothing


def test_history_does_not_depend_on_arrival_order(store: SqliteStore) -> None:
    add(store, "r", "2024-11-22", [event(1, "ASSAULT", "UKR", "RUS", "2024-11-21")])
    add(store, "s1", "2024-11-18", [event(1, "ASSAULT", "RUS", "UKR", "2024-11-18")])
    add(store, "t", "2024-11-16", [], [threat()], text=THREAT_TEXT)
    assert [t.to_status for t in commitment_history(store, "t:c1")] == ["triggered", "honoured"]
    assert status(store) == "honoured"


def test_a_retraction_withdraws_a_pending_threat(store: SqliteStore) -> None:
    add(store, "t", "2024-11-16", [], [threat()], text=THREAT_TEXT)
    # a de-escalation that does not mention the threat is not a retraction
    add(store, "talks", "2024-11-17", [event(1, "RETREAT", "UKR", "RUS", "2024-11-17")],
        text="Ukraine pulled back some units from the front on Sunday.")  # fmt: skip
    assert status(store) == "pending"
    add(store, "back", "2024-11-19", [event(1, "REJECT", "UKR", None, "2024-11-19")],
        text="Kyiv on Tuesday dropped its threat to hit Russian refineries.")  # fmt: skip
    assert status(store) == "withdrawn"
    (t,) = commitment_history(store, "t:c1")
    assert (t.rule, t.doc_id, t.event_ids) == ("retracted", "back", ["back:e1"])
    # a strike after the withdrawal changes nothing
    add(store, "s", "2024-11-20", [event(1, "ASSAULT", "RUS", "UKR", "2024-11-20")])
    assert status(store) == "withdrawn"


def test_a_negated_threat_by_the_issuer_withdraws_it(store: SqliteStore) -> None:
    add(store, "t", "2024-11-16", [], [threat()], text=THREAT_TEXT)
    add(store, "n", "2024-11-17",
        [event(1, "THREATEN", "UKR", "RUS", "2024-11-17", "negated")])  # fmt: skip
    assert status(store) == "withdrawn"


def test_a_refused_consequence_breaches(store: SqliteStore) -> None:
    add(store, "t", "2024-11-16", [], [threat()], text=THREAT_TEXT)
    add(store, "s", "2024-11-18", [event(1, "ASSAULT", "RUS", "UKR", "2024-11-18")])
    add(store, "no", "2024-11-20",
        [event(1, "ASSAULT", "UKR", "RUS", "2024-11-20", "negated")])  # fmt: skip
    assert status(store) == "breached"
    assert commitment_history(store, "t:c1")[-1].rule == "consequence_refused"


def test_no_consequence_within_the_deadline_breaches(store: SqliteStore) -> None:
    add(store, "t", "2024-11-16", [], [threat()], text=THREAT_TEXT)
    add(store, "s", "2024-11-18", [event(1, "ASSAULT", "RUS", "UKR", "2024-11-18")])
    add(store, "quiet", "2024-12-10", [event(1, "CONSULT", "USA", "FRA", "2024-12-10")])
    assert status(store) == "triggered"  # 22 days: still within 30
    add(store, "later", "2024-12-20", [event(1, "CONSULT", "USA", "FRA", "2024-12-20")])
    assert status(store) == "breached"
    last = commitment_history(store, "t:c1")[-1]
    assert (last.rule, last.date, last.doc_id, last.event_ids) == (
        "deadline_passed", "2024-12-18", "later", ["s:e1"],
    )  # fmt: skip
    # with a longer deadline, the same data leaves it triggered
    update_commitments(store, rules=RedLineRules(deadline_days=60))
    assert status(store) == "triggered"


def test_the_condition_actor_defaults_to_the_addressee(store: SqliteStore) -> None:
    add(store, "t", "2024-11-16", [], [threat(condition=("ASSAULT", None, None))],
        text=THREAT_TEXT)  # fmt: skip
    add(store, "other", "2024-11-17", [event(1, "ASSAULT", "BLR", "UKR", "2024-11-17")])
    assert status(store) == "pending"
    add(store, "s", "2024-11-18", [event(1, "ASSAULT", "RUS", "POL", "2024-11-18")])
    assert status(store) == "triggered"


def test_transitions_are_stored_with_their_evidence(store: SqliteStore) -> None:
    add(store, "t", "2024-11-16", [], [threat()], text=THREAT_TEXT)
    add(store, "s", "2024-11-18", [event(1, "ASSAULT", "RUS", "UKR", "2024-11-18")])
    (row,) = store.query(
        "SELECT t.from_status, t.to_status, t.event_ids, d.doc_id FROM commitment_transitions t "
        "JOIN documents d ON d.id = t.document_id"
    )
    assert (row["from_status"], row["to_status"], row["doc_id"]) == ("pending", "triggered", "s")
    assert json.loads(row["event_ids"]) == ["s:e1"]
    (stored,) = store.query("SELECT status FROM commitments")
    assert stored["status"] == "triggered"
