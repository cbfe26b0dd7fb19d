"""The Ray engine stores the records a local run gives, on a local two-CPU cluster."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from brinkwatch.engines.local import LocalEngine
from brinkwatch.engines.wire import to_wire
from brinkwatch.pipeline import ingest
from brinkwatch.records import Article, Document
from brinkwatch.store import SqliteStore
from conftest import CorpusWriter

pytest.importorskip("ray.data")


@pytest.mark.models
@pytest.mark.distributed
@pytest.mark.filterwarnings("ignore::DeprecationWarning:ray")  # Ray's own DataContext warns
def test_ray_ingest_stores_what_a_local_run_extracts(
    nlp: Language, tmp_path: Path, write_synthetic_corpus: CorpusWriter
) -> None:
    import ray

    from brinkwatch.engines.ray import RayEngine

    corpus = write_synthetic_corpus(tmp_path / "corpus.jsonl", 10)
    seen: list[tuple[Article, Document]] = []

    def stored(article: Article, record: Document | None) -> None:
        assert record is not None
        seen.append((article, record))

    # windows of 6 articles: two Ray Datasets, so order across windows is checked too
    engine = RayEngine(window=6, batch_size=4)
    with SqliteStore(tmp_path / "ray.db") as store:
        report = ingest([corpus], store, engine=engine, on_stored=stored)
        counts = store.counts()
        stored_ids = [d["doc_id"] for d in store.documents()]
    assert not ray.is_initialized()  # the cluster it started is stopped again
    assert report.stored == 10 and report.failed == 0
    assert counts["documents"] == 10

    articles = [article for article, _ in seen]
    local = [to_wire(r) for _, r in LocalEngine(1, batch_size=4)(articles, nlp)]
    assert [r.model_dump_json() for _, r in seen] == local
    assert stored_ids == [a.doc_id for a in articles]
