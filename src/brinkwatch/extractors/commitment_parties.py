"""Who commits to whom, and the events a condition and a consequence name.

- The issuer is the source of the innermost attribution carrying the commitment ("one US
  official relayed ..." -> USA); the addressee is the object of its cue ("warned the Iraqi
  government", "relayed ... to al-Sudani"), else the actor of the condition ("Israel's stance").
- Pronouns are read from those parties: "you" -> addressee, "we"/"our"/"his country" -> issuer,
  "they" -> the third party named nearby (not the issuer).
- A clause's event is the one the events extractor found closest to the clause head, else a
  verb or noun of ``data/commitments/events.csv`` with its own actor and target from the parse.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token

from ..records import Attribution, Entity, Event, EventLike
from .actors import actor_for_span
from .attribution_source import phrase_chars, trim_bounds
from .base import Extraction
from .commitment_patterns import Markers

__all__ = [
    "HOSTILE",
    "ClauseEvent",
    "Parties",
    "addressee_for",
    "clause_event",
    "entity_at",
    "event_lexicon",
    "issuer_for",
]

HOSTILE = frozenset(
    {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "REJECT", "ACCUSE", "PROTEST"}
)
_RECIPIENT_PREPOSITIONS = frozenset({"on", "against", "at", "into", "in", "to"})
_NOUN_TARGET_PREPOSITIONS = frozenset({"on", "against", "at", "to"})
_NEARBY_CHARS = 800  # how far back "they" looks for a third party


@functools.cache
def event_lexicon() -> dict[str, str]:
    """Fallback trigger lexicon: lemma -> PLOVER event type."""
    path = resources.files("brinkwatch.extractors").joinpath("data", "commitments", "events.csv")
    with path.open(encoding="utf-8") as handle:
        return {
            row["lemma"].strip().lower(): row["event"].strip() for row in csv.DictReader(handle)
        }


def entity_at(state: Extraction, doc: Doc, start: int, end: int) -> Entity | None:
    """The coded actor for tokens ``[start, end)``, with their text and span."""
    start, end = trim_bounds(doc, start, end)
    if end <= start:
        return None
    first, last = phrase_chars(doc, start, end)
    entity = actor_for_span(state, first, last)
    if entity is None or (entity.code is None and entity.sector is None):
        return None
    return entity


@dataclass
class Parties:
    """Issuer and addressee of one commitment, and the third party "they" refers to."""

    issuer: Entity
    addressee: Entity | None
    third: Entity | None = None

    def for_pronoun(self, token: Token, words: Markers) -> Entity | None:
        """The party a pronoun (or "his country") stands for, with the pronoun's own span."""
        lower = token.lower_
        target: Entity | None = None
        if lower in words.pronouns.get("addressee", ()):
            target = self.addressee
        elif lower in words.pronouns.get("issuer", ()):
            target = self.issuer
        elif lower in words.pronouns.get("third", ()):
            target = self.third
        elif lower in ("his", "her", "its") and token.dep_ == "poss":
            head = token.head.lemma_.lower()
            if head in words.pronouns.get("issuer_possessive_nouns", ()):
                target = self.issuer  # "his country's response": the speaker's country
        if target is None:
            return None
        words_of = (
            token.doc[token.i : token.head.i + 1]
            if token.dep_ == "poss"
            else token.doc[token.i : token.i + 1]
        )
        span = (words_of.start_char, words_of.end_char)
        return target.model_copy(update={"text": str(words_of.text), "span": span})


def _source_entity(state: Extraction, attribution: Attribution) -> Entity | None:
    source = attribution.source
    if source is None:
        return None
    found = actor_for_span(state, *source.span)
    code = source.code or (found.code if found else None)
    sector = source.sector or (found.sector if found else None)
    if code is None and sector is None:
        return None
    return Entity(
        code=code,
        sector=sector,
        text=source.text,
        span=source.span,
        name=found.name if found else None,
        office=found.office if found else None,
    )


