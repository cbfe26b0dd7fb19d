"""TempEval-3 time-expression benchmark: TIMEX3 spans, types and normalised values.

Each document of ``documents.jsonl`` carries its creation date (``published``) and gold
``times`` (``start``, ``end``, ``text``, ``type``, ``value``). The time extractor runs on the
parsed text with ``published`` as the publication date.

Metrics (TempEval-3 style, relaxed span match):

- ``value_f1`` (the headline): a predicted expression is correct when it overlaps a gold one
  with an equal value; precision is over predicted expressions, recall over gold ones.
- ``span_f1``: the same with overlap alone.
- ``type_accuracy``: among gold expressions that some prediction overlaps, the share where
  one of those predictions has the gold type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..extractors.time import find_times
from ..records import Time
from . import Report, benchmark, ratio, read_jsonl

__all__ = ["Tally", "run_te3", "score_document"]

ERROR_ROWS = 40


@dataclass
class Tally:
    predicted: int = 0
    predicted_overlapping: int = 0
    predicted_correct: int = 0
    gold: int = 0
    gold_found: int = 0
    gold_correct: int = 0
    gold_typed: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)

    def add_error(self, doc_id: str, **row: object) -> None:
        self.errors.append({"doc": doc_id, **row})


def _overlaps(t: Time, gold: dict[str, Any]) -> bool:
    return t.span[0] < int(gold["end"]) and int(gold["start"]) < t.span[1]


def score_document(
    doc_id: str, gold: Sequence[dict[str, Any]], predicted: Sequence[Time], tally: Tally
) -> None:
    """Add one document's counts (and its errors) to ``tally``."""
    tally.predicted += len(predicted)
    for t in predicted:
        matching = [g for g in gold if _overlaps(t, g)]
        tally.predicted_overlapping += bool(matching)
        correct = any(g["value"] == t.value for g in matching)
        tally.predicted_correct += correct
        if not correct:
            expected = [g["value"] for g in matching] or None
            tally.add_error(doc_id, text=t.text, got=t.value, gold=expected)
    for g in gold:
        tally.gold += 1
        found = [t for t in predicted if _overlaps(t, g)]
        tally.gold_found += bool(found)
        tally.gold_correct += any(t.value == g["value"] for t in found)
        tally.gold_typed += any(t.type == g["type"] for t in found)
        if not found:
            tally.add_error(doc_id, text=g["text"], got=None, gold=[g["value"]])


def _f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


@benchmark("te3")
def run_te3(path: Path, nlp: Language) -> Report:
    """Run the time extractor over the TempEval-3 documents and score it."""
    rows = read_jsonl(path, "documents.jsonl")
    tally = Tally()
    for row, doc in zip(rows, nlp.pipe(row["text"] for row in rows), strict=True):
        published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        score_document(str(row["id"]), row.get("times", []), find_times(doc, published), tally)
    value_p = ratio(tally.predicted_correct, tally.predicted)
    value_r = ratio(tally.gold_correct, tally.gold)
    span_p = ratio(tally.predicted_overlapping, tally.predicted)
    span_r = ratio(tally.gold_found, tally.gold)
    return Report(
        benchmark="te3",
        items=len(rows),
        metrics={
            "value_f1": _f1(value_p, value_r),
            "value_precision": value_p,
            "value_recall": value_r,
            "span_f1": _f1(span_p, span_r),
            "span_precision": span_p,
            "span_recall": span_r,
            "type_accuracy": ratio(tally.gold_typed, tally.gold_found),
            "gold_timexes": float(tally.gold),
        },
        targets={"value_f1": 0.75},
        tables={"errors": tally.errors[:ERROR_ROWS]},
    )
