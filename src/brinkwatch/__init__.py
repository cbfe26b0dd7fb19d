"""brinkwatch: escalation early warning from the news.

>>> import brinkwatch
>>> record = brinkwatch.extract("Russia struck Kyiv on Monday.", published="2024-11-05")
>>> store = brinkwatch.Store("brinkwatch.db")
"""

from __future__ import annotations

from .errors import BrinkwatchError, InputError
from .pipeline import IngestReport, extract, extract_articles, ingest
from .records import (
    Article,
    Attribution,
    Commitment,
    Document,
    Entity,
    Event,
    Place,
    Time,
    record_json_schema,
)
from .resolve import Cluster, commitment_history, recluster
from .resolve.clusters import clusters
from .store import EventFilter, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Attribution",
    "BrinkwatchError",
    "Cluster",
    "Commitment",
    "Document",
    "Entity",
    "Event",
    "EventFilter",
    "IngestReport",
    "InputError",
    "Place",
    "Store",
    "Time",
    "__version__",
    "clusters",
    "commitment_history",
    "extract",
    "extract_articles",
    "ingest",
    "open_store",
    "recluster",
    "record_json_schema",
]
