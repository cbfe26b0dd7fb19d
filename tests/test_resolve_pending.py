"""Documents stored but not yet resolved (clusters, red lines) are finished by the next run."""

from __future__ import annotations

from pathlib import Path

from brinkwatch.resolve import update_after_ingest
from brinkwatch.store import SqliteStore
from test_store import _record


def _pending(store: SqliteStore) -> int:
    return int(store.query("SELECT COUNT(*) AS n FROM resolve_pending")[0]["n"])


def test_stored_documents_wait_for_resolution_until_it_runs(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    with SqliteStore(path) as store:
        store.add_document(*_record("a1"))
        store.add_document(*_record("a2", "Ruritania shelled Borduria again on Monday."))
        assert _pending(store) == 2
        assert store.query("SELECT COUNT(*) AS n FROM cluster_members")[0]["n"] == 0
    # the run that stored them was killed here; the next run resolves them
    with SqliteStore(path) as store:
        update_after_ingest(store)
        assert _pending(store) == 0
        members = store.query("SELECT event_id, cluster_id FROM cluster_members ORDER BY event_id")
        assert [m["event_id"] for m in members] == ["a1:e1", "a2:e1"]
        assert len({m["cluster_id"] for m in members}) == 1, "one shelling, two reports"
