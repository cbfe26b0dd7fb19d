"""The default store: one SQLite file (``brinkwatch.db``), WAL journal, named migrations.

Each document and its records are written in one transaction, so a crash or ``kill -9``
leaves every committed document whole and nothing half-written. Rows keep the record JSON
(derived from the pydantic types) beside the flat columns that SQL users query.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..records import Article, Attribution, Commitment, Document, Entity, Event
from .base import EventFilter, StoreBackend, StoredEvent
from .migrations import MIGRATIONS

__all__ = ["SqliteStore", "filter_sql"]


class SqliteStore(StoreBackend):
    """A SQLite database file. ``SqliteStore(":memory:")`` works for throwaway use."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn: sqlite3.Connection | None = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30.0
            )
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database ({exc})") from exc
        self._lock = threading.RLock()
        self._depth = 0
        self.migrate()

    # -- connections and transactions ------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._conn

    @contextmanager
    def atomic(self) -> Iterator[None]:
        with self._lock:
            outer = self._depth == 0
            name = f"sp{self._depth}"
            self.conn.execute("BEGIN IMMEDIATE" if outer else f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                self.conn.execute("ROLLBACK" if outer else f"ROLLBACK TO {name}")
                if not outer:
                    self.conn.execute(f"RELEASE {name}")
                raise
            self._depth -= 1
            self.conn.execute("COMMIT" if outer else f"RELEASE {name}")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Run a read query; for layers (resolve, analyse) that need their own SQL."""
        with self._lock:
            return list(self.conn.execute(sql, params))

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> None:
        """Run a write statement; wrap several in :meth:`atomic`."""
        with self._lock:
            self.conn.execute(sql, params)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; returns their names."""
        # importing resolve registers its migrations
        from .. import resolve  # noqa: F401

        with self._lock:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT "
                "NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
            )
            done = {r["name"] for r in self.conn.execute("SELECT name FROM migrations")}
            applied = []
            for m in MIGRATIONS:
                if m.name in done:
                    continue
                with self.atomic():
                    for statement in _statements(m.sql):
                        self.conn.execute(statement)
                    self.conn.execute("INSERT INTO migrations(name) VALUES (?)", (m.name,))
                applied.append(m.name)
            return applied

    def migrations(self) -> list[str]:
        return [r["name"] for r in self.query("SELECT name FROM migrations ORDER BY name")]

    # -- writing -----------------------------------------------------------------------------

    def has_document(self, text_sha256: str) -> bool:
        return bool(self.query("SELECT 1 FROM documents WHERE sha256 = ?", (text_sha256,)))

    def known_urls(self, urls: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(urls), 500):
            chunk = urls[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found |= {
                r["url"]
                for r in self.query(
                    f"SELECT url FROM documents WHERE url IN ({marks})", tuple(chunk)
                )
            }
        return found

    def free_doc_id(self, doc_id: str, text_sha256: str) -> str:
        rows = self.query("SELECT sha256 FROM documents WHERE doc_id = ?", (doc_id,))
        if not rows or rows[0]["sha256"] == text_sha256:
            return doc_id
        return f"{doc_id}#{text_sha256[:12]}"

    def add_document(self, article: Article, record: Document) -> bool:
        with self.atomic():
            if self.has_document(record.text_sha256):
                return False
            cur = self.conn.execute(
                "INSERT INTO documents(doc_id, sha256, text, published, outlet, title, url, "
                "origin, extractors) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    record.doc_id,
                    record.text_sha256,
                    article.text,
                    record.published,
                    article.outlet,
                    article.title,
                    article.url,
                    article.origin,
                    json.dumps(record.extractors, sort_keys=True),
                ),
            )
            doc = cur.lastrowid
            ex = record.extractors
            self._insert_records(doc, record, ex)
            return True

    def _insert_records(self, doc: int | None, record: Document, ex: dict[str, str]) -> None:
        c = self.conn
        for a in record.attributions:
            s = a.source
            c.execute(
                "INSERT INTO attributions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    a.id, doc,
                    s.text if s else None, s.span[0] if s else None, s.span[1] if s else None,
                    s.code if s else None, s.sector if s else None,
                    int(s.named) if s else None, s.count if s else None,
                    a.cue.text, a.cue.span[0], a.cue.span[1],
                    a.content.span[0], a.content.span[1], a.outlet, int(a.direct),
                    ex.get("attributions", ""), a.model_dump_json(),
                ),
            )  # fmt: skip
        for e in record.events:
            loc = e.location
            c.execute(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    e.id, doc, e.event, e.mode, e.realis,
                    _code(e.actor), _sector(e.actor), _code(e.recipient), _sector(e.recipient),
                    e.date, e.date_end, e.date_text, e.span[0], e.span[1],
                    e.sentence_span[0], e.sentence_span[1],
                    loc.country if loc else None, loc.lat if loc else None,
                    loc.lon if loc else None,
                    e.attribution, e.confidence, ex.get("events", ""), e.model_dump_json(),
                ),
            )  # fmt: skip
            for role, ent in (("actor", e.actor), ("recipient", e.recipient)):
                if ent is not None:
                    self._insert_entity(doc, e.id, role, ent, ex.get("actors", ""))
        for m in record.commitments:
            cq = m.consequence.event
            c.execute(
                "INSERT INTO commitments VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    m.id, doc, m.issuer.code, _code(m.addressee), m.polarity,
                    m.condition.text, m.consequence.text,
                    cq.event if cq else None, _code(cq.actor) if cq else None,
                    _code(cq.recipient) if cq else None,
                    m.span[0], m.span[1], m.date, m.attribution, m.status,
                    ex.get("commitments", ""), m.model_dump_json(),
                ),
            )  # fmt: skip
        c.executemany(
            "INSERT INTO times(document_id, text, start, end, type, value, extractor) "
            "VALUES (?,?,?,?,?,?,?)",
            [
                (doc, t.text, t.span[0], t.span[1], t.type, t.value, ex.get("times", ""))
                for t in record.times
            ],
        )
        c.executemany(
            "INSERT INTO places(document_id, text, start, end, name, country, lat, lon, feature, "
            "extractor) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (doc, p.text, p.span[0], p.span[1], p.name, p.country, p.lat, p.lon, p.feature,
                 ex.get("places", ""))
                for p in record.places
            ],
        )  # fmt: skip

    def _insert_entity(
        self, doc: int | None, event_id: str | None, role: str, ent: Entity, extractor: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO entities(document_id, event_id, role, code, sector, text, start, end, "
            "name, office, extractor) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (doc, event_id, role, ent.code, ent.sector, ent.text, ent.span[0], ent.span[1],
             ent.name, ent.office, extractor),
        )  # fmt: skip

    # -- reading -----------------------------------------------------------------------------

    def events(self, where: EventFilter | None = None) -> Iterator[StoredEvent]:
        f = where or EventFilter()
        condition, params = filter_sql(f, "e", since="e.date")
        sql = [
            "SELECT e.record, d.doc_id, d.published, d.outlet, d.url, a.record AS attribution "
            "FROM events e JOIN documents d ON d.id = e.document_id "
            f"LEFT JOIN attributions a ON a.id = e.attribution_id WHERE {condition}",
            "ORDER BY COALESCE(e.date, d.published), d.id, e.start",
        ]
        if f.limit is not None:
            sql.append("LIMIT ?")
            params.append(f.limit)
        for row in self.query(" ".join(sql), tuple(params)):
            yield StoredEvent(
                event=Event.model_validate_json(row["record"]),
                doc_id=row["doc_id"],
                published=row["published"],
                outlet=row["outlet"],
                url=row["url"],
                attribution=(
                    Attribution.model_validate_json(row["attribution"])
                    if row["attribution"]
                    else None
                ),
            )

    def commitments(self, status: str | None = None) -> Iterator[Commitment]:
        sql = (
            "SELECT c.record, c.status FROM commitments c JOIN documents d ON d.id = c.document_id"
        )
        params: tuple[Any, ...] = ()
        if status:
            sql += " WHERE c.status = ?"
            params = (status,)
        for row in self.query(sql + " ORDER BY d.published, d.id, c.start", params):
            found = Commitment.model_validate_json(row["record"])
            yield found.model_copy(update={"status": row["status"]})

    def attributions(self) -> Iterator[Attribution]:
        for row in self.query("SELECT record FROM attributions ORDER BY document_id, cue_start"):
            yield Attribution.model_validate_json(row["record"])

    def documents(self) -> Iterator[dict[str, Any]]:
        for row in self.query(
            "SELECT id, doc_id, sha256, published, outlet, title, url, origin, extractors, "
            "ingested_at FROM documents ORDER BY id"
        ):
            yield dict(row)

    def counts(self) -> dict[str, int]:
        tables = ("documents", "events", "attributions", "commitments", "times", "places",
                  "entities")  # fmt: skip
        return {t: int(self.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]) for t in tables}

    def integrity_check(self) -> str:
        return str(self.query("PRAGMA integrity_check")[0][0])


