"""Linking repeated names, pronouns and definite descriptions to earlier actor mentions.

A cheap salience resolver, one pass in text order:

- a person's surname or full name repeated later ("Sullivan" after "Jake Sullivan",
  "al-Sudani" after "Mohammed Shia al-Sudani") is that person;
- "he", "his", "she", "her" ... is the most recent coded person mentioned within the last
  ~1,200 characters; "his country" is that person's country;
- a definite description without a country ("the official", "the prime minister") is the
  most recent coded mention with the same head noun, else the same office, else the same
  sector;
- "we", "you", "they" are left to the commitments module.
"""

from __future__ import annotations

import datetime as dt

from ..records import Entity
from .actor_hits import Hit, grammar, is_proper
from .actors import Coded, compose, mention_entity, qualifier
from .actors_dictionary import ActorDictionary, Token

__all__ = ["link_mentions"]

_REACH = 1200  # characters back to look for a pronoun's antecedent
_PLURAL_REACH = 250  # ... and for "they", which is guessed only when the group is close


def _name_keys(name: str) -> list[str]:
    words = name.replace("-", " ").split()
    keys = [" ".join(words).lower()]
    if len(words) > 1:
        keys.append(words[-1].lower())
    return keys


class _Salience:
    """Mentions seen so far, most recent last, for looking back."""

    def __init__(self) -> None:
        self.mentions: list[tuple[Entity, bool, str | None]] = []  # (entity, person?, head)
        self.names: dict[str, Entity] = {}

    def add(self, entity: Entity, person: bool, head: str | None = None) -> None:
        self.mentions.append((entity, person, head))
        if person and entity.name:
            for key in _name_keys(entity.name):
                self.names[key] = entity

    def person_before(self, offset: int) -> Entity | None:
        for entity, person, _head in reversed(self.mentions):
            if entity.span[1] <= offset and person and entity.code is not None:
                return entity if offset - entity.span[1] <= _REACH else None
        return None

    def group_before(self, text: str, offset: int) -> Entity | None:
        """The latest coded plural group ("US officials") close before ``offset``."""
        for entity, person, head in reversed(self.mentions):
            if entity.span[1] > offset:
                continue
            if offset - entity.span[1] > _PLURAL_REACH or "\n" in text[entity.span[1] : offset]:
                return None
            if not person and entity.code is not None and (head or "").endswith("s"):
                return entity
        return None

    def like(self, head: str | None, office: str | None, sector: str | None) -> Entity | None:
        coded = [(e, h) for e, _p, h in reversed(self.mentions) if e.code is not None]
        for entity, seen_head in coded:
            if (
                head is not None
                and seen_head is not None
                and _same_head(_singular(seen_head), head)
            ):
                return entity
        for entity, _seen_head in coded:
            if (
                office is not None
                and entity.office
                and _same_head(entity.office.lower(), office.lower())
            ):
                return entity
            if office is None and sector is not None and entity.sector == sector:
                return entity
        return None


def _singular(words: str) -> str:
    return words[:-1] if words.endswith("s") and not words.endswith("ss") else words


def _raw_head(text: str, tokens: list[Token], group: list[Hit]) -> str | None:
    for hit in reversed(group):
        if hit.kind in ("noun", "office"):
            return text[tokens[hit.first].start : tokens[hit.last - 1].end].lower()
    return None


def _same_head(seen: str, head: str) -> bool:
    """ "minister" describes a "foreign minister"; "official" an "official"."""
    return seen == head or seen.endswith(" " + head)


def _head_word(text: str, tokens: list[Token], group: list[Hit]) -> str | None:
    """The role noun or title heading a mention, singular: "officials" -> "official"."""
    for hit in reversed(group):
        if hit.kind in ("noun", "office"):
            return _singular(text[tokens[hit.first].start : tokens[hit.last - 1].end].lower())
    return None


def _definite(text: str, tokens: list[Token], group: list[Hit]) -> bool:
    start = tokens[group[0].first].start
    return text[max(0, start - 4) : start].lower() == "the "


