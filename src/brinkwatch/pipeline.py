"""read → nlp → extract → store: the public functions the CLI, API and engines call.

- :func:`extract` turns one text into its :class:`~brinkwatch.records.Document` record.
- :func:`extract_articles` streams articles through ``nlp.pipe`` and the extractors.
- :func:`ingest` reads sources, skips what the store already holds, extracts and stores,
  one transaction per document, reporting bad inputs without stopping.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import settings
from .errors import ExtractionFailed, InputError
from .extractors import extract_document
from .nlp import load_model
from .records import Article, Document
from .store import StoreBackend

__all__ = [
    "IngestReport",
    "Outcome",
    "extract",
    "extract_articles",
    "extract_one",
    "ingest",
    "sha256_text",
]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def extract(
    text: str,
    published: str | dt.date | None = None,
    *,
    doc_id: str = "text",
    model: str | None = None,
) -> Document:
    """The RECORD.md record of one text, e.g. ``extract(text, published="2024-11-05")``."""
    nlp = load_model(settings.get("model", model))
    return extract_document(nlp(text), doc_id=doc_id, published=_date(published))


Outcome = tuple[Article, Document | ExtractionFailed]


def extract_one(doc: Doc, article: Article) -> Document | ExtractionFailed:
    """The record of one parsed article, or the error that names it if an extractor fails:
    one document's failure never stops a run."""
    try:
        return extract_document(doc, doc_id=article.doc_id, published=_date(article.published))
    except Exception as exc:  # reported per document, the run goes on
        return ExtractionFailed(article.origin or article.doc_id, f"{type(exc).__name__}: {exc}")


def extract_articles(
    articles: Iterable[Article], nlp: Language, *, batch_size: int | None = None
) -> Iterator[Outcome]:
    """Parse the articles in batches and extract each; yields in input order."""
    size = int(settings.get("batch_size", batch_size))
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=size):
        yield article, extract_one(doc, article)


@dataclass
class IngestReport:
    """What one ingest run did."""

    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store (same text or same URL)
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


Engine = Callable[[Iterable[Article], Language], Iterator[Outcome]]


def _local_engine(articles: Iterable[Article], nlp: Language) -> Iterator[Outcome]:
    return extract_articles(articles, nlp)


def ingest(
    sources: Iterable[str | Path],
    store: StoreBackend,
    *,
    input_format: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    model: str | None = None,
    engine: Engine | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_stored: Callable[[Article, Document | None], None] | None = None,
) -> IngestReport:
    """Read ``sources`` into ``store``: new texts are extracted and stored; known ones skipped.

    Every document is committed on its own, so an interrupted run keeps all that it stored,
    and running the same command again finishes the rest without duplicating anything.
    """
    from .read import read_inputs

    report = IngestReport()
    nlp = load_model(settings.get("model", model))
    run = engine or _local_engine

    def fresh() -> Iterator[Article]:
        for item in read_inputs(
            [str(s) for s in sources], input_format=input_format, published=published,
            outlet=outlet,
        ):  # fmt: skip
            if isinstance(item, InputError):
                report.errors.append(item)
                if on_error:
                    on_error(item)
                continue
            report.read += 1
            sha = sha256_text(item.text)
            if store.has_document(sha) or (item.url and store.known_urls([item.url])):
                report.skipped += 1
                if on_stored:
                    on_stored(item, None)
                continue
            doc_id = store.free_doc_id(item.doc_id, sha)
            yield item if doc_id == item.doc_id else item.model_copy(update={"doc_id": doc_id})

    for article, record in run(fresh(), nlp):
        if isinstance(record, ExtractionFailed):
            report.errors.append(record)
            if on_error:
                on_error(record)
            continue
        if store.add_document(article, record):
            report.stored += 1
        else:
            report.skipped += 1
        if on_stored:
            on_stored(article, record)
    from .resolve import update_after_ingest

    update_after_ingest(store)  # also finishes what an interrupted earlier run left
    return report
