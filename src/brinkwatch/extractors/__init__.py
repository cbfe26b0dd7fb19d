"""Extraction: plain functions over a parsed spaCy ``Doc`` that build the RECORD.md records.

``extract_document(doc, doc_id=..., published=...)`` runs the registered extractors in
``PIPELINE`` order and returns one :class:`~brinkwatch.records.Document`.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from spacy.tokens import Doc

from ..records import Document
from .base import PIPELINE, Extraction, extractor, registered

__all__ = ["PIPELINE", "Extraction", "extract_document", "extractor", "extractor_versions"]


def extractor_versions() -> dict[str, str]:
    """``{"events": "brinkwatch.events.v1", ...}`` for the extractors in the pipeline."""
    found = registered()
    return {name: found[name].qualified for name in PIPELINE if name in found}


def extract_document(doc: Doc, *, doc_id: str, published: dt.date | None) -> Document:
    """Run every extractor over ``doc`` and assemble the document record."""
    state = Extraction(doc=doc, doc_id=doc_id, published=published)
    found = registered()
    for name in PIPELINE:
        if name in found:
            found[name].fn(state)
    return Document(
        doc_id=doc_id,
        published=published.isoformat() if published else None,
        text_sha256=hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
        events=state.events,
        commitments=state.commitments,
        attributions=state.attributions,
        times=state.times,
        places=state.places,
        extractors=extractor_versions(),
    )
