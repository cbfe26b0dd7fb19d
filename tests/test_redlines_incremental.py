"""Red lines updated one document at a time end where one full recomputation ends."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from brinkwatch.records import Article, Clause, Commitment, Document, Entity, Event, EventLike
from brinkwatch.resolve import update_after_ingest, update_commitments
from brinkwatch.store import SqliteStore

CODES = ["UKR", "RUS", "USA", "IRN", "ISR"]
KINDS = ["ASSAULT", "THREATEN", "RETREAT", "REJECT", "CONSULT", "COERCE"]
REALIS = ["actual", "actual", "actual", "negated"]
TEXTS = [
    "Officials met on Monday.",
    "Kyiv on Tuesday dropped its threat to hit Russian refineries.",
    "The government vowed to respond to any attack.",
]


def ent(code: str | None) -> Entity | None:
    return Entity(code=code, text=code, span=(0, 1)) if code else None


def commitment(n: int, issuer: str, addressee: str, cond: str, cons: str, date: str) -> Commitment:
    return Commitment(
        id=f"c{n}",
        issuer=Entity(code=issuer, text=issuer, span=(0, 3)),
        addressee=ent(addressee),
        polarity="threat",
        condition=Clause(text="if they strike", span=(0, 5),
                         event=EventLike(event=cond, actor=ent(addressee), recipient=ent(issuer))),
        consequence=Clause(text="we will hit back", span=(5, 10),
                           event=EventLike(event=cons, actor=None, recipient=None)),
        span=(0, 10),
        date=date,
    )  # fmt: skip


def corpus() -> list[tuple[Article, Document]]:
    """Forty documents over two months: events among five actors, six commitments."""
    rnd = random.Random(7)
    docs = []
    for i in range(40):
        day = f"2024-11-{1 + i // 2:02d}"
        published = day if i % 9 else "2024-12-20"  # a few late reports
        events = []
        for j in range(rnd.randint(1, 4)):
            actor, recipient = rnd.sample(CODES, 2)
            events.append(
                Event(
                    id=f"d{i}:e{j}",
                    event=rnd.choice(KINDS),  # type: ignore[arg-type]
                    actor=ent(actor),
                    recipient=ent(rnd.choice([recipient, None])),
                    realis=rnd.choice(REALIS),  # type: ignore[arg-type]
                    date=rnd.choice([day, None]),
                    event_text="x",
                    span=(0, 1),
                    sentence_span=(0, 10_000),
                    confidence=0.9,
                )
            )
        promises = []
        if i % 7 == 0:
            issuer, addressee = rnd.sample(CODES, 2)
            promises.append(
                commitment(i, issuer, addressee, "ASSAULT", rnd.choice(["ASSAULT", "COERCE"]), day)
            )
        text = rnd.choice(TEXTS) + f" (report {i})"
        record = Document(
            doc_id=f"d{i}",
            published=published,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            events=events,
            commitments=[c.model_copy(update={"id": f"d{i}:{c.id}"}) for c in promises],
        )
        docs.append(
            (Article(doc_id=f"d{i}", text=text, published=published, outlet="Wire"), record)
        )
    rnd.shuffle(docs)  # arrival order differs from publication order
    return docs


def outcome(store: SqliteStore) -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in store.query(
            "SELECT c.id, c.status, t.seq, t.from_status, t.to_status, t.rule, t.date, "
            "d.doc_id, t.event_ids FROM commitments c LEFT JOIN commitment_transitions t "
            "ON t.commitment_id = c.id LEFT JOIN documents d ON d.id = t.document_id "
            "ORDER BY c.id, t.seq"
        )
    ]


def test_one_by_one_updates_equal_one_full_recomputation(tmp_path: Path) -> None:
    docs = corpus()
    with SqliteStore(tmp_path / "incremental.db") as one_by_one:
        for article, record in docs:
            assert one_by_one.add_document(article, record)
            update_after_ingest(one_by_one, [article.doc_id])
        incremental = outcome(one_by_one)
    with SqliteStore(tmp_path / "full.db") as at_once:
        for article, record in docs:
            assert at_once.add_document(article, record)
        update_after_ingest(at_once)
        full = outcome(at_once)
        assert update_commitments(at_once) == 0  # recomputing changes nothing
    assert incremental == full
    statuses = {row[0]: row[1] for row in full}
    assert len(statuses) == 6
    assert len(set(statuses.values())) >= 2, statuses  # the corpus moves some red lines
