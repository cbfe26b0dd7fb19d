"""Choosing which gazetteer entry a place name means, using the rest of the document.

Rules, in order (each is a reading news writers rely on):

1. a country beats any town of its name ("Lebanon" is not the town in Ohio) — unless nothing
   else in the document names that country, and a same-named division lies in a country the
   document is about ("Georgia" in a story about Atlanta) or a same-named town lies in a
   division other names place the story in at least twice;
2. a named region, sea or disputed area beats towns of its name ("Gaza", "Asia");
3. a trailing qualifier restricts the choice ("Paris, Texas", "Churchill, Man.");
4. a national capital beats a same-named division elsewhere ("Washington" is the seat of
   government, "Washington state" the state);
5. otherwise the highest score wins: log10 population, plus a bonus when the place lies in a
   country (+1) or first-level division (+3) the document names — so "Edmonton" in a story
   about Kentucky is Edmonton, Kentucky — and when it is the capital of a country the
   document names (+2: "Paris" in a story that names France and Kentucky is in France).
   A division counts as named when two names have a plausible reading there (one at least
   1/50 of the name's largest): "Edmonton" beside "Enfield" is the one in England;
6. a division named after its own seat resolves to the city when the two lie within 150 km
   ("Aleppo"), to the division when the division is large ("New York", "Quebec").

A name found only through a weak cue (a small town after "the town of", next to another
place) needs the document's support: a reading in a country, or a first-level division, that
other names place the story in (``Query.needs``); without it the name is no place.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .gazetteer import Entry, Gazetteer

__all__ = ["Context", "Need", "Query", "choose", "distance_km", "document_context", "within"]

# what the document must name for a weakly cued name to be a place: a country holding one of
# its readings, or (weaker cues) a first-level division holding one
Need = Literal["country", "division"]

COUNTRY_BONUS = 1.0
ADMIN1_BONUS = 3.0
DIVISION_BONUS = 1.0
CAPITAL_BONUS = 2.0
ALTERNATE_PENALTY = 0.5
EPONYMOUS_CITY_KM = 150.0
EPONYMOUS_CITY_POPULATION = 100_000
CLEAR_WINNER_RATIO = 10
# a reading this many times smaller than a name's largest is no candidate for shared divisions
# ("Paris, Ontario" beside Paris, France)
PLAUSIBLE_RATIO = 50
# a country's name means a same-named town only when other names put the story in the
# town's division this often and nothing else names the country ("Turkey, Texas")
LOCAL_TOWN_MENTIONS = 2


@dataclass
class Query:
    """One place name as written, with what its surroundings say about it."""

    key: str
    candidates: list[Entry]
    qualifier: list[Entry] = field(default_factory=list)
    admin_cue: bool = False
    city_cue: bool = False
    needs: Need | None = None


@dataclass
class Context:
    """Countries and first-level divisions the document names, with how often."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)
    # what each name contributed itself: a name is not evidence for its own reading
    own_countries: Counter[tuple[str, str]] = field(default_factory=Counter)
    own_admin1: Counter[tuple[str, tuple[str, str]]] = field(default_factory=Counter)

    def add(self, entry: Entry, gazetteer: Gazetteer, key: str = "") -> None:
        if entry.country:
            self.countries[entry.country] += 1
            self.own_countries[(key, entry.country)] += 1
        in_division = entry.feature in ("admin", "city") and entry.country and entry.admin1
        if in_division and gazetteer.admin1_of(entry) is not None:
            division = (entry.country or "", entry.admin1 or "")
            self.admin1[division] += 1
            self.own_admin1[(key, division)] += 1

    def names_country(self, iso3: str | None, key: str) -> bool:
        """Whether names other than ``key`` place the document in country ``iso3``."""
        iso3 = iso3 or ""
        return self.countries[iso3] > self.own_countries[(key, iso3)]

    def admin1_mentions(self, iso3: str | None, admin1: str | None, key: str) -> int:
        """How many names other than ``key`` place the document in that division."""
        division = (iso3 or "", admin1 or "")
        return self.admin1[division] - self.own_admin1[(key, division)]

    def names_admin1(self, iso3: str | None, admin1: str | None, key: str) -> bool:
        return self.admin1_mentions(iso3, admin1, key) > 0


