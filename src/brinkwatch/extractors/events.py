"""PLOVER 2.0 event coding: every event in every sentence, with its participants and realis.

One pass over the tokens of each sentence looks every lemma up in the trigger lexicon
(``data/events/triggers.csv``): verbs ("attacked", "urged"), event nouns ("the Israeli strike on
Iranian assets", "militia attacks on US forces") and predicate adjectives ("ready to"). Each
trigger becomes one event per actor (coordinated subjects: "Sullivan and Blinken urged" gives
two REQUEST events; symmetric events like "X and Y met" code both as actors, no recipient):

- participants come from the parse (:mod:`.event_args`) and are coded by ``actors.py``;
- realis from the dependency path (:mod:`.realis`): "is planning an attack" -> planned,
  "threatened to strike" -> THREATEN actual + ASSAULT hypothetical;
- speech verbs are not events: "X said Y attacked Z" is Y -> Z ASSAULT, carried by X's
  attribution (``attribution_for``); non-responses ("declined to comment", "provided no
  comments", "did not respond") are no events at all;
- statements of intent become AGREE / THREATEN / REQUEST (:mod:`.event_statements`).

Date, location and attribution come from ``time.py``, ``place.py`` and ``attribution.py``
(looked up when present, so this module works while they are being written). The date is the
event's own time expression, never the publication date.

Confidence (0..1) starts from the kind of trigger (verb 0.85, noun 0.7, derived statement
0.65) and falls for ambiguous triggers, a missing or uncoded actor, a missing recipient, a
pronoun actor and alleged (accused-of) events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Entity, Event, Place
from .actors import document_text, is_ethnic_group, only_modifies
from .base import Extraction, extractor
from .event_args import (
    MentionIndex,
    is_passive,
    mentions_of,
    patients,
    phrase_span,
    subjects,
)
from .event_lexicon import (
    Grammar,
    Match,
    TriggerRule,
    could_trigger,
    grammar,
    lemma,
    match_trigger,
)
from .event_parties import (
    VERBAL,
    Draft,
    SentenceCoder,
    complement_of,
    confidence,
    objects_of,
    optional_helper,
    prep_objects,
    same_entity,
    same_party,
    trigger_span,
)
from .event_statements import code_statements
from .realis import realis_for

__all__ = ["Draft", "code_sentence", "extract_events"]

MAX_EVENTS_PER_TRIGGER = 4
PLACE_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
ASSAULT_PREPS = ("on", "against", "at", "upon", "into", "toward", "towards")
NON_STATES = frozenset({"IGO", "IMG", "NGO"})  # codes that name no country to live in


# ----------------------------------------------------------------------------- drafting


def _draft_all(
    coder: SentenceCoder,
    match: Match,
    event: str,
    actors: list[Entity | None],
    recipients: list[Entity],
    realis: str,
    origin: str,
) -> None:
    rule = match.rule
    symmetric = rule.has("sym") and len([a for a in actors if a is not None]) > 1
    targets: list[Entity | None] = [None] if symmetric or not recipients else list(recipients)
    span = trigger_span(match)
    made = 0
    for actor in actors or [None]:
        for recipient in targets:
            if made >= MAX_EVENTS_PER_TRIGGER:
                return
            if same_entity(actor, recipient):
                continue
            coder.drafts.append(
                Draft(
                    event=event,
                    token=match.token,
                    span=span,
                    actor=actor,
                    recipient=recipient,
                    realis=realis,
                    mode=rule.mode,
                    context=list(rule.context),
                    confidence=confidence(origin, rule, actor, recipient),
                    origin=origin,
                )
            )
            made += 1


def _actor_list(coder: SentenceCoder, tokens: list[Token]) -> list[Entity | None]:
    found: list[Entity | None] = list(coder.entities(tokens))
    return found or [None]


def code_verb(coder: SentenceCoder, match: Match) -> None:
    rule, verb = match.rule, match.token
    if rule.event is None:
        return
    words = coder.words
    has_object = objects_of(verb) or complement_of(verb) or is_passive(verb)
    if (
        rule.has("needobj")
        and not has_object
        and not prep_objects(verb, words.preps_for(rule.event))
    ):
        return
    if _is_non_response(verb, rule, words) or _is_communication(verb, rule, words):
        return
    doers, undergoers = coder.verb_actors(verb)
    if rule.has("undergo") and not doers and undergoers:  # "the militia was disbanded"
        doers = undergoers
    actors = _actor_list(coder, doers)
    event = rule.event
    if event == "ASSAULT" and actors == [None]:
        # "killed by a roadside bomb", "killed in a car bomb explosion"
        means = doers or prep_objects(verb, ("in", "by", "with"))
        if means:
            actors = [_unidentified(means[0], words)]
    if actors == [None] and verb.dep_ == "acl" and verb.tag_ == "VBG":
        return  # "hit depots supplying the army": what a thing does is no one's act
    if rule.has("joint") and len({a.code for a in actors if a}) > 1:
        event = "COOPERATE"
    if doers and doers == undergoers:  # "troops were withdrawn from Niger"
        recipients = coder.first_entity(prep_objects(verb, words.preps_for(event)), actors[0])
    else:
        recipients = coder.verb_recipients(verb, rule, event, actors[0])
    realis = realis_for(verb, coder.governors)
    _draft_all(coder, match, event, actors, recipients, realis, "verb")


def _anchor(noun: Token) -> Token:
    """ "a mediation effort", "peace talks": the light noun carries the event's arguments."""
    words = grammar()
    if noun.dep_ == "compound" and lemma(noun.head) in words["light_nouns"]:
        return noun.head
    return noun


