"""TR-News toponym benchmark: place names found and resolved near their GeoNames point.

Each article of ``articles.jsonl`` carries gold ``places`` (``start``, ``end``, ``text``,
``name``, ``country_name``, ``lat``, ``lon``). A gold toponym is *found* when a predicted
Place span overlaps it, and *resolved* when that Place (the one overlapping it most) lies within
161 km (100 miles, the customary geoparsing threshold) of the gold point.

Metrics: ``recall_161km`` (resolved / gold, the headline), ``found`` (found / gold),
``precision`` (predicted places overlapping some gold toponym / predicted places), and
``accuracy_161km_found`` (resolved / found: the resolver alone).

Some gold offsets in TR-News are shifted by a few characters from the text they name; a gold
span whose text is not at its offsets is moved to the nearest occurrence of its text within
``REALIGN_CHARS`` (``realigned`` counts them), and left as given when there is none.

TR-News also marks adjectival demonyms ("Canadian companies") as toponyms; brinkwatch treats
those as places only in locative use ("on Canadian soil"), so ``recall_161km_names`` reports
recall over the gold toponyms that are not demonyms, to show the two effects apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..extractors.base import Extraction
from ..extractors.gazetteer import gazetteer, name_key
from ..extractors.place import extract_places
from ..extractors.place_resolve import haversine_km
from ..records import Place
from . import Report, benchmark, ratio, read_jsonl

__all__ = ["THRESHOLD_KM", "Tally", "run_trnews", "score_article"]

THRESHOLD_KM = 161.0
MISS_ROWS = 40
REALIGN_CHARS = 40


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    resolved: int = 0
    predicted: int = 0
    predicted_matching: int = 0
    names_gold: int = 0
    names_resolved: int = 0
    realigned: int = 0
    misses: list[dict[str, object]] = field(default_factory=list)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def gold_span(text: str, item: dict[str, Any]) -> tuple[tuple[int, int], bool]:
    """The gold toponym's span, moved onto its text when the offsets are off; and if moved."""
    start, end, name = int(item["start"]), int(item["end"]), str(item["text"])
    if text[start:end] == name or not name:
        return (start, end), False
    best: int | None = None
    lo = max(0, start - REALIGN_CHARS)
    found = text.find(name, lo, start + len(name) + REALIGN_CHARS)
    while found != -1:
        if best is None or abs(found - start) < abs(best - start):
            best = found
        found = text.find(name, found + 1, start + len(name) + REALIGN_CHARS)
    if best is None:
        return (start, end), False
    return (best, best + len(name)), True


def score_article(
    text: str, gold: Sequence[dict[str, Any]], predicted: Sequence[Place], tally: Tally
) -> None:
    """Add one article's counts to ``tally``."""
    gaz = gazetteer()
    spans = []
    for item in gold:
        span, moved = gold_span(text, item)
        spans.append(span)
        tally.realigned += moved
    tally.predicted += len(predicted)
    tally.predicted_matching += sum(any(_overlap(p.span, g) > 0 for g in spans) for p in predicted)
    for item, span in zip(gold, spans, strict=True):
        key = name_key(str(item["text"]))
        is_name = key not in gaz.demonyms or key in gaz.names
        tally.gold += 1
        tally.names_gold += is_name
        overlapping = [p for p in predicted if _overlap(p.span, span) > 0]
        if not overlapping:
            tally.misses.append({"text": item["text"], "gold": item["name"], "got": None})
            continue
        tally.found += 1
        place = max(overlapping, key=lambda p: _overlap(p.span, span))
        km = None
        if place.lat is not None and place.lon is not None and item.get("lat") is not None:
            km = haversine_km(place.lat, place.lon, float(item["lat"]), float(item["lon"]))
        if km is not None and km <= THRESHOLD_KM:
            tally.resolved += 1
            tally.names_resolved += is_name
        else:
            tally.misses.append(
                {"text": item["text"], "gold": item["name"], "got": place.name, "km": km}
            )


@benchmark("tr-news")
def run_trnews(path: Path, nlp: Language) -> Report:
    """Run the place extractor over TR-News articles and score it."""
    rows = read_jsonl(path, "articles.jsonl")
    tally = Tally()
    for row, doc in zip(rows, nlp.pipe(row["text"] for row in rows), strict=True):
        # TR-News dates are free text ("9:55 AM ET, Sun January 4, 2015"); places need none
        state = Extraction(doc=doc, doc_id=str(row["id"]), published=None)
        extract_places(state)
        score_article(row["text"], row.get("places", []), state.places, tally)
    return Report(
        benchmark="tr-news",
        items=len(rows),
        metrics={
            "recall_161km": ratio(tally.resolved, tally.gold),
            "found": ratio(tally.found, tally.gold),
            "precision": ratio(tally.predicted_matching, tally.predicted),
            "accuracy_161km_found": ratio(tally.resolved, tally.found),
            "recall_161km_names": ratio(tally.names_resolved, tally.names_gold),
            "gold_toponyms": float(tally.gold),
            "realigned": float(tally.realigned),
        },
        targets={"recall_161km": 0.75},
        tables={"misses": tally.misses[:MISS_ROWS]},
    )
