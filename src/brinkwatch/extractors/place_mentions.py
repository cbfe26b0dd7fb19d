"""A place name found in a document before it is resolved, and what the finders share.

The finders of :mod:`.place`, :mod:`.place_cues` and :mod:`.place_pairs` each add
:class:`Mention` objects (token ranges with a :class:`~.place_resolve.Query`); ``find_places``
resolves them together against the document's context.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .gazetteer import Entry, Gazetteer, gazetteer, name_key
from .place_resolve import Query

__all__ = [
    "MAX_NAME_TOKENS",
    "NAME_CONNECTORS",
    "Mention",
    "Words",
    "capitalised",
    "cover",
    "query_for",
    "rules",
    "run_end",
]

MAX_NAME_TOKENS = 5
# lower-case words inside place names ("Rio de Janeiro", "Stoke-on-Trent")
NAME_CONNECTORS = frozenset({"of", "de", "and", "on", "upon", "la", "al", "el", "du", "da", "-"})


@functools.cache
def rules() -> dict[str, frozenset[str]]:
    """The word lists of ``data/places/rules.yaml``."""
    return {key: frozenset(words) for key, words in gazetteer().rules.items()}


@dataclass
class Mention:
    """A place name at tokens ``[start, end)`` with what is known about its reading."""

    start: int
    end: int
    query: Query
    fixed: Entry | None = None
    # the well-known place a facility is named after ("Vancouver Art Gallery")
    inner: Entry | None = None
    # the place written as its owner ("London's Heathrow"): the name lies there
    owner: Mention | None = None


@dataclass(frozen=True)
class Words:
    """Each token's lower-case form and capitalisation, read once: the finders scan these
    lists and build spaCy ``Token`` objects only where a name may start."""

    lower: list[str]
    capital: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> Words:
        lower: list[str] = []
        capital: list[bool] = []
        for token in doc:
            lower.append(token.lower_)
            capital.append(token.is_title or token.is_upper)
        return cls(lower, capital)


def capitalised(token: Token) -> bool:
    return token.is_title or token.is_upper


def cover(covered: list[bool], mentions: list[Mention]) -> None:
    """Mark the tokens of ``mentions`` as taken."""
    for mention in mentions:
        covered[mention.start : mention.end] = [True] * (mention.end - mention.start)


def run_end(doc: Doc, start: int) -> int:
    """End of the run of name-like tokens from ``start`` ("Rio de Janeiro", "Clacton-on-Sea")."""
    end = start + 1
    while end < len(doc) and end - start < MAX_NAME_TOKENS:
        token = doc[end]
        if not (capitalised(token) or token.lower_ in NAME_CONNECTORS):
            break
        end += 1
    return end


def query_for(gaz: Gazetteer, text: str, *, abbreviations: bool) -> Query:
    """Look ``text`` up; failing that, without a kind word ("Fars Province", "Quebec City")."""
    key = name_key(text)
    candidates = gaz.candidates(key, abbreviations=abbreviations)
    if candidates:
        return Query(key, candidates)
    words = key.split(" ")
    for n in (2, 1):
        if len(words) > n and " ".join(words[-n:]) in rules()["kind_suffixes"]:
            kind = " ".join(words[-n:])
            rest = " ".join(words[:-n])
            found = gaz.candidates(rest, abbreviations=abbreviations)
            if found:
                return Query(rest, found, admin_cue=kind != "city", city_cue=kind == "city")
    return Query(key, [])
