"""The event lexicon as data: valid PLOVER names, known flags, and lookups on hand-built parses."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from brinkwatch.extractors.event_lexicon import grammar, match_trigger, trigger_rules
from brinkwatch.records import EVENT_TYPES

FLAGS = {
    "sym",
    "weak",
    "needobj",
    "intent",
    "plan",
    "request",
    "threat",
    "refuse",
    "claim",
    "joint",
    "support",
    "undergo",
}
CONSTRAINTS = {"prt", "prep", "obj", "pobj", "mod", "head", "subj", "xcomp", "tag"}


def parsed(rows: list[tuple[str, str, str, int, str]]) -> Doc:
    words, lemmas, pos, heads, deps = zip(*rows, strict=True)
    return Doc(
        spacy.blank("en").vocab,
        words=list(words),
        lemmas=list(lemmas),
        pos=list(pos),
        heads=list(heads),
        deps=list(deps),
    )


def test_every_rule_names_a_plover_type_and_known_flags() -> None:
    rules = [rule for group in trigger_rules().values() for rule in group]
    assert len(rules) > 300
    for rule in rules:
        assert rule.event is None or rule.event in EVENT_TYPES, rule
        assert rule.pos in {"V", "N", "A"}, rule
        assert rule.flags <= FLAGS, rule
        assert {c.kind for c in rule.constraints} <= CONSTRAINTS, rule
    assert {r.event for r in rules} >= set(EVENT_TYPES)


def test_grammar_lists_are_words_and_types_keep_their_case() -> None:
    words = grammar()
    assert "on" in words.preps_for("ASSAULT")  # YAML would read a bare `on` as true
    assert "ASSAULT" in words["conflictual"]
    assert "AID" in words["theme_object_events"]
    assert {"say", "tell"} <= words["speech_verbs"]
    assert "warn" not in words["speech_verbs"]


def test_constrained_rule_wins_over_the_plain_one() -> None:
    doc = parsed(
        [
            ("Washington", "Washington", "PROPN", 1, "nsubj"),
            ("imposed", "impose", "VERB", 1, "ROOT"),
            ("sanctions", "sanction", "NOUN", 1, "dobj"),
        ]
    )
    found = match_trigger(doc[1])
    assert found is not None and found.rule.event == "SANCTION"
    assert [t.text for t in found.extra] == ["sanctions"]
    curfew = parsed(
        [
            ("Police", "police", "NOUN", 1, "nsubj"),
            ("imposed", "impose", "VERB", 1, "ROOT"),
            ("a", "a", "DET", 3, "det"),
            ("curfew", "curfew", "NOUN", 1, "dobj"),
        ]
    )
    found = match_trigger(curfew[1])
    assert found is not None and (found.rule.event, found.rule.mode) == ("COERCE", "curfew")


def test_light_and_speech_verbs_are_not_triggers() -> None:
    doc = parsed(
        [
            ("Iran", "Iran", "PROPN", 1, "nsubj"),
            ("said", "say", "VERB", 1, "ROOT"),
            ("it", "it", "PRON", 3, "nsubj"),
            ("launched", "launch", "VERB", 1, "ccomp"),
            ("an", "an", "DET", 5, "det"),
            ("attack", "attack", "NOUN", 3, "dobj"),
        ]
    )
    assert match_trigger(doc[1]) is None
    assert match_trigger(doc[3]) is None
    found = match_trigger(doc[5])
    assert found is not None and found.rule.event == "ASSAULT"


def test_hunger_strike_is_a_protest_not_an_attack() -> None:
    doc = parsed(
        [
            ("a", "a", "DET", 2, "det"),
            ("hunger", "hunger", "NOUN", 2, "compound"),
            ("strike", "strike", "NOUN", 2, "ROOT"),
        ]
    )
    found = match_trigger(doc[2])
    assert found is not None and (found.rule.event, found.rule.mode) == ("PROTEST", "strike-hun")
