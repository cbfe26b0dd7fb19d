"""Ingest streams: memory does not grow with the number of documents.

The 10,000-document figure (peak RSS of the whole process tree) is measured by hand with
``benchmarks/memory.py``; this test checks the property it rests on, on 300 documents:
parsed ``Doc`` objects are let go batch by batch, and the process does not grow between the
100th and the 300th document.
"""

from __future__ import annotations

import gc
from pathlib import Path

import psutil
import pytest
from spacy.tokens import Doc

from brinkwatch.engines.local import LocalEngine
from brinkwatch.pipeline import ingest
from brinkwatch.records import Article, Document
from brinkwatch.store import SqliteStore
from conftest import CorpusWriter

DOCS = 300
BATCH = 16
# a retained Doc costs about 90 KB on these articles, so keeping 200 of them shows
GROWTH_LIMIT_MB = 12


def _live_docs() -> int:
    return sum(isinstance(o, Doc) for o in gc.get_objects())


@pytest.mark.models
def test_memory_does_not_grow_with_the_number_of_documents(
    tmp_path: Path, write_synthetic_corpus: CorpusWriter
) -> None:
    corpus = write_synthetic_corpus(tmp_path / "corpus.jsonl", DOCS)
    process = psutil.Process()
    samples: dict[int, tuple[float, int]] = {}
    done = 0

    def stored(article: Article, record: Document | None) -> None:
        nonlocal done
        done += 1
        if done in (100, DOCS):
            gc.collect()
            samples[done] = (process.memory_info().rss / 2**20, _live_docs())

    with SqliteStore(tmp_path / "scale.db") as store:
        report = ingest([corpus], store, engine=LocalEngine(1, batch_size=BATCH), on_stored=stored)
        assert store.counts()["documents"] == DOCS
    assert report.stored == DOCS and report.failed == 0

    (rss_early, docs_early), (rss_late, docs_late) = samples[100], samples[DOCS]
    # only the batch in hand (and the one spaCy is reading) is alive, however far we are
    assert docs_early <= 2 * BATCH and docs_late <= 2 * BATCH
    assert rss_late - rss_early < GROWTH_LIMIT_MB, samples
