"""Engines: local worker processes give the single-process records, in input order, while
pulling articles from the input only as they are needed; the Ray engine is optional."""

from __future__ import annotations

import importlib.util
import itertools
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import psutil
import pytest
from spacy.language import Language

from brinkwatch.engines import get_engine
from brinkwatch.engines.local import LocalEngine
from brinkwatch.engines.wire import from_wire, to_wire
from brinkwatch.errors import BrinkwatchError, EngineUnavailable, ExtractionFailed
from brinkwatch.records import Article, Document

ROOT = Path(__file__).resolve().parents[1]


def _synthetic() -> ModuleType:
    """benchmarks/synthetic_corpus.py (the benchmarks folder is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "synthetic_corpus", ROOT / "benchmarks" / "synthetic_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = _synthetic()


def test_synthetic_corpus_is_reproducible_and_varied() -> None:
    first = list(synthetic.synthetic_articles(30))
    again = list(synthetic.synthetic_articles(30))
    assert [a.text for a in first] == [a.text for a in again]
    assert len({a.text for a in first}) == 30
    assert len({a.doc_id for a in first}) == 30
    words = [len(a.text.split()) for a in first]
    assert min(words) > 150 and max(words) < 900
    assert synthetic.synthetic_article(3, seed=1).text != first[3].text


@pytest.mark.models
def test_two_workers_give_the_single_process_records_in_order(nlp: Language) -> None:
    articles = list(synthetic.synthetic_articles(22))  # four chunks of 6, the last short
    alone = [(a.doc_id, to_wire(r)) for a, r in LocalEngine(1, batch_size=6)(articles, nlp)]
    pooled = [(a.doc_id, to_wire(r)) for a, r in LocalEngine(2, batch_size=6)(articles, nlp)]
    assert [doc_id for doc_id, _ in alone] == [a.doc_id for a in articles]
    assert all(not text.startswith('{"extraction_failed"') for _, text in alone)
    assert pooled == alone


@pytest.mark.models
def test_input_smaller_than_a_batch_needs_no_pool(nlp: Language) -> None:
    articles = list(synthetic.synthetic_articles(3))
    engine = LocalEngine(2, batch_size=8)
    got = [(a.doc_id, r.doc_id) for a, r in engine(articles, nlp)]
    assert got == [(a.doc_id, a.doc_id) for a in articles]
    assert list(engine([], nlp)) == []


def test_outcomes_cross_processes_unchanged() -> None:
    record = Document(doc_id="a/b.txt", published="2024-11-05", text_sha256="0" * 64)
    assert from_wire(to_wire(record)) == record
    failed = ExtractionFailed("a/b.txt", "KeyError: 'x'")
    back = from_wire(to_wire(failed))
    assert isinstance(back, ExtractionFailed)
    assert (back.origin, back.detail, str(back)) == ("a/b.txt", "KeyError: 'x'", str(failed))


class Counting:
    """An endless article stream that counts how many articles were taken from it."""

    def __init__(self) -> None:
        self.taken = 0

    def __iter__(self) -> Iterator[Article]:
        for index in itertools.count():
            self.taken += 1
            yield synthetic.synthetic_article(index)


@pytest.mark.models
@pytest.mark.parametrize("workers", [1, 2])
def test_engines_stream_and_read_ahead_only_a_few_batches(nlp: Language, workers: int) -> None:
    source = Counting()
    engine = LocalEngine(workers, batch_size=4)
    results = engine(source, nlp)
    first = [a.doc_id for a, _ in itertools.islice(results, 6)]
    results.close()  # type: ignore[attr-defined]
    assert first == [synthetic.synthetic_article(i).doc_id for i in range(6)]
    # at most the chunks in flight (2 per worker) plus the one being read
    assert source.taken <= 4 * (2 * workers + 1) + 1


@pytest.mark.models
def test_a_worker_that_dies_ends_the_run_with_an_error_not_a_hang(nlp: Language) -> None:
    results = LocalEngine(2, batch_size=4)(Counting(), nlp)
    next(results)
    workers = [p for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]
    assert len(workers) == 2
    workers[0].kill()
    with pytest.raises(EngineUnavailable, match="worker process ended unexpectedly"):
        for _ in itertools.islice(results, 100):
            pass
    # wait without reaping: the pool reaps its own workers, and a worker reaped behind its
    # back looks alive to it forever (its manager thread then spins at interpreter exit)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_running(p) for p in workers):
        time.sleep(0.05)
    assert not any(_running(p) for p in workers)


def _running(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_the_workers_setting_picks_the_local_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRINKWATCH_WORKERS", "2")
    engine = get_engine("local")
    assert isinstance(engine, LocalEngine) and engine.workers == 2
    explicit = get_engine("", workers=3)
    assert isinstance(explicit, LocalEngine) and explicit.workers == 3


def test_unknown_engine_is_an_error() -> None:
    with pytest.raises(BrinkwatchError, match="unknown engine 'spark'"):
        get_engine("spark")


def test_ray_engine_without_ray_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` fail
    monkeypatch.setitem(sys.modules, "ray.data", None)
    with pytest.raises(EngineUnavailable) as caught:
        get_engine("ray")
    assert "pip install 'brinkwatch[ray]'" in str(caught.value)
    assert str(caught.value).startswith("E501 ")
