"""The tables of the resolve layer, as named migrations of the store.

- ``clusters``: one row per real-world event; ``window_start``/``window_end`` bound the dates
  its members' reports cover (for finding candidates), the other columns summarise them.
- ``cluster_members``: which cluster each event report belongs to (one cluster per event).
- ``commitment_transitions``: the status history of each red line, with the events and the
  document that moved it; ``commitments.status`` holds the last ``to_status``.
- ``resolve_pending``: documents stored but not yet taken into clusters and red-line status
  (a trigger fills it in the same transaction as the document), so an ingest interrupted
  after storing but before resolving is finished by the next run.
"""

from __future__ import annotations

from ..store.migrations import migration

__all__: list[str] = []

migration(
    "0101_resolve_clusters",
    """
    CREATE TABLE clusters (
        id TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        realis TEXT NOT NULL,
        actor_code TEXT,
        recipient_code TEXT,
        date TEXT,
        date_end TEXT,
        location_country TEXT,
        window_start TEXT,
        window_end TEXT,
        founder_event_id TEXT NOT NULL
    );
    CREATE INDEX clusters_type_window ON clusters(event, realis, window_start, window_end);
    CREATE INDEX clusters_dyad ON clusters(actor_code, recipient_code);

    CREATE TABLE cluster_members (
        event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        score REAL
    );
    CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);
    """,
)

migration(
    "0102_resolve_commitment_transitions",
    """
    CREATE TABLE commitment_transitions (
        id INTEGER PRIMARY KEY,
        commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        rule TEXT NOT NULL,
        date TEXT,
        document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        event_ids TEXT NOT NULL,
        UNIQUE (commitment_id, seq)
    );
    CREATE INDEX commitment_transitions_commitment ON commitment_transitions(commitment_id);
    """,
)

migration(
    "0103_resolve_pending_documents",
    """
    CREATE TABLE resolve_pending (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
    );
    CREATE TRIGGER documents_resolve_pending AFTER INSERT ON documents
    BEGIN
        INSERT INTO resolve_pending(document_id) VALUES (NEW.id);
    END;
    """,
)