def code_noun(coder: SentenceCoder, match: Match) -> None:
    rule, noun = match.rule, match.token
    if rule.event is None:
        return
    anchor = _anchor(noun)
    light = coder.light_verb(anchor)
    symmetric = rule.has("sym")
    doers = coder.noun_actors(noun, rule.event, symmetric=symmetric) or (
        coder.noun_actors(anchor, rule.event, symmetric=symmetric) if anchor.i != noun.i else []
    )
    undergoers: list[Token] = []
    if light is not None and _is_under(anchor, light):
        doers, undergoers = _under_parties(light, doers)
    elif not doers and light is not None:
        doers = subjects(light)
    grounds = _grounds_verb(noun) if not doers and rule.event == "ACCUSE" else None
    if grounds is not None:  # "jailed X on charges of treason": the jailer alleges
        doers = subjects(grounds)
    actors = _actor_list(coder, doers)
    event = rule.event
    if rule.has("joint") and (
        len({a.code for a in actors if a}) > 1 or any(lemma(c) == "joint" for c in noun.lefts)
    ):
        event = "COOPERATE"
    if undergoers:
        recipients = coder.first_entity(undergoers, actors[0])
    else:
        recipients = coder.noun_recipients(noun, event, actors[0], light)
    if not recipients and anchor.i != noun.i:
        recipients = coder.noun_recipients(anchor, event, actors[0], light)
    if not recipients and grounds is not None:  # ... against the one jailed
        held = patients(grounds) if is_passive(grounds) else objects_of(grounds)
        recipients = coder.first_entity(held, actors[0])
    realis = realis_for(anchor, coder.governors)
    _draft_all(coder, match, event, actors, recipients, realis, "noun")


def _is_under(noun: Token, light: Token) -> bool:
    """ "came under attack", "was put under investigation", "placed X under arrest"."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.i == light.i


def _under_parties(light: Token, doers: list[Token]) -> tuple[list[Token], list[Token]]:
    """(doers, undergoers) of an event one is put or comes under: the one under it is whom
    it is done to; its doer is the noun's own ("under attack by militants"), the passive's
    agent, or whoever put someone under it ("police placed him under arrest")."""
    if is_passive(light):
        return doers or subjects(light), patients(light)
    held = [o for o in objects_of(light) if o.dep_ != "attr"]
    if held:
        return doers or subjects(light), held
    if not doers:  # "came under fire from Hezbollah fighters"
        doers = [
            o
            for o in prep_objects(light, ("by", "from"))
            if o.ent_type_ not in ("GPE", "LOC", "FAC") and lemma(o) not in grammar()["place_nouns"]
        ][:1]
    return doers, subjects(light)


def _grounds_verb(noun: Token) -> Token | None:
    """The verb an allegation is the grounds of: "arrested X on charges of ...",
    "expelled X over spying allegations"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in grammar()["grounds_preps"]:
        return None
    verb = prep.head
    return verb if verb.pos_ in VERBAL and verb.i != prep.i else None


