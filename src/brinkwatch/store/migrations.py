"""Named migrations, applied in order and recorded in the ``migrations`` table.

A migration is never edited once released: add a new one. Other layers (``resolve``) append
theirs with :func:`migration`; the store applies every one not yet recorded when it opens.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MIGRATIONS", "Migration", "migration"]


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


MIGRATIONS: list[Migration] = []


def migration(name: str, sql: str) -> Migration:
    if any(m.name == name for m in MIGRATIONS):
        raise ValueError(f"migration {name!r} is defined twice")
    found = Migration(name, sql)
    MIGRATIONS.append(found)
    return found


migration(
    "0001_documents_and_records",
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        published TEXT,
        outlet TEXT,
        title TEXT,
        url TEXT,
        origin TEXT,
        extractors TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX documents_url ON documents(url);
    CREATE INDEX documents_published ON documents(published);

    CREATE TABLE attributions (
        id TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source_text TEXT, source_start INTEGER, source_end INTEGER,
        source_code TEXT, source_sector TEXT, source_named INTEGER, source_count INTEGER,
        cue_text TEXT NOT NULL, cue_start INTEGER NOT NULL, cue_end INTEGER NOT NULL,
        content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
        outlet TEXT, direct INTEGER NOT NULL,
        extractor TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX attributions_document ON attributions(document_id);

    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event TEXT NOT NULL, mode TEXT, realis TEXT NOT NULL,
        actor_code TEXT, actor_sector TEXT, recipient_code TEXT, recipient_sector TEXT,
        date TEXT, date_end TEXT, date_text TEXT,
        start INTEGER NOT NULL, end INTEGER NOT NULL,
        sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        location_country TEXT, location_lat REAL, location_lon REAL,
        attribution_id TEXT, confidence REAL NOT NULL,
        extractor TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX events_document ON events(document_id);
    CREATE INDEX events_dyad ON events(actor_code, recipient_code);
    CREATE INDEX events_type_date ON events(event, date);

    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        code TEXT, sector TEXT, text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        name TEXT, office TEXT,
        extractor TEXT NOT NULL
    );
    CREATE INDEX entities_document ON entities(document_id);
    CREATE INDEX entities_code ON entities(code);

    CREATE TABLE commitments (
        id TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        issuer_code TEXT, addressee_code TEXT, polarity TEXT NOT NULL,
        condition_text TEXT NOT NULL, consequence_text TEXT NOT NULL,
        consequence_event TEXT, consequence_actor TEXT, consequence_recipient TEXT,
        start INTEGER NOT NULL, end INTEGER NOT NULL, date TEXT,
        attribution_id TEXT, status TEXT NOT NULL,
        extractor TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX commitments_document ON commitments(document_id);
    CREATE INDEX commitments_status ON commitments(status);

    CREATE TABLE times (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        type TEXT NOT NULL, value TEXT NOT NULL,
        extractor TEXT NOT NULL
    );
    CREATE INDEX times_document ON times(document_id);

    CREATE TABLE places (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        name TEXT, country TEXT, lat REAL, lon REAL, feature TEXT NOT NULL,
        extractor TEXT NOT NULL
    );
    CREATE INDEX places_document ON places(document_id);
    CREATE INDEX places_country ON places(country);
    """,
)
