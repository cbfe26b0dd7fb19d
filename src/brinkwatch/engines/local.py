"""The local engine: ``nlp.pipe`` in this process (workers=1) or across local processes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from .. import settings
from ..pipeline import extract_articles
from ..records import Article, Document

__all__ = ["LocalEngine"]


class LocalEngine:
    def __init__(self, workers: int | None = None, batch_size: int | None = None) -> None:
        self.workers = int(settings.get("workers", workers))
        self.batch_size = int(settings.get("batch_size", batch_size))

    def __call__(
        self, articles: Iterable[Article], nlp: Language
    ) -> Iterator[tuple[Article, Document]]:
        return extract_articles(articles, nlp, batch_size=self.batch_size)
