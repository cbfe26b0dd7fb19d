"""The Ray engine: the same pipeline on a Ray cluster, through Ray Data.

``RayEngine()`` starts a small local cluster (2 CPUs, no dashboard, a 200 MB object store)
and stops it when the run ends; ``RayEngine(address="ray://head:10001")`` (or ``"auto"``)
joins an existing cluster and leaves it running. Articles are taken from the input in
windows of ``window`` articles; each window becomes a Ray Dataset run through
``map_batches`` on a pool of actors (``ActorPoolStrategy(size=workers)``, one CPU each;
all the cluster's CPUs by default). Every actor fetches the driver's spaCy pipeline from the
object store once (so the cluster parses with exactly the model given, installed there or
not), then parses AND extracts whole batches of ``batch_size`` articles with
:func:`~brinkwatch.pipeline.extract_articles`, so the records are the same as a local run's.
Only the outcome JSON comes back (``wire.py``); this process writes the store, in input
order. Memory is bounded by the window (4,096 articles by default); the actors start anew
for each window, a few seconds per window. The cluster's workers need brinkwatch installed
(or shipped in a ``runtime_env``), as for any Ray code.

Ray is optional: ``pip install 'brinkwatch[ray]'``. Without it, ``RayEngine()`` raises
:class:`~brinkwatch.errors.EngineUnavailable`.
"""

from __future__ import annotations

import itertools
import logging
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language

from .. import settings
from ..errors import EngineUnavailable
from ..pipeline import Outcome, extract_articles
from ..records import Article
from .wire import from_wire, to_wire

__all__ = ["RayEngine"]

LOCAL_CPUS = 2
OBJECT_STORE_BYTES = 200 * 1024 * 1024
BATCHES_PER_WINDOW = 128


class RayEngine:
    """Run the pipeline on Ray: ``RayEngine(address=None, workers=None)(articles, nlp)``."""

    def __init__(
        self,
        address: str | None = None,
        workers: int | None = None,
        batch_size: int | None = None,
        window: int | None = None,
    ) -> None:
        try:
            import ray
            import ray.data  # noqa: F401
        except ImportError as exc:
            raise EngineUnavailable(
                f"the ray engine needs Ray, which is not installed ({exc}); "
                "run: pip install 'brinkwatch[ray]'"
            ) from exc
        self.address = address or None
        self.workers = workers
        self.batch_size = max(1, int(settings.get("batch_size", batch_size)))
        self.window = window or self.batch_size * BATCHES_PER_WINDOW

    def __repr__(self) -> str:
        return f"RayEngine(address={self.address!r}, workers={self.workers})"

    def __call__(self, articles: Iterable[Article], nlp: Language) -> Iterator[Outcome]:
        import ray

        started_here = _connect(self.address)
        try:
            cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call]
            actors = self.workers or max(1, int(cpus))
            pipeline = ray.put(pickle.dumps(nlp, protocol=pickle.HIGHEST_PROTOCOL))
            it = iter(articles)
            while window := list(itertools.islice(it, self.window)):
                yield from self._run_window(window, pipeline, actors)
        finally:
            if started_here:
                ray.shutdown()

    def _run_window(self, window: list[Article], pipeline: Any, actors: int) -> Iterator[Outcome]:
        import ray.data

        rows = [{"index": i, "article": a.model_dump_json()} for i, a in enumerate(window)]
        dataset = ray.data.from_items(rows, override_num_blocks=_blocks(len(rows), actors))
        dataset.context.execution_options.preserve_order = True
        records = dataset.map_batches(
            ExtractBatch,
            # the reference rides in a list so that Ray hands it over unresolved: each actor
            # fetches the pipeline itself, once
            fn_constructor_kwargs={"pipeline": [pipeline]},
            batch_size=self.batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=1,
        )
        # rows arrive in order (preserve_order); the buffer only guards that promise
        waiting: dict[int, str] = {}
        following = 0
        for row in records.iter_rows():
            waiting[int(row["index"])] = str(row["record"])
            while following in waiting:
                yield window[following], from_wire(waiting.pop(following))
                following += 1
        if following != len(window):
            raise RuntimeError(f"ray returned {following} of {len(window)} records")


def _blocks(rows: int, actors: int) -> int:
    """Enough blocks to keep every actor busy (a few per actor), none empty."""
    return max(1, min(rows, actors * 4))


def _connect(address: str | None) -> bool:
    """Join ``address`` or start a local cluster; True if this call started Ray."""
    import ray
    from ray.data import DataContext

    context = DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    context.enable_auto_log_stats = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    # notes that merely confirm what we asked for: progress bars off, token auth on (default)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)
    logging.getLogger("ray._private.authentication.authentication_token_setup").setLevel(
        logging.ERROR
    )
    if ray.is_initialized():
        return False
    if address:
        ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
    else:
        ray.init(
            address="local",  # always a new local cluster, never one found lying around
            num_cpus=LOCAL_CPUS,
            include_dashboard=False,
            object_store_memory=OBJECT_STORE_BYTES,
            log_to_driver=False,
            logging_level=logging.WARNING,
        )
    return True


class ExtractBatch:
    """A Ray Data actor: loads the pipeline once, then parses and extracts batches."""

    def __init__(self, pipeline: list[Any]) -> None:
        import ray

        self.nlp: Language = pickle.loads(ray.get(pipeline[0]))

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        articles = [Article.model_validate_json(str(a)) for a in batch["article"]]
        pairs = extract_articles(articles, self.nlp, batch_size=len(articles))
        return {"index": batch["index"], "record": [to_wire(outcome) for _, outcome in pairs]}
