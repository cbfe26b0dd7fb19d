"""The PolNeAR benchmark: its scorer, and the figure the project holds itself to."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from brinkwatch.evaluate.polnear import Scores, match_overlap, outermost
from brinkwatch.records import Attribution, Cue, TextSpan


def attribution(n: int, cue: tuple[int, int], content: tuple[int, int]) -> Attribution:
    return Attribution(
        id=f"a{n}", cue=Cue(text="x", span=cue), content=TextSpan(span=content), source=None
    )


def test_overlap_matching_is_one_to_one() -> None:
    gold = [(0, 10), (20, 30)]
    assert match_overlap(gold, [(5, 8)]) == 1
    assert match_overlap(gold, [(5, 8), (6, 9)]) == 1  # one gold span, two guesses
    assert match_overlap(gold, [(9, 21)]) == 1  # touches both, counts once
    assert match_overlap(gold, [(10, 20)]) == 0  # [start, end): no shared character


def test_scores_give_precision_recall_f1() -> None:
    scores = Scores()
    scores.add([(0, 5), (10, 15)], [(1, 2), (40, 50)])
    assert (scores.precision(), scores.recall(), scores.f1()) == (0.5, 0.5, 0.5)


def test_outermost_drops_attributions_inside_another_content() -> None:
    outer = attribution(1, (0, 4), (10, 60))
    inner = attribution(2, (20, 24), (25, 60))
    assert outermost([outer, inner]) == [outer]


@pytest.mark.bench
@pytest.mark.models
def test_polnear_source_f1(bench_dir: Path, nlp: Language) -> None:
    from brinkwatch.evaluate import run_benchmark

    path = bench_dir / "polnear"
    if not path.exists():
        pytest.skip("PolNeAR benchmark not present")
    report = run_benchmark("polnear", path, nlp)
    assert report.items > 0
    assert report.metrics["source_f1"] >= 0.70, report.metrics
    assert report.metrics["source_f1_all"] >= 0.65, report.metrics
