"""Realis from the dependency path: hand-built parses (no model) and a few parsed sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from brinkwatch.extractors.realis import is_negated, local_modal, realis_for


def parsed(rows: list[tuple[str, str, str, int, str]]) -> Doc:
    """A Doc from (word, lemma, pos, head index, dep) rows (English lexical attributes)."""
    words, lemmas, pos, heads, deps = zip(*rows, strict=True)
    return Doc(
        spacy.blank("en").vocab,
        words=list(words),
        lemmas=list(lemmas),
        pos=list(pos),
        heads=list(heads),
        deps=list(deps),
    )


def test_past_tense_is_actual() -> None:
    doc = parsed(
        [
            ("Russia", "Russia", "PROPN", 1, "nsubj"),
            ("attacked", "attack", "VERB", 1, "ROOT"),
            ("Ukraine", "Ukraine", "PROPN", 1, "dobj"),
        ]
    )
    assert realis_for(doc[1]) == "actual"


def test_negation_and_modals() -> None:
    doc = parsed(
        [
            ("Russia", "Russia", "PROPN", 3, "nsubj"),
            ("will", "will", "AUX", 3, "aux"),
            ("not", "not", "PART", 3, "neg"),
            ("attack", "attack", "VERB", 3, "ROOT"),
        ]
    )
    assert is_negated(doc[3])
    assert local_modal(doc[3]) == "planned"
    assert realis_for(doc[3]) == "negated"
    could = parsed(
        [
            ("Iran", "Iran", "PROPN", 2, "nsubj"),
            ("could", "could", "AUX", 2, "aux"),
            ("strike", "strike", "VERB", 2, "ROOT"),
        ]
    )
    assert realis_for(could[2]) == "hypothetical"


def test_planning_governs_its_object_noun() -> None:
    doc = parsed(
        [
            ("Iran", "Iran", "PROPN", 2, "nsubj"),
            ("is", "be", "AUX", 2, "aux"),
            ("planning", "plan", "VERB", 2, "ROOT"),
            ("an", "an", "DET", 4, "det"),
            ("attack", "attack", "NOUN", 2, "dobj"),
        ]
    )
    assert realis_for(doc[4]) == "planned"


def test_presupposing_governor_makes_the_noun_actual() -> None:
    # "in retaliation for a strike": the strike happened
    doc = parsed(
        [
            ("Iran", "Iran", "PROPN", 2, "nsubj"),
            ("is", "be", "AUX", 2, "aux"),
            ("planning", "plan", "VERB", 2, "ROOT"),
            ("raids", "raid", "NOUN", 2, "dobj"),
            ("in", "in", "ADP", 2, "prep"),
            ("retaliation", "retaliation", "NOUN", 4, "pobj"),
            ("for", "for", "ADP", 5, "prep"),
            ("a", "a", "DET", 8, "det"),
            ("strike", "strike", "NOUN", 6, "pobj"),
        ]
    )
    assert realis_for(doc[3]) == "planned"
    assert realis_for(doc[8]) == "actual"


def test_if_clause_and_its_main_clause_are_conditional() -> None:
    doc = parsed(
        [
            ("If", "if", "SCONJ", 2, "mark"),
            ("Serbia", "Serbia", "PROPN", 2, "nsubj"),
            ("attacks", "attack", "VERB", 5, "advcl"),
            (",", ",", "PUNCT", 5, "punct"),
            ("NATO", "NATO", "PROPN", 5, "nsubj"),
            ("strikes", "strike", "VERB", 5, "ROOT"),
        ]
    )
    assert realis_for(doc[2]) == "conditional"
    assert realis_for(doc[5]) == "conditional"


def test_threat_flags_make_the_complement_hypothetical() -> None:
    doc = parsed(
        [
            ("Hamas", "Hamas", "PROPN", 1, "nsubj"),
            ("threatened", "threaten", "VERB", 1, "ROOT"),
            ("to", "to", "PART", 3, "aux"),
            ("strike", "strike", "VERB", 1, "xcomp"),
        ]
    )
    assert realis_for(doc[1]) == "actual"
    assert realis_for(doc[3], {1: frozenset({"threat"})}) == "hypothetical"
    assert realis_for(doc[3], {1: frozenset({"claim"})}) == "actual"


def test_speech_verb_is_a_boundary() -> None:
    doc = parsed(
        [
            ("Officials", "official", "NOUN", 1, "nsubj"),
            ("feared", "fear", "VERB", 1, "ROOT"),
            ("Iran", "Iran", "PROPN", 3, "nsubj"),
            ("attacked", "attack", "VERB", 1, "ccomp"),
        ]
    )
    assert realis_for(doc[3]) == "hypothetical"
    said = parsed(
        [
            ("Officials", "official", "NOUN", 1, "nsubj"),
            ("said", "say", "VERB", 1, "ROOT"),
            ("Iran", "Iran", "PROPN", 3, "nsubj"),
            ("attacked", "attack", "VERB", 1, "ccomp"),
        ]
    )
    assert realis_for(said[3]) == "actual"


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Iran is planning a major attack on Israel.", "attack", "planned"),
        ("The army decided to attack the town.", "attack", "planned"),
        ("Any attack on Poland would trigger a response.", "attack", "hypothetical"),
        ("The upcoming visit to Beijing was cancelled.", "visit", "planned"),
        ("Troops stopped the attacks on the convoy.", "attacks", "actual"),
        ("Officials said the attacks, which have increased, must stop.", "attacks", "actual"),
        ("Failure to stop the attack could prompt a strike on Iraq.", "strike", "conditional"),
        ("Russia refused to withdraw its troops.", "withdraw", "negated"),
    ],
)
def test_parsed_sentences(nlp: Language, text: str, trigger: str, expected: str) -> None:
    doc = nlp(text)
    target: Token = next(t for t in doc if t.text == trigger)
    governors = {1: frozenset({"refuse"})} if "refused" in text else None
    assert realis_for(target, governors) == expected
