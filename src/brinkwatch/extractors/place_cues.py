"""Small places the parser misses, found through the words news writes around them.

The well-known names (countries, divisions, cities above 50,000 people) are matched anywhere;
a small town's name is also a common word or surname, so it is read as a place only after a
cue, and only where the rest of the document puts the story (``Query.needs``):

- a dateline: an upper-case name opening a paragraph, then a dash or comma
  ("TORRINGTON — Mayor ...", "GLASGOW, Ky. (AP) --"); no support needed, the dateline says it;
- a kind noun: "the towns of Haris and Varzaqan", "the village of X", "X county", "X district",
  a mayor: "X Mayor Jane Doe", "the mayor of X", and an address: "12 Dunnock Close, X" — in a
  country the document names;
- a weaker cue: coordination with a found place ("Ingham or Townsville") — in a first-level
  division the document names.

A locative preposition alone is no cue for a small town: "in Congress" would be Congress,
Arizona. An acronym is read by no town's code name ("GOP" is not Gorakhpur).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from .gazetteer import Entry, Gazetteer, name_key
from .place_mentions import (
    MAX_NAME_TOKENS,
    Mention,
    Words,
    capitalised,
    query_for,
    rules,
    run_end,
)
from .place_resolve import Need, Query

__all__ = ["cued_mentions", "dateline_mentions"]

ACRONYM_CHARS = 4
LIST_WORDS = frozenset({",", "and", "or"})
COORDINATORS = frozenset({"and", "or"})


# an upper-case name opening a paragraph, then a dash, a comma or a parenthesis
_DATELINE = re.compile(r"(?:^|\n)[ \t]*([A-Z][A-Z'.\- ]*[A-Z])[ \t]*(?:—|–|-|,|\()")


def dateline_mentions(
    doc: Doc, text: str, gaz: Gazetteer, covered: list[bool]
) -> Iterator[Mention]:
    """Upper-case names that open a paragraph before a dash or comma: news datelines."""
    for match in _DATELINE.finditer(text):
        span = doc.char_span(match.start(1), match.end(1))
        if span is None or len(span) > MAX_NAME_TOKENS or any(covered[span.start : span.end]):
            continue
        key = name_key(span.text)
        if key in rules()["not_places"] or key in rules()["common_words"]:
            continue
        candidates = _readings(gaz, span)
        if candidates:
            yield Mention(span.start, span.end, Query(key, candidates))


def _readings(gaz: Gazetteer, span: Span) -> list[Entry]:
    """The gazetteer readings of a cued name; an acronym ("GOP") is no town's code name."""
    candidates = gaz.candidates(name_key(span.text))
    if span.text.isupper() and len(span.text) <= ACRONYM_CHARS:
        return [e for e in candidates if not e.alternate]
    return candidates


def _name_at(
    doc: Doc, gaz: Gazetteer, start: int, covered: list[bool], needs: Need
) -> Mention | None:
    """The longest gazetteer name starting at ``start`` (a capitalised run), if any."""
    if start >= len(doc) or not capitalised(doc[start]):
        return None
    if doc[start].is_sent_start and doc[start].pos_ != "PROPN":
        return None  # "Floods and ..." opening a sentence
    for end in range(run_end(doc, start), start, -1):
        if not capitalised(doc[end - 1]) or any(covered[start:end]):
            continue
        key = name_key(doc[start:end].text)
        if key in rules()["not_places"]:
            continue
        candidates = _readings(gaz, doc[start:end])
        if candidates:
            return Mention(start, end, Query(key, candidates, needs=needs))
    return None


def _name_before(
    doc: Doc, gaz: Gazetteer, end: int, covered: list[bool], needs: Need
) -> Mention | None:
    """The longest gazetteer name ending at ``end`` (a capitalised run), if any."""
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS and capitalised(doc[start - 1]):
        start -= 1
    for first in range(start, end):
        found = _name_at(doc, gaz, first, covered, needs)
        if found is not None and found.end == end:
            return found
    return None


def _listed_after(doc: Doc, gaz: Gazetteer, start: int, covered: list[bool]) -> Iterator[Mention]:
    """The names of "the towns of A, B and C", from ``start``."""
    i = start
    while i < len(doc):
        if covered[i]:  # a name found already ("the cities of Aleppo and Foo")
            while i < len(doc) and covered[i]:
                i += 1
        else:
            found = _name_at(doc, gaz, i, covered, "country")
            if found is None:
                return
            yield found
            i = found.end
        while i < len(doc) and doc[i].lower_ in LIST_WORDS:
            i += 1


def _kind_named(doc: Doc, gaz: Gazetteer, kind: int, covered: list[bool]) -> Mention | None:
    """ "Maoxian county", "the Karak district": a name before a lower-case kind noun."""
    start = kind
    while start > 0 and kind - start < MAX_NAME_TOKENS and capitalised(doc[start - 1]):
        start -= 1
    for first in range(start, kind):
        if any(covered[first : kind + 1]):
            continue
        if doc[first].is_sent_start and doc[first].pos_ != "PROPN":
            continue
        query = query_for(gaz, doc[first : kind + 1].text, abbreviations=False)
        if not query.candidates:
            query = Query(name_key(doc[first:kind].text), _readings(gaz, doc[first:kind]))
        if query.candidates and query.key not in rules()["not_places"]:
            query.needs = "country"
            return Mention(first, kind + 1, query)
    return None


def _person(span: Span, ents: list[Span | None]) -> bool:
    return any(e is not None and e.label_ == "PERSON" for e in ents[span.start : span.end])


def cued_mentions(
    doc: Doc,
    gaz: Gazetteer,
    covered: list[bool],
    ents: list[Span | None],
    words: Words,
    found: list[Mention],
) -> list[Mention]:
    """Names after a kind noun, by a mayor or in an address, and names coordinated with a
    found place."""
    kinds, titles = rules()["kind_nouns"], rules()["place_titles"]
    mentions: list[Mention] = []

    def take(mention: Mention | None, *, over_person: bool = False) -> None:
        if mention is None or any(covered[mention.start : mention.end]):
            return
        if over_person or not _person(doc[mention.start : mention.end], ents):
            mentions.append(mention)
            covered[mention.start : mention.end] = [True] * (mention.end - mention.start)

    streets = rules()["street_words"]
    cues = kinds | titles | streets
    for i, lower in enumerate(words.lower):
        if lower not in cues:
            continue
        token = doc[i]
        if lower in kinds and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
            for mention in _listed_after(doc, gaz, token.i + 2, covered):
                take(mention)
        elif lower in kinds and token.is_lower and token.i > 0:
            take(_kind_named(doc, gaz, token.i, covered))
        elif lower in titles:
            if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
                take(_name_at(doc, gaz, token.i + 2, covered, "country"))
            take(_name_before(doc, gaz, token.i, covered, "country"))
        elif lower in streets and token.is_title and i + 2 < len(doc) and doc[i + 1].text == ",":
            # an address: "of Dunnock Close, Edmonton" (the parser may call the town a person)
            take(_name_at(doc, gaz, i + 2, covered, "country"), over_person=True)
    for mention in found:
        if mention.end + 1 < len(doc) and doc[mention.end].lower_ in COORDINATORS:
            take(_name_at(doc, gaz, mention.end + 1, covered, "division"))
        if mention.start > 1 and doc[mention.start - 1].lower_ in COORDINATORS:
            take(_name_before(doc, gaz, mention.start - 1, covered, "division"))
    return mentions