def _unidentified(doer: Token, words: Grammar) -> Entity | None:
    """ "A roadside bomb killed ...": an unidentified armed actor (UAF), placed later."""
    lemmas = {lemma(t) for t in doer.subtree}
    if not lemmas & words["weapon_doers"]:
        return None
    lo, hi = phrase_span(doer)
    first, last = doer.doc[lo], doer.doc[hi]
    return Entity(
        code=None,
        sector="UAF",
        text=doer.doc[lo : hi + 1].text,
        span=(first.idx, last.idx + len(last.text)),
    )


def _is_non_response(verb: Token, rule: TriggerRule, words: Grammar) -> bool:
    """ "declined to comment", "refused to respond": a refusal to speak is no event."""
    if not rule.has("refuse"):
        return False
    comp = complement_of(verb)
    if comp is None or lemma(comp) not in words["non_response_complements"]:
        return False
    # "refused to respond to a demand" is still a rejection of that demand
    return not (lemma(comp) in ("respond", "reply", "answer") and prep_objects(comp, ("to",)))


def _is_communication(verb: Token, rule: TriggerRule, words: Grammar) -> bool:
    """ "provided comments", "gave no details", "delivered a message": speech, not aid."""
    if rule.event not in ("AID", "RETREAT", "SANCTION"):
        return False
    objects = [o for o in objects_of(verb) if o.dep_ != "dative"]
    return bool(objects) and all(lemma(o) in words["communication_objects"] for o in objects)


# ----------------------------------------------------------------------------- sentences


def code_sentence(state: Extraction, sent: Span) -> list[Draft]:
    """The events of one sentence, before ids, dates, places and attributions."""

    coder = SentenceCoder(state, sent)
    consumed: set[int] = set()
    index = mentions_of(state)
    doc = sent.doc
    for i in range(sent.start, sent.end):
        letter = index.pos_letters[i]
        if letter is None:
            continue
        word = index.lemma(i)
        if letter != "N":
            coder.verb_lemmas[i] = word
        if not could_trigger(word, letter, index.lower(i)):
            continue
        token = doc[i]
        found = match_trigger(token)
        if found is None:
            continue
        coder.matches.append(found)
        coder.governors[token.i] = found.rule.flags
        consumed.update(t.i for t in found.extra)
    for found in coder.matches:
        token = found.token
        if token.i in consumed or found.rule.has("intent"):
            continue
        if token.pos_ in VERBAL:
            code_verb(coder, found)
        elif token.pos_ in ("NOUN", "PROPN"):
            code_noun(coder, found)
    code_statements(coder)
    _purpose_recipients(coder)
    _complement_recipients(coder)
    return _dedupe([d for d in coder.drafts if d.actor is not None or d.recipient is not None])


def _purpose_recipients(coder: SentenceCoder) -> None:
    """A protest aims at whom its purpose clause names ("staged rallies to demand X's
    resignation", "blocked roads to press demands from the government")."""
    for draft in coder.drafts:
        if draft.event != "PROTEST" or draft.recipient is not None:
            continue
        clause = draft.token if draft.token.pos_ in VERBAL else coder.light_verb(draft.token)
        if clause is None:
            continue
        purposes = [c for c in clause.children if c.dep_ in ("advcl", "xcomp", "prep")]
        inside = {t.i for p in purposes for t in p.subtree}
        for other in coder.drafts:
            if other.token.i in inside and other.recipient is not None:
                draft.recipient = other.recipient
                break


def _complement_recipients(coder: SentenceCoder) -> None:
    """An offer, demand, threat or refusal without an addressee of its own is aimed at the
    party of the act it is about ("agreed to re-open its borders to UN peacekeepers")."""
    flagged = {m.token.i: m.rule for m in coder.matches}
    for draft in coder.drafts:
        rule = flagged.get(draft.token.i)
        if draft.recipient is not None or rule is None or draft.origin == "statement":
            continue
        if not rule.flags & {"plan", "request", "threat", "refuse"}:
            continue
        comp = complement_of(draft.token) or _requested_noun(draft.token, flagged)
        if comp is None:
            continue
        inside = {t.i for t in comp.subtree}
        for other in coder.drafts:
            if other is draft or other.token.i not in inside:
                continue
            doer = other.actor
            if rule.has("request") and doer is not None and not same_party(doer, draft.actor):
                draft.recipient = doer
            elif other.recipient is not None and not same_party(other.recipient, draft.actor):
                draft.recipient = other.recipient
            if draft.recipient is not None:
                break


