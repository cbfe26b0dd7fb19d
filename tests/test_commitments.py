"""Red lines: each conditional form, the parties and pronouns, the polarity rule, the seed."""

from __future__ import annotations

import pytest

from brinkwatch.extractors.commitment_patterns import markers
from brinkwatch.records import Commitment, Document

pytestmark = pytest.mark.models


def only(doc: Document) -> Commitment:
    assert len(doc.commitments) == 1, [c.consequence.text for c in doc.commitments]
    return doc.commitments[0]


def codes(c: Commitment) -> tuple[str | None, str | None]:
    return c.issuer.code, c.addressee.code if c.addressee else None


def event_of(clause_event: object) -> tuple[object, ...]:
    event = getattr(clause_event, "event", None)
    if event is None:
        return (None, None, None)
    actor, recipient = event.actor, event.recipient
    return (event.event, actor.code if actor else None, recipient.code if recipient else None)


def test_markers_load_from_data() -> None:
    words = markers()
    assert words.condition_marks["unless"] is True
    assert words.condition_marks["if"] is False
    assert words.condition_nouns["failure"] is True
    assert "influence" in words.modulation_verbs


def test_if_clause_with_pronouns_read_from_the_parties(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        '"If you attack our ships again, we will strike your ports," '
        "a Greek official told Turkish diplomats."
    )
    c = only(doc)
    assert codes(c) == ("GRC", "TUR")
    assert c.polarity == "threat"
    assert c.condition.text == "you attack our ships again"
    assert event_of(c.condition) == ("ASSAULT", "TUR", "GRC")
    assert event_of(c.consequence) == ("ASSAULT", "GRC", "TUR")
    assert c.status == "pending"
    assert c.attribution is not None
    assert c.attribution in {a.id for a in doc.attributions}


def test_consequence_before_its_condition(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        "Greek officials said Athens would impose sanctions on Turkey "
        "if Ankara sent more drilling vessels."
    )
    c = only(doc)
    assert codes(c) == ("GRC", "TUR")
    assert c.consequence.text.startswith("Athens would impose sanctions")
    assert c.condition.text == "Ankara sent more drilling vessels"
    assert event_of(c.consequence) == ("SANCTION", "GRC", "TUR")
    assert c.polarity == "threat"


def test_any_attack_will_be_met_with_a_response(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        "Egypt warned Ethiopia that any attempt to fill the dam would be met with "
        "a military response, an Egyptian official said."
    )
    c = only(doc)
    assert codes(c) == ("EGY", "ETH")
    assert c.condition.text == "any attempt to fill the dam"
    # nobody named responds: the issuer does, against the addressee
    assert event_of(c.consequence) == ("ASSAULT", "EGY", "ETH")
    assert c.polarity == "threat"


def test_unless_and_withheld_talks_are_a_threat(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        '"Unless Belgrade withdraws its troops, we will not resume talks," a Kosovo minister said.'
    )
    c = only(doc)
    assert c.addressee is not None and c.addressee.code == "SRB"
    assert c.condition.text == "Belgrade withdraws its troops"
    assert c.polarity == "threat"


def test_inverted_should_and_a_conditional_offer(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        '"Should Moscow halt its offensive, Ukraine will consider a ceasefire," '
        "Ukrainian President Volodymyr Zelensky said."
    )
    c = only(doc)
    assert codes(c) == ("UKR", "RUS")
    assert c.polarity == "promise"
    assert event_of(c.consequence)[0] == "AGREE"


def test_failure_to_prevent_could_prompt_a_third_party(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        "Washington has warned the Lebanese government that failure to stop rocket fire "
        "from its territory could prompt Israel to launch strikes on Lebanon, "
        "two US officials said."
    )
    c = only(doc)
    assert codes(c) == ("USA", "LBN")
    assert c.condition.text.startswith("failure to stop rocket fire")
    event, actor, recipient = event_of(c.consequence)
    assert (event, actor, recipient) == ("ASSAULT", "ISR", "LBN")  # not the threatener
    assert c.polarity == "threat"


def test_modulated_response_in_reported_speech(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        "Japanese officials told Reuters that China's acceptance of a ceasefire "
        "could influence the scale of Japan's response."
    )
    c = only(doc)
    assert codes(c) == ("JPN", "CHN")
    assert c.condition.text.startswith("China's acceptance of a ceasefire")
    assert c.polarity == "promise"  # a de-escalating condition modulates the response


def test_threatened_to_with_if_and_a_pronoun_target(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract("Iran threatened to strike Israel if it attacked Iranian nuclear sites.")
    c = only(doc)
    assert codes(c) == ("IRN", "ISR")  # "it" is the one threatened, not the threatener
    assert event_of(c.condition)[:2] == ("ASSAULT", "ISR")
    assert event_of(c.consequence) == ("ASSAULT", "IRN", "ISR")
    assert c.polarity == "threat"


def test_inverted_should_after_the_consequence(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        'China warned that it would take "resolute measures" should Taiwan declare independence.'
    )
    c = only(doc)
    assert codes(c) == ("CHN", "TWN")
    assert "Taiwan declare independence" in c.condition.text
    assert c.polarity == "threat"


def test_a_forecast_is_no_commitment(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract("Analysts said that if rates rise, stock prices could fall sharply.")
    assert doc.commitments == []


def test_journalists_own_if_is_no_commitment(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract("If the talks fail, fighting could resume in the spring.")
    assert doc.commitments == []


def test_reported_habit_without_modal_is_no_commitment(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract("Officials said that if the river flooded, the villagers moved uphill.")
    assert doc.commitments == []


def test_they_is_the_third_party_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    doc = extract(
        "Sudan's army accused Chad of arming rebels. "
        '"If they stop arming the rebels, we will reopen the border," the army spokesman said.'
    )
    c = only(doc)
    assert c.issuer.code == "SDN"
    assert c.addressee is not None and c.addressee.code == "TCD"
    assert event_of(c.consequence)[1] == "SDN"  # "we"
    assert c.polarity == "promise"


def test_seed_red_lines(seed_record: Document) -> None:
    found = seed_record.commitments
    us = [c for c in found if codes(c) == ("USA", "IRQ")]
    assert len(us) == 2, [c.consequence.text for c in found]
    for c in us:
        assert c.polarity == "threat"
        assert event_of(c.consequence) == ("ASSAULT", "ISR", "IRQ")
        assert c.attribution is not None
    texts = " ".join(c.consequence.text for c in us)
    assert "prompt Israel to launch a retaliatory strike on Iraq" in texts
    assert "stop Israel from striking Iraq" in texts
    iran = [c for c in found if c.issuer.code == "IRN"]
    assert iran, [codes(c) for c in found]
    for c in iran:
        assert c.addressee is not None and c.addressee.code == "ISR"
        assert c.polarity == "promise"
        assert "ceasefires" in c.condition.text
    assert any(c.date == "2024-11-03" for c in iran)