def issuer_for(
    state: Extraction, span: tuple[int, int], attributions: dict[str, Attribution]
) -> tuple[Entity, Attribution] | None:
    """The issuer: the coded source of the innermost attribution carrying ``span``."""
    from .attribution import attribution_for

    attribution_id = attribution_for(state, *span)
    while attribution_id is not None:
        attribution = attributions[attribution_id]
        entity = _source_entity(state, attribution)
        if entity is not None:
            return entity, attribution
        # an uncoded source ("Reports"): the attribution that carries it may be coded
        cue = attribution.cue.span
        outer = attribution_for(state, *cue)
        attribution_id = outer if outer != attribution_id else None
    return None


def _cue_token(doc: Doc, attribution: Attribution) -> Token | None:
    span = doc.char_span(*attribution.cue.span, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def addressee_for(state: Extraction, attribution: Attribution, issuer: Entity) -> Entity | None:
    """The object of the attribution's cue: "warned [the Iraqi government]", "to al-Sudani"."""
    doc = state.doc
    cue = _cue_token(doc, attribution)
    if cue is None:
        return None
    content = attribution.content.span
    source = attribution.source.span if attribution.source else (-1, -1)
    for token in cue.subtree:
        if content[0] <= token.idx < content[1] or source[0] <= token.idx < source[1]:
            continue
        is_object = token.dep_ in ("dobj", "dative", "iobj") and token.head == cue
        is_to = token.dep_ == "pobj" and token.head.lower_ in ("to", "with")
        if not (is_object or is_to):
            continue
        entity = entity_at(state, doc, token.left_edge.i, token.right_edge.i + 1)
        if entity is None or entity.code is None:
            continue
        if attribution.outlet and attribution.outlet in entity.text:
            continue
        if entity.code != issuer.code:
            return entity
    return None


def third_party(state: Extraction, before: int, exclude: set[str | None]) -> Entity | None:
    """The most recent coded actor before ``before`` that is none of ``exclude``."""
    for mention in reversed(state.mentions):
        if mention.span[1] > before:
            continue
        if before - mention.span[0] > _NEARBY_CHARS:
            break
        if mention.code is not None and mention.code not in exclude:
            return mention
    return None


@dataclass(frozen=True)
class ClauseEvent:
    """The event a clause names, and the token that triggers it."""

    event: EventLike
    trigger: Token | None


def _depth(token: Token, head: Token) -> int:
    steps = 0
    current = token
    while current != head and current.head != current and steps < 12:
        current = current.head
        steps += 1
    return steps if current == head else 99


def _resolved(
    entity: Entity | None, token: Token | None, parties: Parties, words: Markers
) -> Entity | None:
    if token is not None:
        pronoun = token if token.pos_ == "PRON" else None
        if pronoun is None:
            pronoun = next(
                (c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None
            )
        if pronoun is not None:
            found = parties.for_pronoun(pronoun, words)
            if found is not None:
                return found
    return entity


def _token_at(doc: Doc, span: tuple[int, int]) -> Token | None:
    found = doc.char_span(*span, alignment_mode="expand")
    return found.root if found is not None and len(found) else None


def _event_candidates(
    state: Extraction, bounds: tuple[int, int], head: Token, skip: frozenset[str]
) -> list[tuple[int, int, Token, Event | None]]:
    """(depth below head, source rank, trigger, event) for every event word in ``bounds``:
    events the events extractor found (rank 0), then words of the fallback lexicon (rank 1)."""
    doc = state.doc
    first, last = phrase_chars(doc, *bounds)
    found: list[tuple[int, int, Token, Event | None]] = []
    taken: set[int] = set()
    for event in state.events:
        if first <= event.span[0] and event.span[1] <= last:
            trigger = _token_at(doc, event.span)
            if trigger is None or trigger.lemma_.lower() in skip:
                continue
            taken.add(trigger.i)
            found.append((_depth(trigger, head), 0, trigger, event))
    lexicon = event_lexicon()
    for token in doc[bounds[0] : bounds[1]]:
        lemma = token.lemma_.lower()
        if token.i in taken or lemma in skip or lemma not in lexicon:
            continue
        if token.pos_ in ("VERB", "NOUN"):
            found.append((_depth(token, head), 1, token, None))
    return found


def _event_like(
    state: Extraction, trigger: Token, event: Event | None, parties: Parties, words: Markers
) -> EventLike:
    doc = state.doc
    actor_token = _verb_actor(trigger) if trigger.pos_ in ("VERB", "AUX") else _noun_actor(trigger)
    target = _target(trigger)
    if event is None:
        return EventLike(
            event=event_lexicon()[trigger.lemma_.lower()],
            actor=_participant(state, actor_token, parties, words),
            recipient=_participant(state, target, parties, words),
        )
    actor = _resolved(
        event.actor, _token_at(doc, event.actor.span) if event.actor else None, parties, words
    )
    if actor is None:
        actor = _participant(state, actor_token, parties, words)
    recipient = _resolved(
        event.recipient,
        _token_at(doc, event.recipient.span) if event.recipient else None,
        parties,
        words,
    )
    return EventLike(event=event.event, actor=actor, recipient=recipient)


def _participant(
    state: Extraction, token: Token | None, parties: Parties, words: Markers
) -> Entity | None:
    if token is None:
        return None
    resolved = _resolved(None, token, parties, words)
    if resolved is not None:
        return resolved
    return entity_at(state, token.doc, token.left_edge.i, token.right_edge.i + 1)


def _verb_actor(verb: Token) -> Token | None:
    """The subject of a verb, shared with a coordinated verb or given by a causer's object."""
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        for child in current.children:  # "If they reconsider X, accept Y": a subject to share
            if child.dep_ in ("advcl", "conj") and child.i < current.i:
                shared = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if shared is not None:
                    return shared
        if current.dep_ in ("xcomp", "pcomp", "conj") or current.head.dep_ == "prep":
            parent = current.head if current.dep_ != "pcomp" else current.head.head
            causee = next((c for c in parent.children if c.dep_ == "dobj"), None)
            if causee is not None and causee.i < current.i:
                return causee  # "prompt Israel to launch", "stop Israel from striking"
            current = parent
        else:
            return None
    return None


def _target(token: Token) -> Token | None:
    prepositions = _RECIPIENT_PREPOSITIONS if token.pos_ == "VERB" else _NOUN_TARGET_PREPOSITIONS
    for child in token.children:
        if child.dep_ == "dobj" and token.pos_ == "VERB":
            return child
        if child.dep_ == "prep" and child.lower_ in prepositions:
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _noun_actor(noun: Token) -> Token | None:
    """ "Israel's strike", "an Israeli strike", "launch a strike" (the launcher), and up the
    noun phrase: "Israel's stance regarding ceasefires" -> Israel."""
    current = noun
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG")
            ):
                return child
        if current.dep_ == "dobj":
            return _verb_actor(current.head)
        if current.dep_ == "pobj" and current.head.dep_ in ("prep", "acl"):
            current = current.head.head
        elif current.dep_ == "acl" or current.pos_ in ("ADP", "VERB"):
            current = current.head
        else:
            return None
    return None


def clause_event(
    state: Extraction,
    bounds: tuple[int, int],
    head: Token,
    parties: Parties,
    words: Markers,
) -> ClauseEvent | None:
    """The event named in tokens ``bounds`` whose clause is headed by ``head``."""
    skip = words.consequence_verbs | words.modulation_verbs | words.dependence_verbs
    candidates = _event_candidates(state, bounds, head, skip)
    if not candidates:
        return None
    _, _, trigger, event = min(candidates, key=lambda c: (c[0], c[1], c[2].i))
    return ClauseEvent(_event_like(state, trigger, event, parties, words), trigger)