def _requested_noun(token: Token, flagged: dict[int, TriggerRule]) -> Token | None:
    """ "called for sanctions against X", "pushed for talks with X": the event asked for."""
    for obj in prep_objects(token, ("for",)):
        if obj.i in flagged:
            return obj
    return None


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    best: dict[tuple[object, ...], Draft] = {}
    for d in drafts:
        key = (
            d.event,
            d.actor.span if d.actor else None,
            (d.recipient.code, d.recipient.sector) if d.recipient else None,
            d.realis,
        )
        if key not in best or d.confidence > best[key].confidence:
            best[key] = d
    kept = {id(d) for d in best.values()}
    return [d for d in drafts if id(d) in kept]


# ----------------------------------------------------------------------------- the extractor


def _phrase_tokens(token: Token, depth: int = 0) -> Iterable[int]:
    """The trigger and its dependents, without embedded clauses (token indices)."""
    yield token.i
    if depth < 4:
        for child in token.children:
            if child.dep_ not in ("advcl", "ccomp", "relcl", "parataxis", "conj", "acl"):
                yield from _phrase_tokens(child, depth + 1)


def _phrase_lemmas(token: Token, index: MentionIndex) -> frozenset[str]:
    return frozenset({index.lemma(i) for i in _phrase_tokens(token)} | {lemma(token.head)})


def _mode_and_context(
    draft: Draft, words: Grammar, lemmas: frozenset[str]
) -> tuple[str | None, list[str]]:
    mode = draft.mode
    if mode is None:
        for name, cues in words.modes.get(draft.event, {}).items():
            if lemmas & cues:
                mode = name
                break
    context = list(draft.context)
    for word in sorted(lemmas):
        found = words.context_of_word.get(word)
        if found and found not in context and len(context) < 3:
            context.append(found)
    return mode, context


