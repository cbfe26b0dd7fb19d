"""Actor coding conventions: ethnic groups, roles around names, modifiers, caches.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import spacy

from brinkwatch.extractors.actors import (
    document_text,
    find_mentions,
    is_ethnic_group,
    only_modifies,
    resolve_text,
)
from brinkwatch.records import Document, Event

Extract = Callable[..., Document]


def test_an_ethnic_group_is_not_coded_as_the_state_of_its_name() -> None:
    found = find_mentions("Ethnic Serbs marched through the town.", None)
    (serbs,) = [m for m in found if "Serbs" in m.text]
    assert serbs.text == "Ethnic Serbs"
    assert serbs.code is None and serbs.sector is not None
    assert is_ethnic_group(serbs)
    (armenians,) = find_mentions("Armenian militiamen crossed the river.", None)
    assert armenians.code == "ARM" and not is_ethnic_group(armenians)


def test_a_title_inside_a_parser_name_does_not_hide_the_name() -> None:
    (bishop,) = find_mentions("Bishop Tomas Rivera called for calm.", None, [(0, 19)])
    assert (bishop.name, bishop.sector, bishop.code) == ("Tomas Rivera", "CHR", None)


def test_an_organisation_named_before_a_persons_role_is_whom_they_act_for() -> None:
    envoy = resolve_text("U.N. envoy Jake Sullivan", dt.date(2024, 5, 1))
    assert envoy is not None and (envoy.code, envoy.name) == ("IGO", "Jake Sullivan")
    adviser = resolve_text("Jake Sullivan", dt.date(2024, 5, 1))
    assert adviser is not None and adviser.code == "USA"


def test_a_title_prefers_the_exact_office_to_a_lesser_one_of_the_same_name() -> None:
    minister = resolve_text("Iranian Foreign Minister Abbas Araghchi", None)
    assert minister is not None and minister.office == "Foreign Minister"


def test_multinational_forces_are_international_even_in_lower_case() -> None:
    (force,) = find_mentions("A regional peacekeeping force arrived on Monday.", None)
    assert (force.code, force.sector) == ("IGO", "MIL")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("an anti-Syria journalist", "Syria", True),
        ("pro-Iranian militias", "Iranian", True),
        ("Russian-made drones", "Russian", True),
        ("Russian drones", "Russian", False),
        ("the Syria talks", "Syria", False),
    ],
)
def test_a_name_that_only_modifies(text: str, word: str, expected: bool) -> None:
    start = text.index(word)
    assert only_modifies(text, start, start + len(word)) is expected


def test_resolve_text_answers_from_its_cache_with_fresh_copies() -> None:
    first = resolve_text("two Turkish officials", None)
    assert first is not None and first.code == "TUR"
    first.code = "XXX"
    again = resolve_text("two Turkish officials", None)
    assert again is not None and again.code == "TUR"


def test_document_text_is_the_text_of_the_doc_built_once() -> None:
    nlp = spacy.blank("en")
    one, two = nlp("Iran and Iraq met."), nlp("Chile protested.")
    assert document_text(one) == one.text
    assert document_text(one) is document_text(one)
    assert document_text(two) == "Chile protested."


# ---------------------------------------------------------------- in events (the model)


def parties(extract: Extract, text: str, kind: str) -> list[Event]:
    return [e for e in extract(text, published="2024-05-01").events if e.event == kind]


@pytest.mark.models
def test_ethnic_groups_are_coded_where_they_live(extract: Extract) -> None:
    (detained,) = parties(
        extract, "Police detained ethnic Uzbeks in southern Kyrgyzstan.", "COERCE"
    )
    assert detained.recipient is not None and detained.recipient.code == "KGZ"
    (rally,) = parties(extract, "Ethnic Hungarians rallied in Bratislava.", "PROTEST")
    assert rally.actor is not None and rally.actor.code == "SVK"


@pytest.mark.models
def test_a_group_named_by_its_country_keeps_it_where_it_lives(extract: Extract) -> None:
    text = "Chadian police detained Sudanese refugees in N'Djamena."
    (detained,) = parties(extract, text, "COERCE")
    assert detained.recipient is not None and detained.recipient.code == "SDN"


@pytest.mark.models
def test_an_appositive_role_codes_an_unknown_name(extract: Extract) -> None:
    text = "Pedro Alvarez, a senior Chilean diplomat, met Iranian officials in Geneva."
    (met,) = parties(extract, text, "CONSULT")
    assert met.actor is not None and (met.actor.code, met.actor.text) == ("CHL", "Pedro Alvarez")


@pytest.mark.models
def test_a_named_person_does_not_take_the_country_they_act_against(extract: Extract) -> None:
    text = "Archbishop Tomas Rivera called for sanctions against Nigeria."
    for event in parties(extract, text, "REQUEST"):
        assert event.actor is not None and event.actor.code != "NGA"
