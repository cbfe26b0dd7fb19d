"""Who acts and whom it is aimed at: participants the event coder reads off the parse.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.tokens import Doc

from brinkwatch.extractors.event_args import is_passive, misparsed_subject, patients, subjects
from brinkwatch.records import Document, Event

Extract = Callable[..., Document]


def events_of(extract: Extract, text: str) -> list[Event]:
    return extract(text, published="2024-05-01").events


def coded(events: list[Event], kind: str) -> set[tuple[str | None, str | None]]:
    """(actor code, recipient code) of every event of ``kind``."""
    return {
        (e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
        for e in events
        if e.event == kind
    }


def parsed(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """A hand-built parse: (word, lemma, pos, tag, head index, dep) per token."""
    words, lemmas, pos, tags, heads, deps = zip(*rows, strict=True)
    return Doc(
        spacy.blank("en").vocab,
        words=list(words),
        lemmas=list(lemmas),
        pos=list(pos),
        tags=list(tags),
        heads=list(heads),
        deps=list(deps),
    )


# ---------------------------------------------------------------- parse repairs (no model)


def test_a_predicate_hung_under_a_noun_root_has_that_noun_as_subject() -> None:
    # "Local newspaper urged readers to vote": the parser made "urged" a participle of the root
    doc = parsed(
        [
            ("Local", "local", "ADJ", "JJ", 1, "amod"),
            ("newspaper", "newspaper", "NOUN", "NN", 1, "ROOT"),
            ("urged", "urge", "VERB", "VBN", 1, "acl"),
            ("readers", "reader", "NOUN", "NNS", 2, "dobj"),
            ("to", "to", "PART", "TO", 5, "aux"),
            ("vote", "vote", "VERB", "VB", 2, "xcomp"),
        ]
    )
    root = misparsed_subject(doc[2])
    assert root is not None and root.i == 1
    assert [t.i for t in subjects(doc[2])] == [1]
    assert patients(doc[2]) == []


def test_a_headline_passive_without_an_auxiliary_keeps_its_subject_as_the_patient() -> None:
    # "Four guards killed in ambush"
    doc = parsed(
        [
            ("Four", "four", "NUM", "CD", 1, "nummod"),
            ("guards", "guard", "NOUN", "NNS", 2, "nsubj"),
            ("killed", "kill", "VERB", "VBN", 2, "ROOT"),
            ("in", "in", "ADP", "IN", 2, "prep"),
            ("ambush", "ambush", "NOUN", "NN", 3, "pobj"),
        ]
    )
    assert is_passive(doc[2])
    assert subjects(doc[2]) == []
    assert [t.i for t in patients(doc[2])] == [1]
    # a participle without an object under a noun is still a passive modifier
    assert misparsed_subject(doc[2]) is None


# ---------------------------------------------------------------- attacks launched at targets


@pytest.mark.models
@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Iran launched ballistic missiles at Israeli air bases overnight.", "IRN", "ISR"),
        ("North Korea fired artillery shells toward South Korean islands.", "PRK", "KOR"),
        ("Iranian forces launched an attack on Israel from Syria.", "IRN", "ISR"),
    ],
)
def test_launching_weapons_or_attacks_at_a_target_is_an_assault_on_it(
    extract: Extract, text: str, actor: str, recipient: str
) -> None:
    assert (actor, recipient) in coded(events_of(extract, text), "ASSAULT")


@pytest.mark.models
def test_a_participle_describing_the_target_names_its_owner_and_is_no_event(
    extract: Extract,
) -> None:
    events = events_of(extract, "Israel destroyed warehouses supplying Hezbollah fighters.")
    assert coded(events, "ASSAULT") == {("ISR", "LBN")}
    assert not coded(events, "AID")  # the warehouses supply, not Israel
    used = events_of(extract, "Turkish jets bombed depots used by Syrian troops.")
    assert ("TUR", "SYR") in coded(used, "ASSAULT")


@pytest.mark.models
def test_a_named_place_after_from_is_where_an_attack_came_from(extract: Extract) -> None:
    events = events_of(extract, "Iranian forces launched an attack on Israel from Syria.")
    assert {a for a, _ in coded(events, "ASSAULT")} == {"IRN"}


# ---------------------------------------------------------------- recipients


@pytest.mark.models
def test_a_call_for_sanctions_is_aimed_at_their_target(extract: Extract) -> None:
    events = events_of(extract, "The archbishop called for sanctions against Myanmar.")
    assert (None, "MMR") in coded(events, "REQUEST")  # the archbishop is no Burmese


@pytest.mark.models
def test_a_time_after_on_is_neither_argument_nor_recipient(extract: Extract) -> None:
    events = events_of(extract, "Germany called on Monday for talks with Iran.")
    assert ("DEU", "IRN") in coded(events, "REQUEST")
    conceded = events_of(extract, "The Kenyan government on Friday accepted demands from doctors.")
    assert ("KEN", "KEN") in coded(conceded, "CONCEDE")
    (concede,) = [e for e in conceded if e.event == "CONCEDE"]
    assert concede.recipient is not None and concede.recipient.text == "doctors"


@pytest.mark.models
def test_a_possessive_pronoun_on_the_target_is_not_the_attacker(extract: Extract) -> None:
    events = events_of(extract, "Iran said Israel had bombed its embassy in Damascus.")
    assert ("ISR", "IRN") in coded(events, "ASSAULT")


@pytest.mark.models
def test_the_party_inside_an_object_is_the_recipient_not_the_actors_own_pronoun(
    extract: Extract,
) -> None:
    text = "The Chadian president reneged on his commitment to Sudanese refugees."
    assert ("TCD", "SDN") in coded(events_of(extract, text), "REJECT")


@pytest.mark.models
def test_arrests_on_charges_are_accusations_by_the_arresting_side(extract: Extract) -> None:
    text = "Egyptian police arrested five Sudanese traders on charges of smuggling."
    assert ("EGY", "SDN") in coded(events_of(extract, text), "ACCUSE")


@pytest.mark.models
def test_what_one_comes_or_is_put_under_is_done_to_them(extract: Extract) -> None:
    attacked = events_of(extract, "Israeli troops came under fire from Hezbollah fighters.")
    assert ("LBN", "ISR") in coded(attacked, "ASSAULT")
    arrested = events_of(extract, "Police placed the Kenyan opposition leader under arrest.")
    assert any(r == "KEN" for _, r in coded(arrested, "COERCE"))


@pytest.mark.models
def test_passive_headlines_and_withdrawals(extract: Extract) -> None:
    killed = events_of(extract, "Two policemen killed by gunmen in Karachi.")
    (assault,) = [e for e in killed if e.event == "ASSAULT"]
    assert assault.actor is not None and assault.actor.sector == "UAF"
    assert assault.recipient is not None and assault.recipient.sector == "COP"
    withdrawn = events_of(extract, "French troops were withdrawn from Mali.")
    assert ("FRA", "MLI") in coded(withdrawn, "RETREAT")


@pytest.mark.models
def test_a_bare_conjunct_shares_the_country_of_the_first(extract: Extract) -> None:
    events = events_of(extract, "Russian jets and helicopters bombed rebel positions.")
    assault = [e for e in events if e.event == "ASSAULT"]
    assert {e.actor.text for e in assault if e.actor} == {"Russian jets", "helicopters"}
    assert {e.actor.code for e in assault if e.actor} == {"RUS"}


@pytest.mark.models
def test_a_non_state_actor_does_not_take_an_international_forces_code(
    extract: Extract,
) -> None:
    text = "The rebels rejected the deployment of an international peacekeeping force."
    assert (None, "IGO") in coded(events_of(extract, text), "REJECT")


# ---------------------------------------------------------------- locations


@pytest.mark.models
def test_a_demonym_in_a_participant_is_not_where_it_happened(extract: Extract) -> None:
    (assault,) = [
        e
        for e in events_of(extract, "Militias fired rockets at US forces in Iraq.")
        if e.event == "ASSAULT"
    ]
    assert assault.location is not None and assault.location.country == "IRQ"
    (killed,) = [
        e
        for e in events_of(extract, "An anti-Iranian cleric was shot dead in Baghdad.")
        if e.event == "ASSAULT"
    ]
    assert killed.recipient is not None and killed.recipient.code != "IRN"


@pytest.mark.models
def test_they_after_coordinated_subjects_is_each_of_them(extract: Extract) -> None:
    events = events_of(extract, "India and Pakistan said they had agreed to a ceasefire.")
    assert {a for a, _ in coded(events, "AGREE")} == {"IND", "PAK"}
