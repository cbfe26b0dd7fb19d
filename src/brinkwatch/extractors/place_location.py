"""Where an event happens: the place the dependency tree attaches to its trigger.

``location_for(state, trigger, sentence)`` (re-exported by :mod:`.place`) answers with the place
attached to the trigger through "in", "at", "from", "near"... (or to its object: "attacks on
US forces in Iraq" → Iraq), never a target ("a strike on Iraq").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..records import Place
from .base import Extraction
from .place_mentions import rules

__all__ = ["location_for"]

# prepositions that as often mark a target as a place ("fired at Haifa")
WEAK_PREPOSITIONS = frozenset({"at", "toward", "towards", "into", "onto"})
FEATURE_RANK = {"city": 0, "other": 1, "admin": 2, "region": 3, "country": 4}


def _places_by_token(state: Extraction, sentence: tuple[int, int]) -> dict[int, Place]:
    doc = state.doc
    found: dict[int, Place] = {}
    for place in state.places:
        start, end = place.span
        if start < sentence[0] or end > sentence[1]:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for token in span:
                found[token.i] = place
    return found


def _place_under(token: Token, places: dict[int, Place]) -> Place | None:
    """The most specific place in ``token``'s phrase ("the Iraqi city of Mosul" → Mosul)."""
    if token.i in places and places[token.i].feature != "country":
        return places[token.i]
    found = [places[t.i] for t in token.subtree if t.i in places]
    if not found:
        return None
    first_at = {id(p): n for n, p in enumerate(found)}
    return min(found, key=lambda p: (FEATURE_RANK.get(p.feature, 5), first_at[id(p)]))


def _attached_place(
    head: Token, places: dict[int, Place], *, modifiers: bool = False
) -> Place | None:
    """A place attached to ``head`` by a locative preposition (or, with ``modifiers``, as a
    name modifier: "Gaza strikes"). "from" and "in" outrank "at", which often marks a target
    ("fired at Haifa from southern Lebanon")."""
    prepositions = rules()["location_prepositions"]
    locative_heads = rules()["locative_heads"]
    found: list[tuple[int, int, Place]] = []
    for child in head.children:
        if child.dep_ == "prep":
            lower = child.lower_
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                on_soil = lower == "on" and pobj.lemma_.lower() in locative_heads
                if lower in prepositions or on_soil:
                    place = _place_under(pobj, places)
                    if place is not None:
                        found.append((int(lower in WEAK_PREPOSITIONS), child.i, place))
        elif modifiers and child.dep_ in ("compound", "nmod") and child.i in places:
            found.append((0, child.i, places[child.i]))
    return min(found, key=lambda item: item[:2])[2] if found else None


def _objects(head: Token) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass", "attr"):
            yield child
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "at", "upon"):
            yield from (c for c in child.children if c.dep_ == "pobj")


def location_for(
    state: Extraction, trigger: tuple[int, int], sentence: tuple[int, int]
) -> Place | None:
    """Where the event with this trigger happens: the place the parse attaches to it, or None."""
    if not state.places:
        return None
    span = state.doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    places = _places_by_token(state, sentence)
    if not places:
        return None
    root = span.root
    heads = [root, *_objects(root)]
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        governor = root.head.head if root.dep_ == "pobj" else root.head
        if governor.pos_ in ("VERB", "AUX"):
            heads.append(governor)
    for head in heads:
        place = _attached_place(head, places, modifiers=head is root)
        if place is not None:
            return place
    return None