def distance_km(a: Entry, b: Entry) -> float:
    """Great-circle distance between two entries' points."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def within(entry: Entry, qualifier: Entry) -> bool:
    """Whether ``entry`` lies in the country or division ``qualifier``."""
    if entry == qualifier or entry.country != qualifier.country:
        return False
    if qualifier.feature == "country":
        return True
    return entry.admin1 == qualifier.admin1 and entry.feature != "country"


def _score(entry: Entry, context: Context | None, key: str) -> float:
    score = math.log10(max(entry.population, 1))
    if entry.feature == "admin" and entry.population:
        score += DIVISION_BONUS
    if entry.alternate:
        score -= ALTERNATE_PENALTY
    if context is not None and entry.country:
        if context.names_country(entry.country, key):
            score += COUNTRY_BONUS
        if entry.admin1 and context.names_admin1(entry.country, entry.admin1, key):
            score += ADMIN1_BONUS
        if entry.capital and context.names_country(entry.country, key):
            score += CAPITAL_BONUS
    return score


def _supported(candidates: list[Entry], query: Query, context: Context | None) -> list[Entry]:
    """The readings of a weakly cued name that lie where the document is."""
    if context is None:
        return []
    if query.needs == "division":
        return [
            e
            for e in candidates
            if e.admin1 and context.names_admin1(e.country, e.admin1, query.key)
        ]
    return [e for e in candidates if context.names_country(e.country, query.key)]


def _local(entry: Entry, context: Context, key: str) -> bool:
    """A division in a country the document is about, or a town in a division it names twice."""
    if entry.feature == "admin" and entry.population:
        return context.names_country(entry.country, key)
    if entry.feature == "city":
        return context.admin1_mentions(entry.country, entry.admin1, key) >= LOCAL_TOWN_MENTIONS
    return False


def _country_choice(query: Query, candidates: list[Entry], context: Context | None) -> Entry | None:
    countries = [e for e in candidates if e.feature == "country"]
    if not countries:
        return None
    country = max(countries, key=lambda e: e.population)
    if context is not None and not query.qualifier:
        local = [e for e in candidates if _local(e, context, query.key)]
        if local and not context.names_country(country.country, query.key):
            return max(local, key=lambda e: _score(e, context, query.key))
    return country


def choose(query: Query, context: Context | None, gazetteer: Gazetteer) -> Entry | None:
    """The entry ``query`` most likely names, or None when nothing fits."""
    candidates = query.candidates
    if query.needs is not None:
        candidates = _supported(candidates, query, context)
    if not candidates:
        return None
    if query.qualifier:
        inside = [e for e in candidates if any(within(e, q) for q in query.qualifier)]
        candidates = inside or candidates
    else:
        country = _country_choice(query, candidates, context)
        if country is not None:
            return country
        regions = [e for e in candidates if e.population >= 10**9]
        if regions and not query.city_cue:
            return regions[0]
    if query.city_cue:
        candidates = [e for e in candidates if e.feature == "city"] or candidates
    if query.admin_cue:
        candidates = [e for e in candidates if e.feature == "admin"] or candidates
    best = max(candidates, key=lambda e: _score(e, context, query.key))
    if best.feature == "admin" and not query.admin_cue:
        capitals = [e for e in candidates if e.capital and e.admin1 != best.admin1]
        if capitals:
            return max(capitals, key=lambda e: e.population)
        seat = [
            e
            for e in candidates
            if e.feature == "city"
            and e.country == best.country
            and e.admin1 == best.admin1
            and e.population >= EPONYMOUS_CITY_POPULATION
            and distance_km(e, best) <= EPONYMOUS_CITY_KM
        ]
        if seat:
            return max(seat, key=lambda e: e.population)
    return best


def clear_choice(query: Query, gazetteer: Gazetteer) -> Entry | None:
    """The entry ``query`` names when that needs no context, for building the context."""
    choice = choose(query, None, gazetteer)
    if choice is None or choice.feature in ("country", "region", "other") or query.qualifier:
        return choice
    rivals = [e for e in query.candidates if e != choice and e.country != choice.country]
    if all(e.population * CLEAR_WINNER_RATIO <= choice.population for e in rivals):
        return choice
    return None


def _plausible(query: Query) -> list[Entry]:
    """The town and division readings of a name not dwarfed by its largest reading."""
    top = max(e.population for e in query.candidates)
    return [
        e
        for e in query.candidates
        if e.feature in ("city", "admin")
        and e.country
        and e.admin1
        and e.population * PLAUSIBLE_RATIO >= top
    ]


def _add_shared_divisions(context: Context, queries: Sequence[Query], gazetteer: Gazetteer) -> None:
    """Evidence from names that share a division: "Edmonton" and "Enfield" both have a
    plausible reading in England, so each supports the other's there (the larger Edmonton
    is in Alberta, the larger Enfield in England)."""
    readings: dict[str, list[Entry]] = {}
    names_in: dict[tuple[str, str], set[str]] = {}
    for query in queries:
        if query.key in readings or not query.candidates:
            continue
        readings[query.key] = _plausible(query)
        for entry in readings[query.key]:
            names_in.setdefault((entry.country or "", entry.admin1 or ""), set()).add(query.key)
    for key, entries in readings.items():
        for entry in entries:
            if len(names_in[(entry.country or "", entry.admin1 or "")]) > 1:
                context.add(entry, gazetteer, key)


def document_context(
    queries: Sequence[Query], demonyms: Iterable[Entry], gazetteer: Gazetteer
) -> Context:
    """What the document is about: the places it names unambiguously, its demonyms, and the
    divisions where several of its ambiguous names have a reading."""
    context = Context()
    for entry in demonyms:
        context.add(entry, gazetteer)
    for query in queries:
        choice = clear_choice(query, gazetteer)
        if choice is not None:
            context.add(choice, gazetteer, query.key)
        for qualifier in query.qualifier[:1]:
            context.add(qualifier, gazetteer)
    _add_shared_divisions(context, [q for q in queries if q.needs is None], gazetteer)
    return context
