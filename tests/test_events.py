"""Event coding: the tricky cases, each pinned with a sentence written for this test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from brinkwatch.records import Document, Event

pytestmark = pytest.mark.models

Extract = Callable[..., Document]


def events_of(extract: Extract, text: str, published: str = "2024-05-01") -> list[Event]:
    return extract(text, published=published).events


def find(
    events: list[Event],
    kind: str,
    actor: str | None = None,
    recipient: str | None = None,
    realis: str | None = None,
) -> list[Event]:
    return [
        e
        for e in events
        if e.event == kind
        and (actor is None or (e.actor is not None and e.actor.code == actor))
        and (recipient is None or (e.recipient is not None and e.recipient.code == recipient))
        and (realis is None or e.realis == realis)
    ]


# ---------------------------------------------------------------- reported speech


def test_reported_speech_codes_the_reported_act_not_the_speaker(extract: Extract) -> None:
    events = events_of(extract, "Iran said Israel attacked its consulate in Damascus.")
    assault = find(events, "ASSAULT", actor="ISR", realis="actual")
    assert assault, events
    assert assault[0].attribution is not None
    assert not find(events, "ACCUSE", actor="IRN")


def test_speech_verbs_are_not_events(extract: Extract) -> None:
    events = events_of(extract, "The Swedish minister told reporters on Monday that it was cold.")
    assert events == []


def test_warned_is_a_threat(extract: Extract) -> None:
    events = events_of(extract, "Turkey warned Greece that it would respond to any provocation.")
    assert find(events, "THREATEN", actor="TUR", recipient="GRC", realis="actual")


def test_accused_is_accuse_and_rejected_is_reject(extract: Extract) -> None:
    accused = events_of(extract, "Japan accused China of violating its airspace.")
    assert find(accused, "ACCUSE", actor="JPN", recipient="CHN")
    rejected = events_of(extract, "Egypt rejected an Ethiopian proposal for new talks.")
    assert find(rejected, "REJECT", actor="EGY", recipient="ETH")


# ---------------------------------------------------------------- non-events


@pytest.mark.parametrize(
    "text",
    [
        "The Russian embassy declined to comment, and the Kremlin did not respond.",
        "Neither the Foreign Ministry nor the French army provided comments.",
        "The Chinese embassy provided no details about the visit.",
    ],
)
def test_non_responses_are_no_events(extract: Extract, text: str) -> None:
    events = [e for e in events_of(extract, text) if e.realis == "actual"]
    assert events == []


def test_negated_event_is_never_actual(extract: Extract) -> None:
    events = events_of(extract, "Russia did not attack Finland.")
    assert find(events, "ASSAULT", actor="RUS")
    assert all(e.realis == "negated" for e in find(events, "ASSAULT"))


# ---------------------------------------------------------------- realis


def test_plan_is_not_an_attack(extract: Extract) -> None:
    events = events_of(extract, "Iran is planning a major attack on Israel from Iraqi territory.")
    assert find(events, "ASSAULT", actor="IRN", recipient="ISR", realis="planned")
    assert not find(events, "ASSAULT", realis="actual")


def test_could_prompt_is_hypothetical(extract: Extract) -> None:
    events = events_of(extract, "The move could prompt Turkey to launch a strike on Syria.")
    strikes = find(events, "ASSAULT", actor="TUR", recipient="SYR")
    assert strikes
    assert all(e.realis in ("hypothetical", "conditional") for e in strikes)


def test_if_clause_is_conditional(extract: Extract) -> None:
    events = events_of(extract, "If Serbia attacks Kosovo, the alliance will respond.")
    assert all(e.realis == "conditional" for e in find(events, "ASSAULT", actor="SRB"))
    assert find(events, "ASSAULT", actor="SRB")


def test_threat_to_strike_is_a_threat_not_a_strike(extract: Extract) -> None:
    events = events_of(extract, "North Korea threatened to strike Japan.")
    assert find(events, "THREATEN", actor="PRK", recipient="JPN", realis="actual")
    assert not find(events, "ASSAULT", realis="actual")


def test_deterring_an_attack_is_hypothetical(extract: Extract) -> None:
    events = events_of(extract, "Washington aims to deter any Russian attack on Poland.")
    attacks = find(events, "ASSAULT", actor="RUS", recipient="POL")
    assert attacks
    assert attacks[0].realis == "hypothetical"


def test_urge_to_halt_codes_the_request_and_the_asserted_attacks(extract: Extract) -> None:
    text = "France urged Mali to halt attacks on Niger, which have intensified this month."
    events = events_of(extract, text)
    assert find(events, "REQUEST", actor="FRA", recipient="MLI", realis="actual")
    assert find(events, "ASSAULT", recipient="NER", realis="actual")


def test_instruction_to_prepare_an_attack(extract: Extract) -> None:
    text = "Putin instructed the Russian army to prepare for an attack on Ukraine."
    events = events_of(extract, text)
    assert find(events, "REQUEST", actor="RUS", realis="actual")
    assert find(events, "ASSAULT", recipient="UKR", realis="planned")


# ---------------------------------------------------------------- nominal events


def test_nominal_strike_with_demonym_and_date(extract: Extract) -> None:
    text = "The Israeli strike on Iranian air defences on April 19 angered Tehran."
    strikes = find(events_of(extract, text), "ASSAULT", actor="ISR", recipient="IRN")
    assert strikes
    assert strikes[0].realis == "actual"
    assert strikes[0].date == "2024-04-19"
    assert strikes[0].event_text == "strike"


def test_nominal_events_are_less_certain_than_verbal_ones(extract: Extract) -> None:
    nominal = find(events_of(extract, "The Russian attack on Ukraine shocked Europe."), "ASSAULT")
    verbal = find(events_of(extract, "Russia attacked Ukraine."), "ASSAULT")
    assert nominal and verbal
    assert nominal[0].confidence < verbal[0].confidence


# ---------------------------------------------------------------- participants


def test_pronoun_subject_takes_its_antecedent(extract: Extract) -> None:
    events = events_of(extract, "Syria says it is willing to withdraw its troops from Lebanon.")
    assert find(events, "AGREE", actor="SYR")
    assert find(events, "RETREAT", actor="SYR", realis="planned")


def test_one_party_event_keeps_its_actor(extract: Extract) -> None:
    events = events_of(extract, "Russia mobilized its reserves on Tuesday.")
    mobilized = find(events, "MOBILIZE", actor="RUS")
    assert mobilized
    assert mobilized[0].recipient is None


def test_several_events_in_one_sentence(extract: Extract) -> None:
    text = "Pakistani troops shelled Indian positions and India sent reinforcements to the border."
    events = events_of(extract, text)
    assert find(events, "ASSAULT", actor="PAK", recipient="IND")
    assert find(events, "MOBILIZE", actor="IND")


def test_coordinated_actors_each_get_an_event(extract: Extract) -> None:
    events = events_of(extract, "France and Germany urged Iran to release the prisoners.")
    assert find(events, "REQUEST", actor="FRA", recipient="IRN")
    assert find(events, "REQUEST", actor="DEU", recipient="IRN")


def test_passive_uses_the_agent(extract: Extract) -> None:
    events = events_of(extract, "Ukrainian troops were attacked by Russian forces near Kharkiv.")
    assert find(events, "ASSAULT", actor="RUS", recipient="UKR")


# ---------------------------------------------------------------- statements


def test_announced_future_cooperation_is_agree(extract: Extract) -> None:
    events = events_of(extract, "Japan said it will provide aid to Ukraine.")
    assert find(events, "AGREE", actor="JPN", recipient="UKR", realis="actual")
    assert find(events, "AID", actor="JPN", recipient="UKR", realis="planned")


def test_must_in_reported_speech_is_a_request(extract: Extract) -> None:
    events = events_of(extract, "Britain said Iran must release the tanker.")
    assert find(events, "REQUEST", actor="GBR", recipient="IRN")


def test_refusal_negates_the_refused_act(extract: Extract) -> None:
    events = events_of(extract, "Hungary refused to send weapons to Ukraine.")
    assert find(events, "REJECT", actor="HUN", recipient="UKR")
    assert not find(events, "AID", realis="actual")


def test_event_fields_are_complete(extract: Extract) -> None:
    doc = extract("Russia attacked Ukraine on Monday.", published="2024-05-01")
    (event,) = find(doc.events, "ASSAULT")
    assert event.id == "t:e1"
    assert doc.text_sha256
    assert event.sentence_span == (0, 34)
    assert event.span == (7, 15)
    assert 0.0 < event.confidence <= 1.0
    assert event.context
