"""The actor dictionary: phrases (names, aliases, demonyms, titles, role nouns) -> what they code.

Knowledge lives in YAML under ``data/actors/`` (countries, organisations, people with dated
roles, titles and role nouns); the PETRARCH/Phoenix dictionaries shipped beside them and any
user dictionaries named by the ``actor_dictionaries`` setting are merged in after them, so the
curated entries win. Phrases are indexed by their token keys (see :func:`token_keys`) so that a
mention is found with a few dict look-ups per token.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml

from .. import settings

__all__ = [
    "DATA_DIR",
    "Actor",
    "ActorDictionary",
    "Role",
    "Term",
    "TermKind",
    "Token",
    "actor_dictionary",
    "load_dictionary",
    "plural",
    "read_yaml",
    "tokenize",
]

DATA_DIR = Path(__file__).parent / "data" / "actors"

TermKind = Literal["country", "capital", "demonym", "people", "office", "noun", "actor"]

# A token: letters/digits, or an abbreviation written with periods ("U.S.", "D.C.").
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    bare: str  # without periods: "U.S." -> "US"


def tokenize(text: str) -> list[Token]:
    """Tokens as the dictionary sees them: hyphens and apostrophes split words."""
    new = tuple.__new__  # a NamedTuple without its keyword-checking constructor: per token
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        bare = word.replace(".", "") if "." in word else word
        out.append(new(Token, (word, m.start(), m.end(), bare)))
    return out


def _is_case_sensitive(bare: str) -> bool:
    """Abbreviations and names like "US", "IRGC", "LeT", "McGurk" match only as written."""
    rest = bare[1:]
    return rest != rest.lower()


@dataclass(frozen=True)
class Role:
    """A role held from ``start`` (inclusive) to ``end`` (exclusive); None is open."""

    code: str | None
    sector: str | None
    office: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def holds(self, when: dt.date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class Actor:
    """A named person or organisation and the roles it held."""

    name: str
    kind: Literal["person", "org"]
    roles: tuple[Role, ...]

    def role_at(self, when: dt.date | None) -> Role | None:
        """The role held on ``when``; without a date, the latest office (or the latest role).

        A person named after their last role ended is coded as an elite (ELI) of that
        country; before their first role, as that country with no sector.
        """
        if not self.roles:
            return None
        if when is None:
            dated = sorted(self.roles, key=lambda r: r.start or dt.date.min)
            offices = [r for r in dated if r.sector not in ("ELI", "OPP")]
            return (offices or dated)[-1]
        current = [r for r in self.roles if r.holds(when)]
        if current:
            # Several at once (a minister who is also a party leader): the first listed wins.
            return current[0]
        past = [r for r in self.roles if r.end is not None and r.end <= when]
        if past:
            last = max(past, key=lambda r: r.end or dt.date.min)
            sector = "ELI" if self.kind == "person" else last.sector
            return Role(last.code, sector, None, None, None)
        first = min(self.roles, key=lambda r: r.start or dt.date.min)
        return Role(first.code, None if self.kind == "person" else first.sector)


@dataclass(frozen=True)
class Term:
    """What a phrase means: a country, a capital, a demonym, an office, a role noun, an actor."""

    kind: TermKind
    code: str | None = None
    sector: str | None = None
    office: str | None = None  # the canonical office of an "office" term
    actor: Actor | None = None
    common: bool = False  # an actor named by common words, found in lower case too


@dataclass
class ActorDictionary:
    """Phrase index: token-key tuples -> terms, plus office holders by (country, office)."""

    phrases: dict[tuple[str, ...], list[Term]] = field(default_factory=dict)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)  # first two keys of phrases
    case_sensitive: set[str] = field(default_factory=set)
    holders: dict[tuple[str, str], list[tuple[Role, Actor]]] = field(default_factory=dict)
    office_of: dict[str, str] = field(default_factory=dict)  # "secretary of state" -> office
    surnames: dict[str, list[Actor]] = field(default_factory=dict)
    people: dict[str, Actor] = field(default_factory=dict)  # by lower-case name
    countries: set[str] = field(default_factory=set)

    # -- building --------------------------------------------------------------------------
    def phrase_keys(self, phrase: str) -> tuple[str, ...]:
        if phrase.islower():  # the common case, and the whole Phoenix dictionary
            return tuple(w.replace(".", "") for w in _TOKEN.findall(phrase))
        keys = []
        for token in tokenize(phrase):
            bare = token.bare
            if _is_case_sensitive(bare):
                self.case_sensitive.add(bare)
                keys.append(bare)
            else:
                keys.append(bare.lower())
        return tuple(keys)

    def add(self, phrase: str, term: Term, *, override: bool = True) -> None:
        """Index ``phrase``; with ``override=False`` only when the phrase is still unknown."""
        keys = self.phrase_keys(phrase)
        if len(keys) > 1 and keys[0] == "the":  # "THE_ISLAMIC_RESISTANCE": not "the" itself
            keys = keys[1:]
        if not keys:
            return
        known = self.phrases.get(keys)
        if known is not None:
            if not override or term in known:
                return
            known.append(term)
            return
        self.phrases[keys] = [term]
        if len(keys) > 1:
            self.pairs.add((keys[0], keys[1]))
        first = keys[0]
        self.lengths[first] = tuple(sorted({*self.lengths.get(first, ()), len(keys)}, reverse=True))

    def add_actor(
        self,
        actor: Actor,
        aliases: Iterable[str],
        *,
        override: bool = True,
        with_name: bool = True,
        common: bool = False,
    ) -> None:
        """Index an actor under its name (unless ``with_name`` is false) and aliases;
        ``common`` ones ("a regional peacekeeping force") also match in lower case."""
        term = Term("actor", actor=actor, common=common)
        for alias in (actor.name, *aliases) if with_name else aliases:
            self.add(alias, term, override=override)
        if actor.kind != "person" or self.people.get(actor.name.lower()) is actor:
            return
        self.people.setdefault(actor.name.lower(), actor)
        surname = actor.name.replace("-", " ").split()[-1].lower()
        if len(surname) >= 4 and surname.isalpha():
            known = self.surnames.setdefault(surname, [])
            if actor not in known:
                known.append(actor)
        for role in actor.roles:
            office = self.canonical_office(role.office)
            if role.code and office:
                self.holders.setdefault((role.code, office), []).append((role, actor))

    def canonical_office(self, office: str | None) -> str | None:
        if not office:
            return None
        return self.office_of.get(" ".join(self.phrase_keys(office)).lower(), office)

    # -- looking up ------------------------------------------------------------------------
    def key(self, token: Token) -> str:
        bare = token.bare
        return bare if bare in self.case_sensitive else bare.lower()

    def match(self, keys: list[str], i: int) -> tuple[int, list[Term]] | None:
        """The longest phrase starting at token ``i``: (length, terms), or None."""
        lengths = self.lengths.get(keys[i])
        if lengths is None:
            return None
        # most first words start no longer phrase with the word that follows
        paired = i + 1 < len(keys) and (keys[i], keys[i + 1]) in self.pairs
        for n in lengths:
            if n > 1 and not paired:
                continue
            if i + n <= len(keys):
                terms = self.phrases.get(tuple(keys[i : i + n]))
                if terms is not None:
                    return n, terms
        return None

    def surname(self, words: list[str]) -> Actor | None:
        """The person named by ``words`` ("Omar Hassan al-Bashir", "Bouteflika") by surname.

        For several words, the person with that surname sharing most words with ``words``
        (at least two); for one word, the surname counts only when all who bear it share
        one country.
        """
        found = self.surnames.get(words[-1].lower())
        if not found:
            return None
        if len(words) > 1:
            # A full name must agree beyond the surname: "Rosa Quintanilla" is not
            # "Carlos Quintanilla".
            wanted = {w.lower() for w in words}
            scored = sorted(
                ((len(wanted & set(a.name.replace("-", " ").lower().split())), a) for a in found),
                key=lambda sa: -sa[0],
            )
            top = scored[0][0]
            if top >= 2 and (len(scored) == 1 or scored[1][0] < top):
                return scored[0][1]
            return None
        codes = {next((r.code for r in a.roles if r.code), None) for a in found}
        return found[0] if len(codes) == 1 else None

    def role_titled(self, actor: Actor, office: str | None, when: dt.date | None) -> Role | None:
        """The role of ``actor`` with the canonical ``office``, held at ``when`` if given."""
        if office is None:
            return None
        near: Role | None = None
        for role in actor.roles:
            held = self.canonical_office(role.office)
            if held is None or (when is not None and not role.holds(when)):
                continue
            if held == office:
                return role
            if near is None and held.endswith(" " + office):  # a "Minister" is a minister
                near = role
        return near

    def holder(self, code: str, office: str, when: dt.date) -> tuple[Role, Actor] | None:
        """Who held ``office`` of ``code`` on ``when`` (the latest appointed if several)."""
        found = [(r, a) for r, a in self.holders.get((code, office), ()) if r.holds(when)]
        return max(found, key=lambda ra: ra[0].start or dt.date.min) if found else None


# -- loading the YAML data ----------------------------------------------------------------
def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def read_yaml(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def _load_titles(book: ActorDictionary, data: dict[str, Any]) -> None:
    for entry in data.get("offices", []):
        office, sector = entry["office"], entry.get("sector")
        term = Term("office", sector=sector, office=office)
        for phrase in entry["phrases"]:
            book.office_of[" ".join(book.phrase_keys(phrase)).lower()] = office
            book.add(phrase, term)
            book.add(plural(phrase), term)
        book.office_of[" ".join(book.phrase_keys(office)).lower()] = office
    for entry in data.get("organisation_offices", []):
        office, code, sector = entry["office"], entry.get("code"), entry.get("sector")
        term = Term("office", code=code, sector=sector, office=office)
        for phrase in entry["phrases"]:
            book.add(phrase, term)
    for sector, nouns in data.get("nouns", {}).items():
        term = Term("noun", sector=sector)
        for noun in nouns:
            book.add(noun, term, override=False)
            book.add(plural(noun), term, override=False)


def _load_countries(book: ActorDictionary, data: dict[str, Any]) -> None:
    for code, entry in data.items():
        book.countries.add(code)
        for name in entry.get("names", []):
            book.add(name, Term("country", code=code))
        for capital in entry.get("capitals", []):
            book.add(capital, Term("capital", code=code, sector="GOV"))
        for demonym in entry.get("demonyms", []):
            book.add(demonym, Term("demonym", code=code))
            if not demonym.endswith(("ese", "sh", "ch", "ss", "x")):
                book.add(plural(demonym), Term("people", code=code, sector="CVL"), override=False)


def _load_organisations(book: ActorDictionary, data: list[dict[str, Any]]) -> None:
    for entry in data:
        role = Role(entry.get("code"), entry.get("sector"))
        book.add_actor(
            Actor(entry["name"], "org", (role,)),
            entry.get("aliases", []),
            common=bool(entry.get("common")),
        )


def _load_people(book: ActorDictionary, data: list[dict[str, Any]]) -> None:
    for entry in data:
        roles = tuple(
            Role(code, sector, office, _date(start), _date(end))
            for code, sector, office, start, end in entry.get("roles", [])
        )
        book.add_actor(Actor(entry["name"], "person", roles), entry.get("aliases", []))


def load_dictionary(path: Path, book: ActorDictionary, *, override: bool = False) -> None:
    """Merge one dictionary file: our YAML layout (by its keys) or a Phoenix ``.txt`` file."""
    if path.suffix.lower() == ".txt":
        from .actors_phoenix import load_phoenix

        load_phoenix(path, book)
        return
    data = read_yaml(path)
    if isinstance(data, dict) and ("offices" in data or "nouns" in data):
        _load_titles(book, data)
    elif isinstance(data, dict):
        _load_countries(book, data)
    elif isinstance(data, list) and data and "roles" in data[0]:
        _load_people(book, data)
    elif isinstance(data, list):
        _load_organisations(book, data)


def _user_dictionaries() -> Iterator[Path]:
    for part in settings.get("actor_dictionaries").split(os.pathsep):
        if part.strip():
            yield Path(part.strip()).expanduser()


@functools.cache
def actor_dictionary() -> ActorDictionary:
    """The merged dictionary, built once per process: curated YAML, Phoenix, user files."""
    book = ActorDictionary()
    _load_titles(book, read_yaml(DATA_DIR / "titles.yaml"))
    _load_countries(book, read_yaml(DATA_DIR / "countries.yaml"))
    _load_organisations(book, read_yaml(DATA_DIR / "organisations.yaml"))
    _load_people(book, read_yaml(DATA_DIR / "people.yaml"))
    for extra in (
        sorted((DATA_DIR / "people").glob("*.yaml")) if (DATA_DIR / "people").is_dir() else []
    ):
        _load_people(book, read_yaml(extra))
    phoenix = DATA_DIR / "phoenix"
    if phoenix.is_dir():
        from .actors_phoenix import load_phoenix

        for path in sorted(phoenix.glob("*.txt")):
            load_phoenix(path, book)
    for path in _user_dictionaries():
        load_dictionary(path, book)
    return book
