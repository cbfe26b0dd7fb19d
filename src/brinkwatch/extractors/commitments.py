"""Red lines: conditional threats and promises as first-class records.

For each conditional form in a sentence (:mod:`.commitment_patterns`), the commitment gets

- an issuer and an addressee (:mod:`.commitment_parties`): the source of the attribution that
  carries it and the object of its cue, pronouns read from them ("you" -> addressee);
- a condition and a consequence, each with the event it names and that event's OWN actor and
  target ("the US warns: Israel would strike Iraq" -> consequence ASSAULT ISR -> IRQ);
- a polarity, by this rule:

  1. the consequence's direction: a hostile event (ASSAULT, COERCE, SANCTION, ...) is harm, a
     cooperative one relief; every negation or inverting verb between the clause head and the
     event flips it ("won't be able to stop Israel from striking" = two flips = harm);
  2. harm is a ``threat``, relief a ``promise``;
  3. when the consequence only modulates a response ("may impact the type and intensity of our
     response") the direction is read from the condition: asking for de-escalation
     ("accept ceasefires", "stop killing") is a ``promise``, anything else a ``threat``;

- a date: the time governing the attribution's cue (or the cue of the attribution carrying
  it), never the publication date; the attribution id; status ``pending``.

A conditional with no attributed, coded issuer (the journalist's own "if") or whose consequence
names no event ("if rates rise, stocks could fall") is not a commitment.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..records import Attribution, Clause, Commitment, Entity, EventLike
from .attribution_source import phrase_chars, trim_bounds
from .base import Extraction, extractor
from .commitment_parties import (
    HOSTILE,
    ClauseEvent,
    Parties,
    addressee_for,
    clause_event,
    entity_at,
    issuer_for,
    third_party,
)
from .commitment_patterns import Conditional, Markers, find_conditionals, markers

__all__ = ["commitment_polarity", "extract_commitments"]

_THIRD_PERSON = frozenset({"it", "they", "its", "their", "them"})


def _flips(trigger: Token | None, head: Token, words: Markers) -> tuple[int, bool]:
    """Negations and inverting verbs from ``head`` down to ``trigger``; and any modulation."""
    if trigger is None:
        return 0, False
    flips = 0
    modulated = False
    current = trigger
    path = [trigger]
    while current != head and current.head != current and len(path) < 12:
        current = current.head
        path.append(current)
    for token in path:
        lemma = token.lemma_.lower()
        if token != trigger and lemma in words.inverters:
            flips += 1
        if lemma in words.modulation_verbs or lemma in words.dependence_verbs:
            modulated = True
        flips += sum(1 for c in token.children if c.dep_ == "neg" or c.lower_ in words.negations)
    return flips, modulated


def _harmful(found: ClauseEvent | None, head: Token, words: Markers) -> bool | None:
    """True for harm, False for relief, None when the clause only modulates a response."""
    if found is None:
        return None
    flips, modulated = _flips(found.trigger, head, words)
    if modulated:
        return None
    hostile = found.event.event in HOSTILE
    return hostile != (flips % 2 == 1)


def _de_escalating(
    conditional: Conditional, found: ClauseEvent | None, doc_tokens: Span, words: Markers
) -> bool:
    """A condition that asks for de-escalation: "accept ceasefires", "stop killing"."""
    if any(t.lemma_.lower() in words.de_escalation for t in doc_tokens):
        return True
    harmful = _harmful(found, conditional.condition_head, words)
    if harmful is None:
        return False
    return harmful == conditional.condition_negated


def commitment_polarity(
    conditional: Conditional,
    condition: ClauseEvent | None,
    consequence: ClauseEvent | None,
    condition_tokens: Span,
    words: Markers,
) -> Literal["threat", "promise"]:
    """``threat`` or ``promise`` by the rule in the module docstring."""
    harmful = _harmful(consequence, conditional.consequence_head, words)
    if harmful is None:
        return (
            "promise"
            if _de_escalating(conditional, condition, condition_tokens, words)
            else "threat"
        )
    return "threat" if harmful else "promise"


def _date(state: Extraction, attribution: Attribution, by_id: dict[str, Attribution]) -> str | None:
    try:
        from .time import date_for, time_to_dates
    except ImportError:  # pragma: no cover - time.py is part of the pipeline
        return None
    from .attribution import attribution_for

    seen: set[str] = set()
    current: Attribution | None = attribution
    while current is not None and current.id not in seen:
        seen.add(current.id)
        cue = current.cue.span
        sentence = state.doc.char_span(*cue, alignment_mode="expand")
        if sentence is not None and len(sentence):
            sent = sentence[0].sent
            found = date_for(state, cue, (sent.start_char, sent.end_char))
            if found is not None:
                return time_to_dates(found)[0]
        outer = attribution_for(state, *cue)
        current = by_id.get(outer) if outer else None
    return None


def _condition_party(
    state: Extraction, conditional: Conditional, parties: Parties, words: Markers
) -> Entity | None:
    """The actor whose behaviour is the condition: "Israel's stance", "they reconsider"."""
    head = conditional.condition_head
    doc = state.doc
    candidates = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "poss")]
    for token in candidates:
        resolved = parties.for_pronoun(token, words) if token.pos_ == "PRON" else None
        if resolved is None and token.pos_ != "PRON":
            resolved = entity_at(state, doc, token.left_edge.i, token.right_edge.i + 1)
        if resolved is not None and resolved.code != parties.issuer.code:
            return resolved
    return None


def _clause(state: Extraction, bounds: tuple[int, int], found: ClauseEvent | None) -> Clause:
    tokens = state.doc[bounds[0] : bounds[1]]
    return Clause(
        text=str(tokens.text),
        span=(tokens.start_char, tokens.end_char),
        event=found.event if found else None,
    )


def _condition_actor(
    condition: ClauseEvent, consequence: ClauseEvent, issuer: Entity
) -> ClauseEvent:
    """ "Iran threatened to strike Israel if it attacked ...": a pronoun the actors module
    resolved to the issuer is the one threatened (the consequence's target) instead."""
    actor = condition.event.actor
    target = consequence.event.recipient
    if (
        actor is None
        or actor.text.lower() not in _THIRD_PERSON
        or actor.code != issuer.code
        or target is None
        or target.code in (None, issuer.code)
    ):
        return condition
    moved = target.model_copy(update={"text": actor.text, "span": actor.span})
    return ClauseEvent(condition.event.model_copy(update={"actor": moved}), condition.trigger)


def _default_parties(found: ClauseEvent, parties: Parties) -> ClauseEvent:
    """A consequence with no named actor is the issuer's ("will be met with a response"), and
    a hostile one with no named target is aimed at the addressee ("our response")."""
    update: dict[str, Entity] = {}
    if found.event.actor is None:
        update["actor"] = parties.issuer
    if (
        found.event.recipient is None
        and found.event.event in HOSTILE
        and parties.addressee is not None
    ):
        update["recipient"] = parties.addressee
    if not update:
        return found
    return ClauseEvent(found.event.model_copy(update=update), found.trigger)


def _clip(doc: Doc, bounds: tuple[int, int], chars: tuple[int, int]) -> tuple[int, int]:
    start, end = bounds
    while start < end and doc[start].idx < chars[0]:
        start += 1
    while end > start and doc[end - 1].idx + len(doc[end - 1].text) > chars[1]:
        end -= 1
    return trim_bounds(doc, start, end)


def _within(conditional: Conditional, doc: Doc, chars: tuple[int, int]) -> Conditional | None:
    condition = _clip(doc, conditional.condition, chars)
    consequence = _clip(doc, conditional.consequence, chars)
    if condition[1] <= condition[0] or consequence[1] <= consequence[0]:
        return None
    return dataclasses.replace(conditional, condition=condition, consequence=consequence)


def _commitment(
    state: Extraction,
    conditional: Conditional,
    by_id: dict[str, Attribution],
    words: Markers,
    n: int,
) -> Commitment | None:
    doc = state.doc
    issued = issuer_for(state, phrase_chars(doc, *conditional.condition), by_id)
    if issued is None:
        return None
    issuer, attribution = issued
    # the parse may run a quotation on into its attribution: keep both parts inside the content
    clipped = _within(conditional, doc, attribution.content.span)
    if clipped is None:
        return None
    conditional = clipped
    cond_chars = phrase_chars(doc, *conditional.condition)
    cons_chars = phrase_chars(doc, *conditional.consequence)
    span = (min(cond_chars[0], cons_chars[0]), max(cond_chars[1], cons_chars[1]))
    parties = Parties(issuer=issuer, addressee=addressee_for(state, attribution, issuer))
    parties.third = third_party(
        state, span[0], {issuer.code, parties.addressee.code if parties.addressee else None}
    )
    if parties.addressee is None:
        parties.addressee = _condition_party(state, conditional, parties, words)
        if parties.addressee and parties.third and parties.third.code == parties.addressee.code:
            parties.third = None
    condition = clause_event(
        state, conditional.condition, conditional.condition_head, parties, words
    )
    consequence = clause_event(
        state, conditional.consequence, conditional.consequence_head, parties, words
    )
    if consequence is None:
        return None  # "stocks could fall": a forecast, not something a party would do
    if condition is not None:
        condition = _condition_actor(condition, consequence, issuer)
    if parties.addressee is None and condition is not None:
        actor = condition.event.actor
        if actor is not None and actor.code is not None and actor.code != issuer.code:
            parties.addressee = actor
    consequence = _default_parties(consequence, parties)
    if condition is None and conditional.form == "clause":
        subject = _condition_party(state, conditional, parties, words)
        if subject is not None:  # "If you don't": who must act, no event named
            condition = ClauseEvent(EventLike(event=None, actor=subject, recipient=None), None)
    condition_tokens = doc[conditional.condition[0] : conditional.condition[1]]
    return Commitment(
        id=state.new_id("commitment", n),
        issuer=issuer,
        addressee=parties.addressee,
        polarity=commitment_polarity(conditional, condition, consequence, condition_tokens, words),
        condition=_clause(state, conditional.condition, condition),
        consequence=_clause(state, conditional.consequence, consequence),
        span=span,
        date=_date(state, attribution, by_id),
        attribution=attribution.id,
        status="pending",
    )


@extractor("commitments", "1")
def extract_commitments(state: Extraction) -> None:
    """Fill ``state.commitments`` with every attributed conditional threat or promise."""
    words = markers()
    by_id = {a.id: a for a in state.attributions}
    n = 0
    for sentence in state.doc.sents:
        for conditional in find_conditionals(sentence, words):
            commitment = _commitment(state, conditional, by_id, words, n + 1)
            if commitment is not None:
                n += 1
                state.commitments.append(commitment)
