"""End to end: several outlets report two strikes and a red line, through ``ingest``."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.pipeline import ingest
from brinkwatch.resolve import commitment_history, update_after_ingest
from brinkwatch.resolve.clusters import clusters
from brinkwatch.store import EventFilter, SqliteStore

ARTICLES = Path(__file__).parent / "fixtures" / "storyline_multi" / "articles.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SqliteStore:
    with SqliteStore(tmp_path_factory.mktemp("storyline") / "multi.db") as opened:
        report = ingest([ARTICLES], opened)
        assert (report.stored, report.failed) == (7, 0)
        update_after_ingest(opened)  # idempotent: a no-op when ingest already ran it
        yield opened  # type: ignore[misc]


@pytest.mark.models
def test_one_cluster_per_strike(store: SqliteStore) -> None:
    strikes = [
        c for c in clusters(store, EventFilter(event="ASSAULT", realis="actual"))
        if c.actor == "RUS" and c.recipient == "UKR"
    ]  # fmt: skip
    assert [(c.date, c.reports) for c in strikes] == [("2024-11-14", 3), ("2024-11-18", 3)]
    assert strikes[0].outlets == ["Reuters", "Al Jazeera", "Associated Press"]
    assert strikes[1].outlets == ["Reuters", "BBC", "CNN"]
    assert [c.sources for c in strikes] == [3, 3]


@pytest.mark.models
def test_the_second_strike_triggers_the_threat(store: SqliteStore) -> None:
    (threat,) = [c for c in store.commitments() if c.id.startswith("threat-reuters")]
    assert (threat.issuer.code, threat.polarity) == ("UKR", "threat")
    assert threat.status == "triggered"
    (trigger,) = commitment_history(store, threat.id)
    assert trigger.date == "2024-11-18"
    assert trigger.doc_id == "strike2-reuters"
    assert {i.split(":")[0] for i in trigger.event_ids} == {
        "strike2-reuters", "strike2-bbc", "strike2-cnn",
    }  # fmt: skip
