"""What crosses a process boundary: one outcome (a record or the error naming its document)
as one JSON text, so worker processes and Ray actors never send ``Doc`` objects or
exceptions, and the main process rebuilds exactly what a single-process run yields."""

from __future__ import annotations

import json

from ..errors import ExtractionFailed
from ..records import Document

__all__ = ["from_wire", "to_wire"]

_FAILED = '{"extraction_failed":'


def to_wire(outcome: Document | ExtractionFailed) -> str:
    if isinstance(outcome, ExtractionFailed):
        fields = {"origin": outcome.origin, "detail": outcome.detail}
        return _FAILED + json.dumps(fields) + "}"
    return outcome.model_dump_json()


def from_wire(text: str) -> Document | ExtractionFailed:
    if text.startswith(_FAILED):
        fields = json.loads(text)["extraction_failed"]
        return ExtractionFailed(fields["origin"], fields["detail"])
    return Document.model_validate_json(text)
