"""The store interface every backend implements (SQLite now; PostgreSQL can follow).

A store owns its connections and transactions. Writes go through ``add_document`` (one
document and all its records, atomically); reads return the record types of ``records.py``,
rebuilt from the JSON the store keeps beside the flat, queryable columns.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from ..records import Article, Attribution, Commitment, Document, Event

__all__ = ["EventFilter", "StoreBackend", "StoredEvent"]


@dataclass(frozen=True)
class EventFilter:
    """Which events to return; ``None`` means any. Codes match actor or recipient code."""

    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    realis: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive, on the event date
    until: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class StoredEvent:
    """An event with the document it was reported in."""

    event: Event
    doc_id: str
    published: str | None
    outlet: str | None
    url: str | None
    attribution: Attribution | None


class StoreBackend(ABC):
    path: str

    @abstractmethod
    def atomic(self) -> AbstractContextManager[None]:
        """A transaction: everything inside commits together or not at all."""

    @abstractmethod
    def has_document(self, text_sha256: str) -> bool: ...

    @abstractmethod
    def known_urls(self, urls: list[str]) -> set[str]: ...

    @abstractmethod
    def add_document(self, article: Article, record: Document) -> bool:
        """Store one document with its records; False when its text is already stored."""

    @abstractmethod
    def free_doc_id(self, doc_id: str, text_sha256: str) -> str:
        """``doc_id``, or a variant of it when another text is stored under that id."""

    @abstractmethod
    def events(self, where: EventFilter | None = None) -> Iterator[StoredEvent]: ...

    @abstractmethod
    def commitments(self, status: str | None = None) -> Iterator[Commitment]: ...

    @abstractmethod
    def attributions(self) -> Iterator[Attribution]: ...

    @abstractmethod
    def documents(self) -> Iterator[dict[str, Any]]: ...

    @abstractmethod
    def counts(self) -> dict[str, int]: ...

    @abstractmethod
    def close(self) -> None:
        """Close every connection; safe to call twice."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
