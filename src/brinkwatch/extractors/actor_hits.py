"""Finding dictionary hits in text and grouping neighbouring hits into actor mentions.

One pass of dictionary look-ups over the tokens (longest phrase first), then:

- a country word that is only a modifier of something else ("pro-Iranian", "Russian-made")
  is dropped;
- a run of capitalised words that the dictionary does not know as a whole is a person's
  name: its surname is looked up ("President Bouteflika", "Omar Hassan al-Bashir"), and a
  one-word alias inside it ("Hassan") does not count on its own;
- hits separated only by glue words ("Iran's", "of", "in") form one mention, as do
  modifiers joined by "and" before a shared head ("US and Israeli officials").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ..records import Entity
from .actors_dictionary import DATA_DIR, ActorDictionary, Term, Token, read_yaml

__all__ = ["Grammar", "Hit", "find_hits", "grammar", "group_hits", "is_proper"]

# Kinds that name a place, a people or an actor, and must be written with a capital.
PROPER_KINDS = frozenset({"country", "capital", "demonym", "people", "actor"})
MODIFIER_KINDS = frozenset({"country", "capital", "demonym", "people"})
_PRIORITY = {"actor": 0, "country": 1, "capital": 1, "demonym": 1, "people": 2, "office": 3}


@dataclass(frozen=True)
class Grammar:
    """The word lists of ``grammar.yaml``."""

    glue: frozenset[str]
    free_words: int
    former: frozenset[str]
    subordinate: frozenset[str]
    not_prefixes: frozenset[str]
    not_suffixes: frozenset[str]
    particles: frozenset[str]
    person_pronouns: frozenset[str]
    possessives: frozenset[str]
    plural_pronouns: frozenset[str]
    country_nouns: frozenset[str]
    complement_prepositions: frozenset[str]
    weak_nouns: frozenset[str]
    honorifics: frozenset[str]
    ethnic: frozenset[str]


@functools.cache
def grammar() -> Grammar:
    data: dict[str, Any] = read_yaml(DATA_DIR / "grammar.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []))

    return Grammar(
        glue=words("glue"),
        free_words=int(data.get("free_words_before_head", 0)),
        former=words("former"),
        subordinate=words("subordinate"),
        not_prefixes=words("not_actor_prefixes"),
        not_suffixes=words("not_actor_suffixes"),
        particles=words("name_particles"),
        person_pronouns=words("person_pronouns"),
        possessives=words("possessive_pronouns"),
        plural_pronouns=words("plural_pronouns"),
        country_nouns=words("country_nouns"),
        complement_prepositions=words("complement_prepositions"),
        weak_nouns=words("weak_nouns"),
        honorifics=words("honorifics"),
        ethnic=words("ethnic_markers"),
    )


@dataclass
class Hit:
    """A dictionary phrase (or a person's name) found at tokens ``[first, last)``."""

    first: int
    last: int
    term: Term | None  # None: a name not in the dictionary (``name`` holds it)
    name: str | None = None
    antecedent: Entity | None = None  # a repeated name: the earlier mention it repeats
    complement: bool = False  # after "of"/"in"/"for": "(the embassy) of Iraq"

    @property
    def kind(self) -> str:
        return self.term.kind if self.term is not None else "name"

    @property
    def is_person(self) -> bool:
        if self.term is None:
            return True
        return self.term.actor is not None and self.term.actor.kind == "person"


def is_proper(token: Token) -> bool:
    first = token.text[0]
    return first.isupper() or first.isdigit()


def _pick(terms: list[Term], words: list[Token]) -> Term | None:
    """The strongest reading of a phrase: a named actor, a place, an office, a role noun.

    Names of actors and places count only when written with a capital ("Turkey", not
    "turkey"; "al-Sudani" has its capital after the particle).
    """
    proper = any(is_proper(w) for w in words)
    usable = [t for t in terms if t.kind not in PROPER_KINDS or proper or t.common]
    return min(usable, key=lambda t: _PRIORITY.get(t.kind, 9)) if usable else None


def _only_modifier(text: str, tokens: list[Token], first: int, last: int, g: Grammar) -> bool:
    """ "pro-Iranian", "anti-Syria", "Russian-made": the country is not the actor's."""
    start, end = tokens[first].start, tokens[last - 1].end
    before = tokens[first - 1] if first > 0 else None
    if (
        before is not None
        and text[before.end : start] == "-"
        and before.text.lower() in g.not_prefixes
    ):
        return True
    if last < len(tokens) and text[end : tokens[last].start] == "-":
        return tokens[last].text.lower() in g.not_suffixes
    return False


def find_hits(text: str, tokens: list[Token], book: ActorDictionary) -> list[Hit]:
    """Dictionary phrases in ``tokens``, longest first, left to right, not overlapping."""
    g = grammar()
    keys = [book.key(t) for t in tokens]
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        found = book.match(keys, i)
        if found is not None:
            n, terms = found
            term = _pick(terms, tokens[i : i + n])
            if term is not None:
                if term.kind in MODIFIER_KINDS and _only_modifier(text, tokens, i, i + n, g):
                    i += n
                    continue
                tail = book.phrases.get((keys[i + n - 1],), []) if n > 1 else []
                noun = next((t for t in tail if t.kind == "noun"), None)
                if noun is not None and term.actor is not None and term.actor.kind == "person":
                    # "the Obama administration": the person's institution, not the person.
                    hits.extend([Hit(i, i + n - 1, term), Hit(i + n - 1, i + n, noun)])
                else:
                    hits.append(Hit(i, i + n, term))
                i += n
                continue
        i += 1
    return _names(text, tokens, hits, book, g)


def _name_runs(text: str, tokens: list[Token], g: Grammar) -> list[tuple[int, int]]:
    """Runs of capitalised words (with particles: "Omar Hassan al-Bashir"), as [a, b)."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not is_proper(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and text[tokens[j - 1].end : tokens[j].start] in (" ", "-"):
            particle = tokens[j].text.lower() in g.particles and j + 1 < len(tokens)
            if is_proper(tokens[j]) or particle:
                j += 1
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _names(
    text: str, tokens: list[Token], hits: list[Hit], book: ActorDictionary, g: Grammar
) -> list[Hit]:
    """Resolve capitalised name runs the dictionary does not know as a whole by surname."""
    by_first = {h.first: h for h in hits}
    drop: set[int] = set()
    add: list[Hit] = []
    for a, b in _name_runs(text, tokens, g):
        inside = [by_first[i] for i in range(a, b) if i in by_first]
        # The name is what follows the last hit that is not a person ("Iraqi Prime
        # Minister | Mohammed Shia al-Sudani").
        start = a
        titled = False
        for hit in inside:
            if not hit.is_person:
                start = hit.last
                titled = titled or hit.kind in ("office", "noun")
        while start < b and tokens[start].text.lower() in g.honorifics:
            start += 1
        if start >= b or tokens[b - 1].text.lower() in g.particles:
            continue
        people = [h for h in inside if h.first >= start]
        if any(h.last == b and (h.last - h.first > 1 or h.first == start) for h in people):
            continue  # the dictionary knows this name
        if b - start < 2 and not titled:
            continue
        actor = book.surname([t.text for t in tokens[start:b]])
        if actor is None:
            # Unknown as a whole: a one-word alias inside the name ("Hassan" in "Omar Hassan
            # al-Bashir") does not count; one at its end ("The Biden") still does.
            drop.update(h.first for h in people if h.last != b)
            continue
        drop.update(h.first for h in people)
        # Only the words of the name: not a sentence's first word ("Both Sullivan").
        known = set(actor.name.replace("-", " ").lower().split()) | g.particles
        while start < b - 1 and tokens[start].text.lower() not in known:
            start += 1
        add.append(Hit(start, b, Term("actor", actor=actor)))
    if not drop and not add:
        return hits
    kept = [h for h in hits if h.first not in drop]
    return sorted([*kept, *add], key=lambda h: h.first)


def _between(text: str, tokens: list[Token], a: Hit, b: Hit) -> str:
    return text[tokens[a.last - 1].end : tokens[b.first].start]


def _glued(text: str, tokens: list[Token], a: Hit, b: Hit, group: list[Hit]) -> bool:
    g = grammar()
    gap = _between(text, tokens, a, b)
    if any(ch in gap for ch in '.;:!?()[]"“”\n'):
        return False
    words = gap.replace("’", " ").replace("'", " ").replace("-", " ").split()
    if "," in gap:
        # Apposition: "Iran's Supreme Leader, Ayatollah Ali Khamenei" and "Kenzo Oshima, the
        # United Nations Emergency Relief Coordinator".
        title_then_name = a.kind == "office" and b.is_person and gap.strip() == ","
        name_then_title = (
            a.is_person and b.kind == "office" and gap.strip().lower() in (",", ", the")
        )
        return (title_then_name and not any(h.is_person for h in group)) or name_then_title
    if a.is_person and b.is_person:
        return False  # "Sullivan and Blinken", "Putin Xi": two people
    if a.kind == "demonym" and b.kind == "people" and not gap.strip():
        return True  # "Bosnian Serbs": a people of a country, coded by the country
    if a.kind in MODIFIER_KINDS and b.kind in MODIFIER_KINDS:
        return False  # "Iraq ... Syria", "DETROIT The U.S.": two places
    if all(w.lower() in g.glue for w in words) and len(words) <= 3:
        return True
    # "Nicaragua's Sandinista government", "the Iraqi interim government": a few free words
    # between a possessive or a demonym and the head noun.
    possessive = bool(words) and words[0].lower() == "s"
    free = [w for w in words[1:]] if possessive else words
    return (
        (possessive or a.kind == "demonym")
        and b.kind in ("noun", "office")
        and 0 < len(free) <= g.free_words
    )


def _conjoined(text: str, tokens: list[Token], group: list[Hit], b: Hit, after: Hit | None) -> bool:
    """ "US and Israeli officials": modifiers joined by "and" before a shared head noun."""
    if _between(text, tokens, group[-1], b).strip().lower() not in ("and", "or", "and the"):
        return False
    if not all(h.kind in MODIFIER_KINDS for h in group):
        return False
    if b.kind not in ("country", "demonym") or after is None:
        return False
    return after.kind in ("noun", "office") and after.first == b.last


def group_hits(text: str, tokens: list[Token], hits: list[Hit]) -> list[list[Hit]]:
    """Neighbouring hits that form one mention."""
    groups: list[list[Hit]] = []
    for k, hit in enumerate(hits):
        if groups:
            last = groups[-1]
            after = hits[k + 1] if k + 1 < len(hits) else None
            if _glued(text, tokens, last[-1], hit, last) or _conjoined(
                text, tokens, last, hit, after
            ):
                gap = _between(text, tokens, last[-1], hit).lower().split()
                preps = grammar().complement_prepositions
                hit.complement = last[-1].complement or any(w in preps for w in gap)
                last.append(hit)
                continue
        groups.append([hit])
    return groups
