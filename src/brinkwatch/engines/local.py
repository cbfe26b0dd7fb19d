"""The local engine: the whole pipeline in this process, or across local worker processes.

``LocalEngine(workers=1)`` runs :func:`~brinkwatch.pipeline.extract_articles` here: one
``nlp.pipe`` stream, each parsed ``Doc`` extracted as it comes out.

``LocalEngine(workers=N)`` starts ``N`` worker processes (``spawn``), hands each a copy of
the loaded pipeline once (pickled, so the workers parse with exactly the ``nlp`` they were
given) and sends them chunks of ``batch_size`` articles. A worker parses AND extracts its
chunk with the same :func:`extract_articles` call, so the extraction runs in parallel too,
and only the outcome comes back (record JSON, or the error naming the document: see
``wire.py``), never a ``Doc``. Chunks line up with the ``nlp.pipe`` batches of a
single-process run, so the records are the same as with one worker. Each worker pays a
start-up once (imports, the pipeline, the extractors' data: a few seconds), so an input
smaller than one batch is run here instead.

Memory stays bounded: articles are pulled from the input only as chunks are sent, with at
most ``2 * workers`` chunks in flight, and results are yielded in input order as they come.
Workers ignore Ctrl-C (the main process handles it and stops them) and exit on their own
when the main process dies, even by ``kill -9``. A worker that dies (out of memory, killed)
ends the run with :class:`~brinkwatch.errors.EngineUnavailable` instead of a hang; all
that was stored is kept.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from spacy.language import Language

from .. import settings
from ..errors import EngineUnavailable
from ..pipeline import Outcome, extract_articles
from ..records import Article
from .wire import from_wire, to_wire

__all__ = ["LocalEngine"]

# chunks in flight per worker: one being parsed, one queued so no worker waits
_CHUNKS_PER_WORKER = 2

_worker_nlp: Language | None = None


class LocalEngine:
    """Run the pipeline on local cores: ``LocalEngine(workers=2)(articles, nlp)``."""

    def __init__(self, workers: int | None = None, batch_size: int | None = None) -> None:
        self.workers = max(1, int(settings.get("workers", workers)))
        self.batch_size = max(1, int(settings.get("batch_size", batch_size)))

    def __repr__(self) -> str:
        return f"LocalEngine(workers={self.workers}, batch_size={self.batch_size})"

    def __call__(self, articles: Iterable[Article], nlp: Language) -> Iterator[Outcome]:
        if self.workers == 1:
            return extract_articles(articles, nlp, batch_size=self.batch_size)
        return self._in_workers(articles, nlp)

    def _in_workers(self, articles: Iterable[Article], nlp: Language) -> Iterator[Outcome]:
        chunks = _chunks(articles, self.batch_size)
        first = next(chunks, [])
        if len(first) < self.batch_size:  # nothing, or less than one batch: not worth a pool
            yield from extract_articles(first, nlp, batch_size=self.batch_size)
            return
        context = multiprocessing.get_context("spawn")
        pipeline = pickle.dumps(nlp, protocol=pickle.HIGHEST_PROTOCOL)
        pending: deque[tuple[list[Article], Future[list[str]]]] = deque()
        window = self.workers * _CHUNKS_PER_WORKER
        pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(pipeline,)
        )
        finished = False
        try:
            for chunk in itertools.chain([first], chunks):
                pending.append((chunk, pool.submit(_extract_chunk, chunk)))
                if len(pending) >= window:
                    yield from _finished(*pending.popleft())
            while pending:
                yield from _finished(*pending.popleft())
            finished = True
        finally:
            if not finished:  # an error, Ctrl-C, or the caller closing us: stop at once
                _terminate(pool)
            pool.shutdown(wait=finished, cancel_futures=True)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _finished(chunk: list[Article], result: Future[list[str]]) -> Iterator[Outcome]:
    try:
        outcomes = result.result()
    except BrokenProcessPool as exc:
        raise EngineUnavailable(
            "a worker process ended unexpectedly (out of memory, or killed); what was "
            "stored is kept: run the same command again to go on"
        ) from exc
    for article, outcome in zip(chunk, outcomes, strict=True):
        yield article, from_wire(outcome)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now rather than after their current chunk."""
    if hasattr(pool, "terminate_workers"):  # Python 3.14+
        pool.terminate_workers()
        return
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


# -- in the worker processes -------------------------------------------------------------------


def _start_worker(pipeline: bytes) -> None:
    """Load the pipeline once; leave Ctrl-C to the main process; die with it."""
    global _worker_nlp
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    _worker_nlp = pickle.loads(pipeline)


def _exit_with(parent_sentinel: int) -> None:
    multiprocessing.connection.wait([parent_sentinel])
    os._exit(1)


def _extract_chunk(chunk: list[Article]) -> list[str]:
    """Parse and extract one chunk (one ``nlp.pipe`` batch); the outcomes as JSON text."""
    if _worker_nlp is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker started without a pipeline")
    pairs = extract_articles(chunk, _worker_nlp, batch_size=len(chunk))
    return [to_wire(outcome) for _, outcome in pairs]