def _inside(span: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _names_a_party(doc: Doc, text: str, place: Place, draft: Draft) -> bool:
    """A place word that only describes a participant: "US" in "US forces", "anti-Syria"."""
    if only_modifies(text, *place.span):
        return True
    for party in (draft.actor, draft.recipient):
        if party is None or not _inside(place.span, party.span) or place.span == party.span:
            continue
        word = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if word is not None and word.root.dep_ in PLACE_MODIFIER_DEPS:
            return True
    return False


def _attached_place(state: Extraction, draft: Draft, places: list[Place]) -> Place | None:
    """The place a locative preposition attaches to the trigger or its object ("in Iraq")."""
    token = draft.anchor or draft.token
    heads = {
        token.i,
        *(o.i for o in objects_of(token)),
        *(o.i for o in prep_objects(token, ASSAULT_PREPS)),
    }
    for place in places:
        span = state.doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if span is None or only_modifies(document_text(state.doc), *place.span):
            continue
        root = span.root
        prep = root.head
        if (
            root.dep_ == "pobj"
            and prep.lower_ in grammar()["locative_preps"]
            and prep.head.i in heads
        ):
            return place
    return None


def _places_near(state: Extraction, draft: Draft, place: Place | None) -> list[Place]:
    """The event's location, then the places named inside the trigger's phrase."""
    token = draft.anchor or draft.token
    lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    inside = [p for p in mentions_of(state).places if lo <= p.span[0] and p.span[1] <= hi]
    return ([place] if place is not None else []) + inside


def _with_country(
    entity: Entity | None,
    places: list[Place],
    other: Entity | None,
    sentence_places: Sequence[Place] = (),
    location: Place | None = None,
) -> Entity | None:
    """An actor the dictionary knows but cannot place takes a country from the event.

    "Shiite militia attacks on US forces in Iraq": the place where it happens (IRQ, never the
    other party's USA); failing that, an actor of a domestic sector ("rebels", "the judge")
    takes the other party's country ("the government accepted demands from rebels"), but not
    from a whole country it acts upon ("an archbishop called for sanctions against Nigeria"
    is no Nigerian). An ethnic group lives where the sentence is: the place of the event, the
    other party's country, else the first country the sentence names ("ethnic Turks protested
    against Sweden's decision" -> SWE).
    """
    if entity is None or entity.code is not None:
        return entity
    if is_ethnic_group(entity):
        return _residence(entity, location, other, sentence_places)
    for place in places:
        if place.country is None:
            continue
        if (
            other is not None
            and place.country == other.code
            and _inside(place.span, other.span)
            and (place.span != other.span or place.feature == "country")
        ):
            # "attacks on US forces": the US names the target, not the place; so does a
            # country that is the other party ("sanctions against Nigeria"), where a city
            # ("rebels shelled Juba") is where the fighting is.
            continue
        return entity.model_copy(update={"code": place.country})
    words = grammar()
    if (
        other is not None
        and other.code
        and other.code not in NON_STATES
        and other.sector is not None  # a party inside a country, not the country itself
        and (
            entity.sector in words["domestic_sectors"]
            or (
                entity.sector in words["state_sectors"]
                and other.sector in words["domestic_sectors"]
            )
        )
    ):
        return entity.model_copy(update={"code": other.code})
    return entity


def _residence(
    entity: Entity, location: Place | None, other: Entity | None, sentence_places: Sequence[Place]
) -> Entity:
    if location is not None and location.country is not None:
        return entity.model_copy(update={"code": location.country})
    if other is not None and other.code is not None and other.code not in NON_STATES:
        return entity.model_copy(update={"code": other.code})
    for place in sentence_places:
        if place.country is not None:
            return entity.model_copy(update={"code": place.country})
    return entity


@dataclass(frozen=True)
class _Setting:
    """What the sibling extractors say of one trigger: its time, place and source."""

    date: str | None = None
    date_end: str | None = None
    date_text: str | None = None
    location: Place | None = None
    attribution: str | None = None


def _setting(state: Extraction, trigger: tuple[int, int], sentence: tuple[int, int]) -> _Setting:
    date_for = optional_helper("time", "date_for")
    time_to_dates = optional_helper("time", "time_to_dates")
    location_for = optional_helper("place", "location_for")
    attribution_for = optional_helper("attribution", "attribution_for")
    date = date_end = date_text = None
    if date_for is not None and time_to_dates is not None:
        when = date_for(state, trigger, sentence)
        if when is not None:
            date, date_end = time_to_dates(when)
            date_text = when.text
    return _Setting(
        date=date,
        date_end=date_end,
        date_text=date_text,
        location=location_for(state, trigger, sentence) if location_for else None,
        attribution=attribution_for(state, *trigger) if attribution_for else None,
    )


@extractor("events", "1")
def extract_events(state: Extraction) -> None:
    """Fill ``state.events`` with the PLOVER events of every sentence of ``state.doc``."""
    words = grammar()
    n = len(state.events)
    index = mentions_of(state)
    places = index.places
    text = document_text(state.doc)  # Doc.text joins every token: once per document
    for sent in index.sentences:
        sentence = (sent.start_char, sent.end_char)
        in_sentence = [p for p in places if _inside(p.span, sentence)]
        settings: dict[tuple[int, int], _Setting] = {}  # drafts share their trigger's
        lemmas: dict[int, frozenset[str]] = {}
        for draft in code_sentence(state, sent):
            trigger = draft.span
            if trigger not in settings:
                settings[trigger] = _setting(state, trigger, sentence)
            setting = settings[trigger]
            place = setting.location
            if place is not None and _names_a_party(state.doc, text, place, draft):
                # "rockets at US forces in Iraq" happen in Iraq, not the US; "an anti-Syria
                # journalist was killed" did not happen in Syria
                place = _attached_place(state, draft, places)
            near = _places_near(state, draft, place)
            if draft.token.i not in lemmas:
                lemmas[draft.token.i] = _phrase_lemmas(draft.token, index)
            mode, context = _mode_and_context(draft, words, lemmas[draft.token.i])
            n += 1
            state.events.append(
                Event(
                    id=state.new_id("e", n),
                    event=draft.event,
                    mode=mode,
                    context=context,
                    actor=_with_country(draft.actor, near, draft.recipient, in_sentence, place),
                    recipient=_with_country(draft.recipient, near, draft.actor, in_sentence, place),
                    realis=draft.realis,
                    date=setting.date,
                    date_end=setting.date_end,
                    date_text=setting.date_text,
                    event_text=text[trigger[0] : trigger[1]],
                    span=trigger,
                    sentence_span=sentence,
                    location=place,
                    attribution=setting.attribution,
                    confidence=draft.confidence,
                )
            )
