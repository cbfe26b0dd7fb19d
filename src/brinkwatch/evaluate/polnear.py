"""PolNeAR attribution benchmark: source, cue and content spans against hand annotation.

Each article of ``articles.jsonl`` carries gold ``attributions`` with ``source`` (may be
null), ``cue`` and ``content`` spans. A predicted span matches a gold span when they overlap;
matching is one-to-one, greedily by overlap length. Source F1 counts only attributions whose
gold (or predicted) source is not null.

Convention: PolNeAR annotates top-level attributions; an attribution inside another's content
("A said B told Axios that ...": the B one) is almost never annotated (7 of the 1,073 gold
cues of the development half). The headline ``*_f1`` figures therefore compare the gold with
our *outermost* attributions (whose cue lies in no other predicted attribution's content);
``*_f1_all`` compares it with every attribution we emit, nested ones included.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..extractors.attribution import attribution_kind, extract_attributions
from ..extractors.base import PIPELINE, Extraction, registered
from ..records import Attribution
from . import Report, benchmark, read_jsonl

__all__ = [
    "Scores",
    "attributions_for_doc",
    "match_overlap",
    "outermost",
    "run_polnear",
    "score_article",
]

Span = tuple[int, int]


def match_overlap(gold: Sequence[Span], predicted: Sequence[Span]) -> int:
    """How many predicted spans match a gold span, one-to-one, greedily by overlap length."""
    pairs = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((overlap, g, p))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, g, p in pairs:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
    return len(used_gold)


class Scores:
    """Matched, gold and predicted counts for one span type, summed over articles."""

    def __init__(self) -> None:
        self.matched = 0
        self.gold = 0
        self.predicted = 0

    def add(self, gold: Sequence[Span], predicted: Sequence[Span]) -> None:
        self.matched += match_overlap(gold, predicted)
        self.gold += len(gold)
        self.predicted += len(predicted)

    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0


def _spans(items: Iterable[object]) -> list[Span]:
    found = []
    for item in items:
        if isinstance(item, list | tuple) and len(item) == 2:
            found.append((int(item[0]), int(item[1])))
    return found


def attributions_for_doc(doc: Doc, doc_id: str, published: dt.date | None) -> Extraction:
    """Run the pipeline up to and including the attribution extractor."""
    state = Extraction(doc=doc, doc_id=doc_id, published=published)
    try:
        found = registered()
    except ImportError:  # another extractor is not written yet: attributions alone
        extract_attributions(state)
        return state
    for name in PIPELINE[: PIPELINE.index("attributions") + 1]:
        if name in found:
            found[name].fn(state)
    return state


def outermost(attributions: Sequence[Attribution]) -> list[Attribution]:
    """The attributions whose cue lies in no other attribution's content."""
    return [
        a
        for a in attributions
        if not any(
            b is not a and b.content.span[0] <= a.cue.span[0] and a.cue.span[1] <= b.content.span[1]
            for b in attributions
        )
    ]


def score_article(
    gold: list[dict[str, object]], predicted: list[Attribution], scores: dict[str, Scores]
) -> None:
    """Add one article's gold and predicted spans to ``scores`` (source, cue, content)."""
    scores["source"].add(
        _spans(g.get("source") for g in gold),
        [a.source.span for a in predicted if a.source is not None],
    )
    scores["cue"].add(_spans(g.get("cue") for g in gold), [a.cue.span for a in predicted])
    scores["content"].add(
        _spans(g.get("content") for g in gold), [a.content.span for a in predicted]
    )


@benchmark("polnear")
def run_polnear(path: Path, nlp: Language) -> Report:
    articles = read_jsonl(path, "articles.jsonl")
    scores = {name: Scores() for name in ("source", "cue", "content")}
    scores_all = {name: Scores() for name in ("source", "cue", "content")}
    kinds: Counter[str] = Counter()
    docs = nlp.pipe(article["text"] for article in articles)
    for article, doc in zip(articles, docs, strict=True):
        published = article.get("published")
        state = attributions_for_doc(
            doc, str(article["id"]), dt.date.fromisoformat(published) if published else None
        )
        gold = article.get("attributions") or []
        top = outermost(state.attributions)
        score_article(gold, top, scores)
        score_article(gold, state.attributions, scores_all)
        kinds.update(attribution_kind(state, a.id) or "unknown" for a in top)
    metrics: dict[str, float] = {}
    for name, score in scores.items():
        metrics[f"{name}_precision"] = round(score.precision(), 4)
        metrics[f"{name}_recall"] = round(score.recall(), 4)
        metrics[f"{name}_f1"] = round(score.f1(), 4)
        metrics[f"{name}_f1_all"] = round(scores_all[name].f1(), 4)
    table: list[dict[str, object]] = [
        {"span": name, "gold": s.gold, "predicted": s.predicted, "matched": s.matched}
        for name, s in scores.items()
    ]
    return Report(
        benchmark="polnear",
        items=len(articles),
        metrics=metrics,
        targets={"source_f1": 0.70},
        tables={
            "spans": table,
            "outermost attributions by cue class": [
                {"class": k, "n": n} for k, n in kinds.most_common()
            ],
        },
    )
