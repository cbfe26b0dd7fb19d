"""The SQLite store on real files: migrations, idempotence, atomicity, queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from brinkwatch.records import (
    Article,
    Attribution,
    Cue,
    Document,
    Entity,
    Event,
    TextSpan,
    Time,
)
from brinkwatch.store import EventFilter, SqliteStore

TEXT = "Ruritania shelled Borduria on Monday, officials said."


def _record(doc_id: str = "a1", text: str = TEXT) -> tuple[Article, Document]:
    import hashlib

    sha = hashlib.sha256(text.encode()).hexdigest()
    att = Attribution(
        id=f"{doc_id}:a1",
        source=None,
        cue=Cue(text="said", span=(48, 52)),
        content=TextSpan(span=(0, 36)),
    )
    event = Event(
        id=f"{doc_id}:e1",
        event="ASSAULT",
        mode="bombard",
        actor=Entity(code="RUR", sector="MIL", text="Ruritania", span=(0, 9)),
        recipient=Entity(code="BOR", text="Borduria", span=(18, 26)),
        realis="actual",
        date="2024-11-04",
        date_text="Monday",
        event_text="shelled",
        span=(10, 17),
        sentence_span=(0, len(text)),
        attribution=att.id,
        confidence=0.8,
    )
    doc = Document(
        doc_id=doc_id,
        published="2024-11-05",
        text_sha256=sha,
        events=[event],
        attributions=[att],
        times=[Time(text="Monday", span=(30, 36), type="DATE", value="2024-11-04")],
        extractors={"events": "brinkwatch.events.v1"},
    )
    return Article(doc_id=doc_id, text=text, published="2024-11-05", outlet="Wire"), doc


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    with SqliteStore(path) as store:
        first = store.migrations()
        assert "0001_documents_and_records" in first
    with SqliteStore(path) as store:
        assert store.migrate() == []
        assert store.migrations() == first


def test_same_text_is_stored_once(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "b.db") as store:
        article, doc = _record()
        assert store.add_document(article, doc) is True
        assert store.add_document(article, doc) is False
        assert store.counts()["documents"] == 1
        assert store.counts()["events"] == 1


def test_events_round_trip_and_filter(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "b.db") as store:
        store.add_document(*_record())
        (found,) = list(store.events(EventFilter(actor="RUR", event="assault")))
        assert found.event.recipient is not None and found.event.recipient.code == "BOR"
        assert found.attribution is not None and found.attribution.cue.text == "said"
        assert found.outlet == "Wire"
        assert list(store.events(EventFilter(actor="BOR"))) == []
        assert list(store.events(EventFilter(since="2024-11-05"))) == []
        assert len(list(store.events(EventFilter(until="2024-11-04")))) == 1


def test_failed_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    with SqliteStore(path) as store:
        store.add_document(*_record("a1"))
        article, doc = _record("a2", TEXT + " More.")
        # the same event id as the first document violates the primary key mid-write
        doc = doc.model_copy(update={"events": [doc.events[0].model_copy(update={"id": "a1:e1"})]})
        with pytest.raises(sqlite3.IntegrityError):
            store.add_document(article, doc)
        assert store.counts()["documents"] == 1
    with SqliteStore(path) as store:
        assert store.integrity_check() == "ok"


def test_doc_id_taken_by_another_text_gets_a_variant(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "b.db") as store:
        article, doc = _record()
        store.add_document(article, doc)
        assert store.free_doc_id("a1", doc.text_sha256) == "a1"
        assert store.free_doc_id("a1", "f" * 64) == "a1#ffffffffffff"


def test_close_is_safe_twice(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "b.db")
    store.close()
    store.close()
