"""The PLOVER gold-standard records: the event coder holds its targets (dev half)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from brinkwatch.evaluate import run_benchmark
from brinkwatch.evaluate.plover import TARGETS, score
from brinkwatch.records import Entity, Event

pytestmark = [pytest.mark.bench, pytest.mark.models]


def test_plover_gsr_targets(bench_dir: Path, nlp: Language) -> None:
    path = bench_dir / "plover-gsr"
    if not path.exists():
        pytest.skip("plover-gsr not present")
    report = run_benchmark("plover-gsr", path, nlp)
    assert report.items > 100
    for name, target in TARGETS.items():
        assert report.metrics[name] >= target, (name, report.metrics)


def _event(kind: str, actor: str | None, recipient: str | None, conf: float = 0.8) -> Event:
    def party(code: str | None) -> Entity | None:
        return Entity(code=code, text=code or "", span=(0, 1)) if code else None

    return Event(
        id="e",
        event=kind,
        actor=party(actor),
        recipient=party(recipient),  # type: ignore[arg-type]
        event_text="x",
        span=(0, 1),
        sentence_span=(0, 1),
        confidence=conf,
    )


def test_score_definitions() -> None:
    records = [
        {"event": "ASSAULT", "actors": [{"code": "ISR"}], "recipients": [{"code": "IRN"}]},
        {"event": "REQUEST", "actors": [{"code": "USA"}], "recipients": []},
        {"event": "AGREE", "actors": [{"code": "FRA"}], "recipients": [{"code": "DEU"}]},
    ]
    predictions = [
        [_event("ASSAULT", "ISR", "IRN"), _event("THREATEN", "IRN", None, 0.9)],
        [_event("THREATEN", "USA", None)],  # wrong type: the most confident event is judged
        [],
    ]
    report = score(records, predictions)
    assert report.metrics["type_accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert report.metrics["actor_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert report.metrics["recipient_accuracy"] == pytest.approx(1 / 2, abs=1e-3)
    rows = {r["type"]: r for r in report.tables["per type"]}
    assert rows["THREATEN"]["predicted"] == 2 and rows["THREATEN"]["precision"] == 0.0
    assert rows["ASSAULT"]["f1"] == 1.0
    confusion = {r["gold"]: r for r in report.tables["confusion (gold x top predicted)"]}
    assert confusion["ASSAULT"]["top predicted"] == "THREATEN 1"
    assert confusion["ASSAULT"]["top is gold"] == 0
    assert confusion["AGREE"]["top predicted"] == "NONE 1"
    assert confusion["REQUEST"]["sentences"] == 1
