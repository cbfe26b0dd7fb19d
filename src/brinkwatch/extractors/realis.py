"""Realis: did the event happen (actual), is it planned, hypothetical, conditional or negated?

Read from the trigger outwards along the dependency path, up to the first speech verb (the
content of "X said ..." keeps its own realis; who said it is the attribution's business):

1. A conditional anywhere on the path wins: an ``if``/``unless`` clause, the main clause of a
   sentence with such a clause, or a clause whose subject is a "failure to ..." noun.
2. Otherwise the innermost cue decides: negation on the trigger; a nominal's own adjectives and
   determiners ("planned", "potential", "any", "no"); a relative clause that asserts the noun
   ("attacks, which have increased" -> actual); modal auxiliaries ("will" planned, "could"
   hypothetical); governing words ("plan", "prepare" -> planned; "deter", "prevent", "urge" ->
   hypothetical; "fail", "refuse" -> negated; "halt", "condemn", "in retaliation for" ->
   actual, since they presuppose the event).

The word lists are data (``data/events/grammar.yaml``). ``governors`` lets the event coder pass
the flags of triggers it found, so that "threatened to strike" makes the strike hypothetical
and "accused X of attacking" keeps the attack as an (alleged) actual event.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from spacy.tokens import Token

from ..records import REALIS
from .event_lexicon import grammar, lemma

__all__ = ["REALIS", "is_negated", "local_modal", "realis_for"]

Realis = str
VERBAL = ("VERB", "AUX")
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "acl", "conj", "relcl"})


def is_negated(token: Token) -> bool:
    """A ``neg`` dependent ("did not attack", "won't", "never"), or "no"/"without" on a noun."""
    words = grammar()
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
            return True
        if child.dep_ == "det" and child.lower_ in words["negating_determiners"]:
            return True
    return bool(
        token.pos_ not in VERBAL and token.dep_ == "pobj" and token.head.lower_ == "without"
    )


def local_modal(token: Token) -> str | None:
    """``planned`` or ``hypothetical`` from the token's own modal auxiliary, else None."""
    words = grammar()
    for child in token.children:
        if child.dep_ != "aux":
            continue
        word = child.lower_
        if word in words["planned_modals"]:
            return "planned"
        if word in words["hypothetical_modals"]:
            return "hypothetical"
        if lemma(child) == "go" and child.tag_ == "VBG":  # "is going to strike"
            return "planned"
    return None


def _nominal_cue(token: Token) -> str | None:
    """Realis set inside a noun phrase: adjectives, determiners, asserting relative clauses."""
    words = grammar()
    cue: str | None = None
    for child in token.children:
        word = child.lower_
        if child.dep_ in ("amod", "det", "compound", "nummod"):
            if word in words["planned_adjectives"]:
                cue = cue or "planned"
            elif word in words["hypothetical_adjectives"]:
                cue = cue or "hypothetical"
        if child.dep_ == "relcl" and child.pos_ in VERBAL:
            if is_negated(child):
                return "negated"
            if local_modal(child) is None and lemma(child) not in words["planned_governors"]:
                return "actual"
    return cue


def _has_conditional_clause(head: Token, skip: Token) -> bool:
    marks = grammar()["conditional_marks"]
    for child in head.children:
        if child.i == skip.i or child.dep_ != "advcl":
            continue
        if any(m.dep_ == "mark" and m.lower_ in marks for m in child.children):
            return True
    return False


def _is_conditional_clause(token: Token) -> bool:
    words = grammar()
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ in words["conditional_marks"]:
            return True
        if child.dep_ in ("nsubj", "csubj") and lemma(child) in words["conditional_nouns"]:
            return True
    return False


def _path(token: Token, limit: int = 10) -> list[Token]:
    """Token, its head, its head's head ... up to (not including) a speech verb or the root."""
    speech = grammar()["speech_verbs"]
    path = [token]
    node = token
    while node.head.i != node.i and len(path) <= limit:
        head = node.head
        if (
            head.pos_ in VERBAL
            and lemma(head) in speech
            and node.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "dobj", "conj")
        ):
            break
        path.append(head)
        node = head
    return path


def realis_for(trigger: Token, governors: Mapping[int, frozenset[str]] | None = None) -> Realis:
    """The realis of the event whose trigger (verb or event noun) is ``trigger``."""
    governors = governors or {}
    path = _path(trigger)
    for below, node in itertools.pairwise(path):
        if node.pos_ in VERBAL and (
            _is_conditional_clause(node) or _has_conditional_clause(node, below)
        ):
            return "conditional"
    if trigger.pos_ in VERBAL and _is_conditional_clause(trigger):
        return "conditional"
    if trigger.pos_ in VERBAL and _has_conditional_clause(trigger, trigger):
        return "conditional"
    if is_negated(trigger):
        return "negated"
    verbal = trigger.pos_ in VERBAL
    if not verbal:
        cue = _nominal_cue(trigger)
        if cue is not None:
            return cue
    else:
        modal = local_modal(trigger)
        if modal is not None:
            return modal
    relation = trigger.dep_
    for node in path[1:]:
        if node.pos_ == "ADP":  # walk through prepositions: "in retaliation for X"
            relation = "pobj"
            continue
        cue = _governor_cue(node, relation, verbal, governors)
        if cue is not None:
            return cue
        relation = node.dep_
        verbal = node.pos_ in VERBAL
    return "actual"


def _governor_cue(
    node: Token, relation: str, below_verbal: bool, governors: Mapping[int, frozenset[str]]
) -> Realis | None:
    """What ``node`` says about the event beneath it, reached through ``relation``."""
    words = grammar()
    word = lemma(node)
    nominal_object = not below_verbal and relation in ("dobj", "pobj", "nsubjpass", "attr")
    flags = governors.get(node.i)
    if flags is not None:
        if "claim" in flags:
            return "actual"
        if "refuse" in flags:
            return "negated" if below_verbal else "hypothetical"
        if "threat" in flags or "request" in flags:
            if nominal_object and word in words["presupposing_governors"]:
                return "actual"
            return "hypothetical"
        if "plan" in flags or "intent" in flags:
            return "planned"
    if nominal_object and word in words["presupposing_governors"]:
        return "actual"
    negated = node.pos_ in VERBAL and is_negated(node)
    if word in words["negating_governors"] and below_verbal:
        return "actual" if negated else "negated"
    if word in words["planned_governors"]:
        return "negated" if negated else "planned"
    if word in words["hypothetical_governors"]:
        return (
            "negated" if negated and word not in ("prevent", "stop", "deter") else ("hypothetical")
        )
    if word in words["conditional_nouns"]:
        return "conditional"
    if node.pos_ in VERBAL:
        modal = local_modal(node)
        if modal is not None:
            return modal
        if negated and relation in COMPLEMENT_DEPS | {"dobj"}:
            return "negated"
    return None
