"""Across articles: event clusters (one real-world event, many reports) and red-line status.

- :mod:`.clusters`: ``recluster``, ``update_clusters``, ``clusters.clusters`` — which
  event reports describe the same real-world event, with their outlets and independent
  sources.
- :mod:`.redlines`: ``update_commitments``, ``commitment_history`` — whether each
  commitment is pending, triggered, honoured, breached or withdrawn, and on what evidence.

:func:`update_after_ingest` runs both after new documents are stored. Importing this
package registers the tables it needs as store migrations (:mod:`.migrations`).
(The function ``clusters`` is not imported here: it would hide the module of that name.)
"""

from __future__ import annotations

from collections.abc import Iterable

from ..store.base import StoreBackend
from ..store.sqlite import SqliteStore
from . import migrations as migrations
from .clusters import Cluster, cluster_rows, recluster, update_clusters
from .redlines import RedLineRules, Transition, commitment_history, update_commitments

__all__ = [
    "Cluster",
    "RedLineRules",
    "Transition",
    "cluster_rows",
    "commitment_history",
    "recluster",
    "update_after_ingest",
    "update_clusters",
    "update_commitments",
]


def update_after_ingest(store: StoreBackend, doc_ids: Iterable[str] | None = None) -> None:
    """Cluster the newly stored event reports and bring the red lines up to date.

    ``doc_ids`` names the documents just stored (None: reconsider every commitment).
    Stores without SQL (none yet) are left alone.
    """
    if not isinstance(store, SqliteStore):
        return
    from .. import settings

    update_clusters(store)
    days = settings.get("redline_deadline_days")
    rules = RedLineRules(deadline_days=int(days) if int(days) > 0 else None)
    update_commitments(store, None if doc_ids is None else list(doc_ids), rules=rules)
