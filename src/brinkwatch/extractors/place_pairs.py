"""Place names that narrow each other: "City, Region" pairs and "City's landmark" possessives.

- "Paris, Texas", "Churchill, Man.", "Clacton, Essex", "EDMONTON, Ky": the second name (a
  country, a division, a county, or a division abbreviation with or without its dot) restricts
  the first to the readings inside it, and is a place itself;
- one sense per discourse: a name narrowed once keeps that reading wherever the document
  repeats it without the qualifier ("London, Ont." ... "London police");
- "London's Heathrow", "Canada's Alberta": the owner restricts the second name, and a second
  name with no reading inside the owner (a landmark the gazetteer lacks) is placed at the owner.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .gazetteer import Entry, Gazetteer, name_key
from .place_mentions import Mention, capitalised, rules, run_end
from .place_resolve import Query, within

__all__ = ["qualify"]

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


def _abbreviation(doc: Doc, gaz: Gazetteer, start: int) -> Mention | None:
    """A division abbreviation at ``start`` ("Ky.", "TX", or "Man" + "." split by the parser)."""
    for end in (start + 2, start + 1):
        if end > len(doc) or (end == start + 2 and doc[start + 1].text != "."):
            continue
        key = name_key(doc[start:end].text.replace(" ", ""))
        if key in gaz.qualifiers and capitalised(doc[start]):
            return Mention(start, end, Query(key, gaz.qualifier(key)))
    return None


def _division_after(doc: Doc, gaz: Gazetteer, start: int, first: Mention) -> Mention | None:
    """A division the gazetteer matches only after "Town, ": "Essex", "Ky" without its dot.

    Accepted only when it holds a reading of the first name, so "Smith, Jones" is nothing.
    """
    if not capitalised(doc[start]):
        return None
    for end in range(run_end(doc, start), start, -1):
        key = name_key(doc[start:end].text)
        if key in rules()["not_places"]:
            continue
        readings = [e for e in gaz.qualifier(key) if e.feature != "country"]
        readings += gaz.bare_abbreviations.get(key, [])
        if any(within(e, q) for e in first.query.candidates for q in readings):
            return Mention(start, end, Query(key, readings))
    return None


def _possessive(doc: Doc, owner: Mention, by_start: dict[int, Mention]) -> None:
    after = owner.end
    if after + 1 >= len(doc) or doc[after].lower_ not in POSSESSIVES:
        return
    owned = by_start.get(after + 1)
    if owned is None or owned.fixed is not None or owned.query.qualifier:
        return
    large = [e for e in owned.query.candidates if e.feature in ("country", "admin", "region")]
    inside = [
        e for e in owned.query.candidates if any(within(e, q) for q in owner.query.candidates)
    ]
    if inside or not large:
        # "Syria's Aleppo" keeps its readings in Syria; "London's Heathrow" lies in London
        owned.owner = owner


def qualify(doc: Doc, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Link "City, Region" pairs and possessives; second names after a comma become places."""
    by_start = {m.start: m for m in mentions}
    added: list[Mention] = []
    admin_cues = rules()["admin_cues"]
    for mention in mentions:
        after = mention.end
        if after < len(doc) and doc[after].lower_ in admin_cues:
            mention.query.admin_cue = True
        before = doc[max(0, mention.start - 2) : mention.start]
        if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in admin_cues:
            mention.query.admin_cue = True  # "the state of Washington"
        _possessive(doc, mention, by_start)
        if after + 1 >= len(doc) or doc[after].text != ",":
            continue
        nxt = by_start.get(after + 1)
        if nxt is None:
            nxt = _abbreviation(doc, gaz, after + 1) or _division_after(
                doc, gaz, after + 1, mention
            )
            if nxt is None:
                continue
            by_start[nxt.start] = nxt
            added.append(nxt)
        qualifier = gaz.qualifier(nxt.query.key) or nxt.query.candidates
        qualifier = [e for e in qualifier if e.feature in ("country", "admin")]
        if not qualifier or mention.fixed is not None:
            continue
        # keep the readings of the second name that contain a reading of the first:
        # "Atlanta, Georgia" is the state, "Tbilisi, Georgia" the country
        fitting = [q for q in qualifier if any(within(e, q) for e in mention.query.candidates)]
        mention.query.qualifier = fitting or qualifier
        if len(fitting) == 1 and nxt.fixed is None:
            nxt.fixed = fitting[0]
    _one_sense(mentions)
    return mentions + added


def _one_sense(mentions: list[Mention]) -> None:
    """Give a name's qualifier to its unqualified repeats ("London, Ont." ... "London")."""
    qualified: dict[str, list[Entry]] = {}
    for mention in mentions:
        if mention.query.qualifier and mention.query.key not in qualified:
            qualified[mention.query.key] = mention.query.qualifier
    for mention in mentions:
        readings = qualified.get(mention.query.key)
        if readings and not mention.query.qualifier and mention.fixed is None:
            mention.query.qualifier = readings
