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

    ``doc_ids`` names the documents to take into account; by default, every document stored
    but not yet resolved (recorded in ``resolve_pending`` when it was stored), so a run
    interrupted between storing and resolving is completed by the next one.
    Stores without SQL (none yet) are left alone.
    """
    if not isinstance(store, SqliteStore):
        return
    from .. import settings

    with store.atomic():
        pending = store.query(
            "SELECT d.id, d.doc_id FROM resolve_pending p JOIN documents d ON d.id = p.document_id"
        )
        fresh = sorted({r["doc_id"] for r in pending} | set(doc_ids or ()))
        if not fresh:
            return
        update_clusters(store)
        days = settings.get("redline_deadline_days")
        rules = RedLineRules(deadline_days=int(days) if int(days) > 0 else None)
        update_commitments(store, fresh, rules=rules)
        store.execute("DELETE FROM resolve_pending")
