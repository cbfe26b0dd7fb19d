"""The public surface is small and sorted, and pinned here."""

from __future__ import annotations

import brinkwatch

PUBLIC = [
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


def test_public_api_is_pinned() -> None:
    assert brinkwatch.__all__ == PUBLIC
    for name in brinkwatch.__all__:
        assert hasattr(brinkwatch, name), name


def test_extract_function_and_extractor_package_coexist() -> None:
    import importlib

    events = importlib.import_module("brinkwatch.extractors.events")
    assert callable(brinkwatch.extract)
    assert brinkwatch.extractors.events is events  # type: ignore[attr-defined]