def filter_sql(f: EventFilter, alias: str, *, since: str) -> tuple[str, list[Any]]:
    """The WHERE condition and parameters of ``f`` over a table of events or clusters aliased
    ``alias`` (columns actor_code, recipient_code, event, realis, date); ``since`` is the
    expression compared with ``f.since`` (a cluster counts while its date range lasts)."""
    sql, params = ["1=1"], []
    for column, value in (
        ("actor_code", f.actor),
        ("recipient_code", f.recipient),
        ("event", f.event.upper() if f.event else None),
        ("realis", f.realis),
    ):
        if value is not None:
            sql.append(f"{alias}.{column} = ?")
            params.append(value)
    if f.since:
        sql.append(f"{since} >= ?")
        params.append(f.since)
    if f.until:
        sql.append(f"{alias}.date <= ?")
        params.append(f.until)
    return " AND ".join(sql), params


def _code(ent: Entity | None) -> str | None:
    return ent.code if ent else None


def _sector(ent: Entity | None) -> str | None:
    return ent.sector if ent else None


def _statements(sql: str) -> list[str]:
    """The statements of a migration script; a trigger's ``BEGIN … END;`` stays whole."""
    found: list[str] = []
    pending = ""
    for part in sql.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                found.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        found.append(pending.strip())
    return found
