"""The participants of a sentence's events: the working state of the event coder.

:class:`SentenceCoder` holds one sentence's trigger matches and event drafts and knows how to
find, for a verb or an event noun, who acts (subject, passive agent, possessor, demonym, light
verb's subject) and whom it is aimed at (object, preposition, addressee of a demand, author of
a rejected proposal, a named place standing for its people). Coding a phrase as an actor is
:mod:`.event_args`' job; reading grammar words is :mod:`.event_lexicon`'s.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from ..records import Entity
from .base import Extraction
from .event_args import (
    coordinated_antecedent,
    entity_for_token,
    entity_in_phrase,
    is_passive,
    mentions_of,
    passive_participle,
    patients,
    phrase_span,
    subjects,
)
from .event_lexicon import Grammar, Match, TriggerRule, grammar, lemma

__all__ = [
    "PRONOUNS",
    "VERBAL",
    "Draft",
    "SentenceCoder",
    "char_span",
    "complement_of",
    "condition_subjects",
    "confidence",
    "objects_of",
    "optional_helper",
    "prep_objects",
    "same_entity",
    "same_party",
    "trigger_span",
]

VERBAL = ("VERB", "AUX")
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us"})


@dataclass
class Draft:
    """An event before it gets its id, date, place and attribution."""

    event: str
    token: Token
    span: tuple[int, int]
    actor: Entity | None
    recipient: Entity | None
    realis: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    confidence: float = 0.5
    origin: str = "verb"  # verb, noun, statement
    anchor: Token | None = None  # where to look for places (the described act, for statements)


# ----------------------------------------------------------------------------- helpers


@functools.cache
def optional_helper(module: str, name: str) -> Callable[..., Any] | None:
    """A helper of a sibling extractor, or None when that module is missing or broken."""
    try:
        found = importlib.import_module(f".{module}", __package__)
    except Exception:
        return None
    fn = getattr(found, name, None)
    return fn if callable(fn) else None


def char_span(tokens: Iterable[Token]) -> tuple[int, int]:
    toks = sorted(tokens, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def trigger_span(match: Match) -> tuple[int, int]:
    """The trigger's characters: the word, with a particle or object it needs when adjacent."""
    near = [t for t in match.extra if abs(t.i - match.token.i) <= 3]
    return char_span([match.token, *near])


def objects_of(verb: Token) -> list[Token]:
    found = []
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "dative", "attr", "oprd") and child.pos_ != "ADP":
            found.append(child)
            found.extend(c for c in child.conjuncts if c.i > child.i)
    return found


