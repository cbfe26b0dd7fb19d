"""The seed report must yield the events the mission names, and no non-response events."""

from __future__ import annotations

import pytest

from brinkwatch.records import Document, Event

pytestmark = pytest.mark.models


def pick(
    doc: Document,
    kind: str | tuple[str, ...],
    actor: str | None = None,
    recipient: str | None = None,
    realis: str | None = None,
) -> list[Event]:
    kinds = (kind,) if isinstance(kind, str) else kind
    return [
        e
        for e in doc.events
        if e.event in kinds
        and (actor is None or (e.actor is not None and e.actor.code == actor))
        and (recipient is None or (e.recipient is not None and e.recipient.code == recipient))
        and (realis is None or e.realis == realis)
    ]


def sentence_with(doc: Document, text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    spans = {e.sentence_span for e in doc.events}
    for lo, hi in spans:
        if lo <= start < hi:
            return lo, hi
    return start, start + len(words)


def test_us_warns_iraq(seed_record: Document) -> None:
    assert pick(seed_record, "THREATEN", "USA", "IRQ", "actual")


def test_iran_plans_an_attack_from_iraq(seed_record: Document) -> None:
    planned = pick(seed_record, "ASSAULT", "IRN", "ISR", "planned")
    assert any(e.location is not None and e.location.country == "IRQ" for e in planned)
    assert not pick(seed_record, "ASSAULT", "IRN", "ISR", "actual")


def test_israeli_strike_on_october_25(seed_record: Document) -> None:
    strikes = pick(seed_record, "ASSAULT", "ISR", "IRN", "actual")
    assert any(e.date == "2024-10-25" for e in strikes)


def test_irgc_arms_militias_in_iraq(seed_record: Document) -> None:
    moved = [
        e
        for e in pick(seed_record, ("AID", "MOBILIZE"), "IRN", "IRQ")
        if e.actor is not None and e.actor.sector == "MIL"
    ]
    assert moved
    assert moved[0].recipient is not None and moved[0].recipient.sector not in (None, "GOV")


def test_us_warns_iran_to_refrain(seed_record: Document) -> None:
    assert pick(seed_record, ("THREATEN", "REQUEST"), "USA", "IRN")


def test_sullivan_then_blinken_consult_al_sudani(seed_record: Document) -> None:
    dates = {e.date for e in pick(seed_record, "CONSULT", "USA", "IRQ", "actual")}
    assert {"2024-11-03", "2024-11-04"} <= dates


def test_they_urge_a_halt_to_militia_attacks(seed_record: Document) -> None:
    assert len(pick(seed_record, "REQUEST", "USA", "IRQ", "actual")) >= 2
    attacks = pick(seed_record, "ASSAULT", "IRQ", "USA", "actual")
    assert attacks


def test_khamenei_orders_preparations(seed_record: Document, seed_text: str) -> None:
    lo, hi = sentence_with(seed_record, seed_text, "instructed the Supreme National")
    inside = [e for e in seed_record.events if e.sentence_span == (lo, hi)]
    assert any(e.event == "REQUEST" and e.actor and e.actor.code == "IRN" for e in inside)
    assert any(e.event == "ASSAULT" and e.realis == "planned" for e in inside)


def test_israel_is_on_high_readiness(seed_record: Document) -> None:
    assert pick(seed_record, "MOBILIZE", "ISR", realis="actual")


def test_pezeshkian_speaks_conditionally(seed_record: Document, seed_text: str) -> None:
    lo, hi = sentence_with(seed_record, seed_text, "If they reconsider")
    inside = [e for e in seed_record.events if e.sentence_span == (lo, hi)]
    assert inside
    assert all(e.realis == "conditional" for e in inside)


def test_no_event_from_non_responses(seed_record: Document, seed_text: str) -> None:
    start = seed_text.index("Neither the White House")
    end = seed_text.index("did not respond") + len("did not respond")
    assert not [e for e in seed_record.events if start <= e.span[0] < end]


def test_no_event_is_dated_by_the_publication_date_alone(seed_record: Document) -> None:
    assert all(e.date is None or e.date_text for e in seed_record.events)
