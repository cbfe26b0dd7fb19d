"""``brinkwatch eval plover-gsr PATH``: PLOVER gold-standard records, one sentence each.

Each record has one gold ``event`` type, gold ``actors`` and ``recipients`` (code + sector) and
a ``markup`` with SRC/TAR/EVT marks, which is never read here: only the text is extracted.

What counts (negated events are left out of the prediction: a negated event is not a claim
that it happened):

- ``type_accuracy``: share of sentences where one of the predicted events has the gold type.
- ``actor_accuracy``: over sentences with at least one gold actor code, the share where the
  *candidate* events include one whose actor code equals any gold actor code. The candidates
  are the predicted events of the gold type; when there are none, the single most confident
  predicted event. A sentence with no predicted event fails.
- ``recipient_accuracy``: the same for recipients, over sentences with a gold recipient code.
- per-type precision/recall/F1 over sentences: for type T a sentence is a true positive when
  its gold type is T and T is predicted, a false positive when T is predicted but the gold type
  differs (a sentence has one gold type, so a second, real event in it costs precision), a false
  negative when the gold type is T and T is not predicted.
- a confusion table: gold type x the type of the most confident predicted event ("NONE" when
  nothing was predicted), one row per gold type listing its non-zero cells.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..extractors import extract_document
from ..records import EVENT_TYPES, Event
from . import Report, benchmark, read_jsonl

__all__ = ["TARGETS", "plover_gsr", "read_records", "score"]

TARGETS = {"type_accuracy": 0.80, "actor_accuracy": 0.85, "recipient_accuracy": 0.75}


def read_records(path: Path) -> list[dict[str, Any]]:
    return read_jsonl(path, "sentences.jsonl")


def _codes(parties: Iterable[dict[str, Any]]) -> set[str]:
    return {p["code"] for p in parties if p.get("code")}


def _candidates(gold_type: str, events: Sequence[Event]) -> list[Event]:
    same = [e for e in events if e.event == gold_type]
    if same:
        return same
    return [max(events, key=lambda e: e.confidence)] if events else []


def _party_hit(gold: set[str], events: Sequence[Event], role: str) -> bool:
    for event in events:
        party = event.actor if role == "actor" else event.recipient
        if party is not None and party.code in gold:
            return True
    return False


def score(records: Sequence[dict[str, Any]], predictions: Sequence[Sequence[Event]]) -> Report:
    """The report for gold ``records`` and the events predicted for each, in order."""
    typed = actor_total = actor_hits = recipient_total = recipient_hits = 0
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for record, predicted in zip(records, predictions, strict=True):
        events = [e for e in predicted if e.realis != "negated"]
        gold = record["event"]
        types = {e.event for e in events}
        typed += gold in types
        for t in types:
            (tp if t == gold else fp)[t] += 1
        if gold not in types:
            fn[gold] += 1
        top = max(events, key=lambda e: e.confidence).event if events else "NONE"
        confusion[(gold, top)] += 1
        candidates = _candidates(gold, events)
        actors, recipients = _codes(record["actors"]), _codes(record["recipients"])
        if actors:
            actor_total += 1
            actor_hits += _party_hit(actors, candidates, "actor")
        if recipients:
            recipient_total += 1
            recipient_hits += _party_hit(recipients, candidates, "recipient")
    n = len(records)
    metrics = {
        "type_accuracy": typed / n if n else 0.0,
        "actor_accuracy": actor_hits / actor_total if actor_total else 0.0,
        "recipient_accuracy": recipient_hits / recipient_total if recipient_total else 0.0,
        "events_per_sentence": sum(len(p) for p in predictions) / n if n else 0.0,
    }
    return Report(
        benchmark="plover-gsr",
        items=n,
        metrics={k: round(v, 4) for k, v in metrics.items()},
        targets=dict(TARGETS),
        tables={
            "per type": _per_type(tp, fp, fn),
            "confusion (gold x top predicted)": _confusion(confusion),
        },
    )


def _per_type(tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for t in EVENT_TYPES:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(
            {
                "type": t,
                "gold": tp[t] + fn[t],
                "predicted": tp[t] + fp[t],
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(f1, 3),
            }
        )
    return rows


def _confusion(cells: Counter[tuple[str, str]]) -> list[dict[str, object]]:
    """One row per gold type: how its sentences' top predicted types spread (wide matrices
    do not fit a terminal, so the row lists the non-zero cells, largest first)."""
    rows: list[dict[str, object]] = []
    for gold in sorted({g for g, _ in cells}):
        row = sorted(((n, p) for (g, p), n in cells.items() if g == gold), reverse=True)
        rows.append(
            {
                "gold": gold,
                "sentences": sum(n for n, _ in row),
                "top is gold": cells[(gold, gold)],
                "top predicted": ", ".join(f"{p} {n}" for n, p in row),
            }
        )
    return rows


@benchmark("plover-gsr")
def plover_gsr(path: Path, nlp: Language) -> Report:
    """Extract every gold sentence (no publication date) and score its events."""
    records = read_records(path)
    predictions = []
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        predictions.append(extract_document(doc, doc_id=record["id"], published=None).events)
    return score(records, predictions)