def link_mentions(
    text: str,
    tokens: list[Token],
    groups: list[list[Hit]],
    when: dt.date | None,
    book: ActorDictionary,
) -> list[Entity]:
    """Compose every group into an Entity, linking repeats, pronouns and descriptions."""
    seen = _Salience()
    out: list[Entity] = []
    pending = _free_tokens(tokens, groups)
    covered: set[int] = set()
    p = 0
    for group in groups:
        while p < len(pending) and pending[p] < group[0].first:
            _free_token(text, tokens, pending[p], seen, out, covered)
            p += 1
        for hit in group:
            if hit.term is None and hit.name is not None:
                hit.antecedent = _repeated(hit.name, seen)
            elif hit.is_person and hit.term is not None and hit.term.actor is not None:
                # A name already met in this text beats a namesake in the dictionary.
                written = text[tokens[hit.first].start : tokens[hit.last - 1].end]
                earlier = _repeated(written, seen)
                if earlier is not None and earlier.name != hit.term.actor.name:
                    hit.antecedent = earlier
        qualified = qualifier(text, tokens, group)
        coded = compose(group, when, book, qualified)
        head = _head_word(text, tokens, group)
        if coded.code is None and coded.name is None and qualified != "ethnic":
            _link_description(text, tokens, group, head, coded, seen)
        weak_nouns = grammar().weak_nouns
        weak = coded.sector is None or bool({head, f"{head}s"} & weak_nouns)
        if coded.code is None and coded.name is None and weak:
            continue
        start, end = tokens[group[0].first].start, tokens[group[-1].last - 1].end
        first = group[0].first
        if (
            qualified == "ethnic"
            and first > 0
            and tokens[first - 1].text.lower() in grammar().ethnic
        ):
            start = tokens[first - 1].start  # "ethnic Albanians": the people, as written
        entity = mention_entity(text, start, end, coded)
        out.append(entity)
        seen.add(entity, coded.person, head if head is None else _raw_head(text, tokens, group))
    while p < len(pending):
        _free_token(text, tokens, pending[p], seen, out, covered)
        p += 1
    out.sort(key=lambda e: e.span)
    return out


def _free_tokens(tokens: list[Token], groups: list[list[Hit]]) -> list[int]:
    """Tokens outside every group that may be pronouns or repeated surnames."""
    pronouns, plural = grammar().person_pronouns, grammar().plural_pronouns
    inside = {i for g in groups for h in g for i in range(h.first, h.last)}
    found = []
    for i, token in enumerate(tokens):
        if i in inside:
            continue
        low = token.text.lower()
        if low in pronouns or low in plural or (is_proper(token) and len(token.text) > 2):
            found.append(i)
    return found


def _repeated(name: str, seen: _Salience) -> Entity | None:
    for key in _name_keys(name):
        if key in seen.names:
            return seen.names[key]
    return None


def _free_token(
    text: str,
    tokens: list[Token],
    i: int,
    seen: _Salience,
    out: list[Entity],
    covered: set[int],
) -> None:
    if i in covered:
        return
    g = grammar()
    token = tokens[i]
    low = token.text.lower()
    if low in g.plural_pronouns:
        group = seen.group_before(text, token.start)
        if group is not None:
            span = (token.start, token.end)
            out.append(group.model_copy(update={"text": token.text, "span": span}))
        return
    if low in g.person_pronouns:
        ante = seen.person_before(token.start)
        if ante is None:
            return
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if low in g.possessives and nxt is not None and nxt.text.lower() in g.country_nouns:
            # "his country's response": the person's country, not the person.
            span = (token.start, nxt.end)
            out.append(Entity(code=ante.code, text=text[span[0] : span[1]], span=span))
            covered.add(i + 1)
        else:
            out.append(
                ante.model_copy(update={"text": token.text, "span": (token.start, token.end)})
            )
        return
    ante = seen.names.get(low)
    if ante is None:
        return
    start = token.start
    before = tokens[i - 1] if i >= 1 else None
    if (
        before is not None
        and before.text.lower() in g.particles
        and text[before.end : token.start] in ("-", " ")
    ):
        start = before.start
    entity = ante.model_copy(update={"text": text[start : token.end], "span": (start, token.end)})
    out.append(entity)
    seen.add(entity, True)


def _link_description(
    text: str,
    tokens: list[Token],
    group: list[Hit],
    head: str | None,
    coded: Coded,
    seen: _Salience,
) -> None:
    """ "the official", "the prime minister": the latest compatible coded mention;
    "his administration": the administration of the person "his" refers to."""
    if coded.sector is None:
        return
    start = tokens[group[0].first].start
    before = text[max(0, start - 4) : start].lower().split()
    if before and before[-1] in grammar().possessives and before[-1] != "its":
        owner = seen.person_before(start)
        if owner is not None:
            coded.code = owner.code
        return
    if not _definite(text, tokens, group):
        return
    ante = seen.like(head, coded.office, coded.sector)
    if ante is None:
        return
    coded.code = ante.code
    if coded.office is not None and ante.office == coded.office:
        coded.name, coded.person = ante.name, True
