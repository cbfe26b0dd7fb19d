"""The public surface is small and sorted, and pinned here."""

from __future__ import annotations

import brinkwatch

PUBLIC = [
    "Article",
    "Attribution",
    "BrinkwatchError",
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
    "extract",
    "extract_articles",
    "ingest",
    "open_store",
    "record_json_schema",
]


def test_public_api_is_pinned() -> None:
    assert brinkwatch.__all__ == PUBLIC
    for name in brinkwatch.__all__:
        assert hasattr(brinkwatch, name), name