def prep_objects(head: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of ``head``'s prepositions, in the order of ``preps`` (the preference)."""
    wanted = list(preps)
    found: list[tuple[int, int, Token]] = []
    for child in head.children:
        if child.dep_ not in ("prep", "dative", "agent"):
            continue
        word = child.lower_
        if word not in wanted:
            continue
        objects = [
            o
            for o in child.children
            if o.dep_ in ("pobj", "pcomp")
            and o.pos_ != "VERB"
            and o.ent_type_ not in ("DATE", "TIME")  # "on Thursday" is no party
        ]
        if not objects and not any(o.dep_ in ("pobj", "pcomp") for o in child.children):
            stranded = _stranded_object(child)
            objects = [stranded] if stranded is not None else []
        for obj in objects:
            found.append((wanted.index(word), obj.i, obj))
            found.extend((wanted.index(word), c.i, c) for c in obj.conjuncts if c.i > obj.i)
    return [t for _, _, t in sorted(found)]


def _stranded_object(prep: Token) -> Token | None:
    """The noun a preposition governs when the parser hung it elsewhere ("granted asylum to
    five officers holed up in ...": "officers" parsed as the subject of "holed")."""
    doc = prep.doc
    for token in doc[prep.i + 1 : min(len(doc), prep.i + 7)]:
        if token.pos_ in ("NOUN", "PROPN", "PRON") and token.dep_ not in ("compound", "poss"):
            return token
        if token.pos_ not in ("DET", "NUM", "ADJ", "NOUN", "PROPN", "PUNCT", "PART"):
            return None
    return None


def same_entity(a: Entity | None, b: Entity | None) -> bool:
    return a is not None and b is not None and a.span == b.span


def same_party(a: Entity | None, b: Entity | None) -> bool:
    """The same party: the same country or organisation, or the very same uncoded mention."""
    if a is None or b is None:
        return False
    if a.code is not None:
        return a.code == b.code
    return a.span == b.span or (a.name is not None and a.name == b.name)


def complement_of(token: Token) -> Token | None:
    """The clause ``token`` governs: its (verbal) xcomp/ccomp, else a preposition's pcomp."""
    clauses = [c for c in token.children if c.dep_ in ("xcomp", "ccomp")]
    if clauses:  # "agreed to re-open": the tokenizer's "re" is no clause
        verbal = [c for c in clauses if c.pos_ in VERBAL] or clauses
        return max(verbal, key=lambda c: c.right_edge.i - c.left_edge.i)
    for child in token.children:  # "refrain from attacking", "accused X of attacking"
        if child.dep_ == "prep":
            for sub in child.children:
                if sub.dep_ == "pcomp":
                    return sub
    return None


def condition_subjects(token: Token) -> list[Token]:
    """Subjects of the if/unless clauses under ``token`` or its head."""
    marks = grammar()["conditional_marks"]
    found = []
    for head in (token, token.head):
        for child in head.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in marks for m in child.children
            ):
                found += [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
    return found


# ----------------------------------------------------------------------------- participants


class SentenceCoder:
    """Codes the events of one sentence; ``drafts`` collects them in trigger order."""

    def __init__(self, state: Extraction, sent: Span) -> None:
        self.state = state
        self.sent = sent
        # the lemma of every verbal or adjectival token, read once ("said", "prepared")
        self.verb_lemmas: dict[int, str] = {}
        self.words: Grammar = grammar()
        self.drafts: list[Draft] = []
        self.matches: list[Match] = []
        self.governors: dict[int, frozenset[str]] = {}

    # -- entities
    def entity(self, token: Token) -> Entity | None:
        return entity_for_token(self.state, token)

    def entities(self, tokens: Iterable[Token]) -> list[Entity]:
        out: list[Entity] = []
        for token in tokens:
            found = (
                self.plural_antecedents(token)
                or self.coordinated_modifiers(token)
                or [self.shared_modifier(token)]
            )
            for entity in found:
                if entity is not None and not any(same_entity(entity, e) for e in out):
                    out.append(entity)
        return out

    def plural_antecedents(self, token: Token) -> list[Entity | None]:
        """ "Hamas and Fatah said they would meet": "they" is each of the two."""
        if token.lower_ not in ("they", "them", "their"):
            return []
        group = coordinated_antecedent(token)
        if len(group) < 2:
            return []
        found = [self.entity(t) for t in group]
        return found if all(e is not None for e in found) else []

    def shared_modifier(self, token: Token) -> Entity | None:
        """ "Israeli helicopters and tanks": a bare conjunct shares its first conjunct's
        country."""
        found = self.entity(token)
        if found is None or found.code is not None or token.dep_ != "conj":
            return found
        if any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in token.lefts):
            return found
        first = token.head
        if first.pos_ not in ("NOUN", "PROPN") or not any(
            c.dep_ in ("amod", "compound", "poss", "nmod") for c in first.lefts
        ):
            return found
        shared = self.entity(first)
        if shared is None or shared.code is None:
            return found
        return found.model_copy(update={"code": shared.code})

    def coordinated_modifiers(self, token: Token) -> list[Entity | None]:
        """ "French and Egyptian warships": one actor per coordinated modifier."""
        for child in token.lefts:
            if child.dep_ not in ("amod", "compound", "nmod") or not child.conjuncts:
                continue
            group = [child, *child.conjuncts]
            coded = [self.modifier_entity(t) for t in group]
            if (
                all(e is not None and e.code for e in coded)
                and len({e.code for e in coded if e}) > 1
            ):
                head = self.entity(token)
                sector = head.sector if head is not None else None
                return [
                    e.model_copy(update={"sector": sector or e.sector}) if e else None
                    for e in coded
                ]
        return []

    def first_entity(self, tokens: Iterable[Token], skip: Entity | None) -> list[Entity]:
        """The recipient(s) named by the first of ``tokens`` that names one other than ``skip``.

        A coded actor wins over an uncoded one ("23 people"); a place stands for its people or
        government when no actor is named ("shelled Juba"), and lends its country to an uncoded
        actor found before it ("killed 23 people in Tel Aviv" -> ISR CVL).
        """
        banned = self.words["not_recipients"]
        fallback: list[Entity] = []
        for token in tokens:
            if token.lower_ in banned:
                continue
            found = entity_in_phrase(
                self.state,
                token,
                skip=skip.span if skip else None,
                avoid=skip.code if skip else None,
            )
            from_place = False
            if found is None or same_entity(found, skip) or found.text.lower() in banned:
                found = self.place_entity(token) or self.place_in_phrase(token)
                from_place = found is not None
            if found is None:
                continue
            group = [found]
            for conj in token.conjuncts:
                if conj.i > token.i:
                    other = self.entity(conj)
                    if other is not None and not same_entity(other, skip):
                        group.append(other)
            if found.code is None:
                fallback = fallback or group
                continue
            if from_place and fallback:
                return [e.model_copy(update={"code": found.code}) for e in fallback]
            return group
        return fallback

    def place_entity(self, token: Token) -> Entity | None:
        """A named place at ``token``, as the (uncoded-sector) party it stands for."""
        for place in mentions_of(self.state).places:
            if place.span[0] <= token.idx < place.span[1] and place.country:
                return Entity(code=place.country, text=place.text, span=place.span)
        return None

    def place_in_phrase(self, token: Token) -> Entity | None:
        """The first named place inside ``token``'s phrase ("aid deliveries in Baghdad")."""
        lo, hi = phrase_span(token, extended=True)
        start, end = token.doc[lo].idx, token.doc[hi].idx + len(token.doc[hi].text)
        for place in mentions_of(self.state).places:
            if start <= place.span[0] and place.span[1] <= end and place.country:
                return Entity(code=place.country, text=place.text, span=place.span)
        return None

    def modifier_entity(self, token: Token) -> Entity | None:
        """A single modifier word looked up on its own ("French" in "French and Egyptian")."""
        resolve_text = optional_helper("actors", "resolve_text")
        if resolve_text is None:
            return None
        found = resolve_text(token.text, self.state.published)
        if not isinstance(found, Entity):
            return None
        return found.model_copy(
            update={"text": token.text, "span": (token.idx, token.idx + len(token.text))}
        )

    # -- verbs
    def verb_actors(self, verb: Token) -> tuple[list[Token], list[Token]]:
        """(doer tokens, passive patient tokens) of a verb trigger."""
        if is_passive(verb):
            return subjects(verb), patients(verb)
        if passive_participle(verb):
            return subjects(verb), patients(verb)
        return subjects(verb), []

    def verb_recipients(
        self, verb: Token, rule: TriggerRule, event: str, actor: Entity | None
    ) -> list[Entity]:
        passive_targets: list[Token] = []
        if is_passive(verb) or passive_participle(verb):
            passive_targets = patients(verb)
        if passive_targets:
            return self.first_entity(passive_targets, actor)
        objects = objects_of(verb)
        comp = complement_of(verb)
        if rule.flags & {"request", "threat", "intent", "refuse"}:
            return self.addressee(verb, objects, comp, actor)
        if rule.has("plan"):  # "offered its troops to X", "agreed to re-open borders to X"
            return self.addressee(verb, objects, comp, actor, theme_first=True)
        preps = self.words.preps_for(event)
        if event in self.words["theme_object_events"]:
            given_to = self.first_entity(prep_objects(verb, preps), actor)
            if given_to:  # "transported drones to militias": never the drones
                return given_to
        if objects:
            found = self.event_object_recipients(objects, actor) or self.first_entity(
                objects, actor
            )
            if found:
                return found
        return self.first_entity(prep_objects(verb, preps), actor)

    def addressee(
        self,
        verb: Token,
        objects: list[Token],
        comp: Token | None,
        actor: Entity | None,
        *,
        theme_first: bool = False,
    ) -> list[Entity]:
        """Whom a demand, threat, offer or refusal is addressed to."""
        preps = prep_objects(verb, ("on", "upon", "to", "with", "against"))
        if theme_first and preps:
            found = self.first_entity(preps, actor)
            if found:
                return found
        direct = [o for o in objects if self.entity(o) is not None]
        if direct and not theme_first:
            return self.first_entity(direct, actor)
        found = self.first_entity(preps, actor)
        if not found:
            found = self.event_object_recipients(objects, actor)
        if not found and comp is not None:
            comp_subj = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            found = self.first_entity(comp_subj, actor)
            if not found:
                inner = objects_of(comp) + prep_objects(comp, self.words.preps_for("default"))
                found = self.event_object_recipients(inner, actor) or self.first_entity(
                    inner, actor
                )
        if not found:
            found = self.first_entity(objects, actor)
        if not found:  # "threatened to ... if the United States goes ahead"
            found = self.first_entity(condition_subjects(comp or verb), actor)
        return found

    def event_object_recipients(self, objects: list[Token], actor: Entity | None) -> list[Entity]:
        """The party of an object that is itself an event noun.

        Reacting to someone's act or words ("rejected calls by X", "accepted demands from X",
        "prevented the demonstration staged by X", "condemned X's attack") is aimed at that
        act's author; acting through one's own event noun ("tightened the blockade of X") at its
        recipient.
        """
        for obj in objects:
            found = self.noun_match(obj)
            if found is None or found.rule.event is None:
                continue
            authors = self.entities(self.noun_actors(obj, found.rule.event))
            authors = [a for a in authors if not same_party(a, actor)]
            if authors:
                return authors[:1]
            return self.noun_recipients(obj, found.rule.event, actor, None)
        return []

    def noun_match(self, token: Token) -> Match | None:
        for found in self.matches:
            if found.token.i == token.i:
                return found
        return None

    # -- nouns
    def light_verb(self, noun: Token) -> Token | None:
        """The light verb an event noun is the object of ("launched an attack")."""
        words = self.words
        node = noun
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                return None
            if node.dep_ in ("dobj", "attr", "nsubjpass", "oprd", "obj"):
                return (
                    head if head.pos_ in VERBAL and lemma(head) in words["support_verbs"] else None
                )
            if node.dep_ == "pobj" and head.pos_ == "ADP":
                governor = head.head
                if governor.pos_ in VERBAL:
                    return governor if lemma(governor) in words["support_verbs"] else None
                if lemma(governor) in words["light_nouns"]:
                    node = governor
                    continue
            if node.dep_ == "conj":
                node = head
                continue
            return None
        return None

    def noun_actors(self, noun: Token, event: str, *, symmetric: bool = False) -> list[Token]:
        words = self.words
        for child in noun.children:
            if child.dep_ == "poss":
                return [child]
        by = prep_objects(noun, ("by",))
        if by:
            return by[:1]
        for child in noun.children:  # "the demonstration staged by students"
            if child.dep_ == "acl" and child.tag_ == "VBN":
                agent = prep_objects(child, ("by",))
                if agent:
                    return agent[:1]
        for child in noun.lefts:
            if child.dep_ in ("compound", "amod", "npadvmod", "nmod"):
                found = self.entity(child)
                if found is not None and (found.code is not None or child.pos_ != "ADJ"):
                    return [child]
            if child.dep_ == "amod" and lemma(child) == "lead":  # "Iranian-led attack"
                for sub in child.children:
                    if self.entity(sub):
                        return [sub]
        if words.of_role.get(event) == "actor":
            of = prep_objects(noun, ("of",))
            if of:
                return of[:1]
        launched = event in words["launched_events"]
        for obj in prep_objects(noun, ("from",)):
            if lemma(obj) in words["place_nouns"] or obj.ent_type_ in ("LOC", "FAC"):
                continue
            if launched and (obj.ent_type_ == "GPE" or self.place_entity(obj) is not None):
                continue  # "an attack from Gaza" names where it came from, not who
            return [obj]
        if symmetric:
            between = prep_objects(noun, ("between", "among"))
            if between:
                return between
        return []

    def noun_recipients(
        self, noun: Token, event: str, actor: Entity | None, light: Token | None
    ) -> list[Entity]:
        preps = [p for p in self.words.preps_for(event) if p not in ("from", "by", "of")]
        if self.words.of_role.get(event) == "recipient":
            preps.append("of")
        found = self.first_entity(prep_objects(noun, preps), actor)
        if found:
            return found
        clause = [
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and c.pos_ in VERBAL
            and any(m.dep_ == "mark" for m in c.children)
        ]
        for comp in clause:  # "its demand that Israel ease restrictions"
            found = self.first_entity(
                [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")], actor
            )
            if found:
                return found
        if light is not None:
            for comp in light.children:  # "reiterated its demand that Israel ease ..."
                if comp.dep_ == "ccomp" and any(m.dep_ == "mark" for m in comp.children):
                    found = self.first_entity(
                        [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")], actor
                    )
                    if found:
                        return found
            near = [o for o in objects_of(light) if o.i != noun.i and o.dep_ == "dative"]
            near += prep_objects(light, preps)
            return self.first_entity(near, actor)
        return []


def confidence(
    origin: str, rule: TriggerRule | None, actor: Entity | None, recipient: Entity | None
) -> float:
    score = {"verb": 0.85, "noun": 0.7, "statement": 0.65}.get(origin, 0.6)
    if rule is not None and rule.has("weak"):
        score *= 0.75
    if actor is None:
        score *= 0.55
    elif actor.code is None:
        score *= 0.75
    elif actor.text.lower() in PRONOUNS:
        score *= 0.9
    if recipient is None:
        score *= 0.9
    return round(min(max(score, 0.05), 0.99), 2)
