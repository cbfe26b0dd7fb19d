"""Storage: the :class:`Store` interface and its backends (SQLite by default).

``Store(path)`` opens (and migrates) the SQLite file at ``path``; ``Store()`` uses the
``db`` setting (``--db``, ``BRINKWATCH_DB``, else ``brinkwatch.db``).
"""

from __future__ import annotations

from pathlib import Path

from .. import settings
from .base import EventFilter, StoreBackend, StoredEvent
from .sqlite import SqliteStore

__all__ = ["EventFilter", "Store", "StoreBackend", "StoredEvent", "open_store"]

Store = SqliteStore


def open_store(path: str | Path | None = None) -> SqliteStore:
    """The store named by ``path``, or by the ``db`` setting."""
    return SqliteStore(settings.get("db", path))
