"""The actor layer: dictionary look-ups, dated roles, nesting, coreference, Phoenix import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from brinkwatch.extractors.actors import actor_for_span, extract_actors, find_mentions, resolve_text
from brinkwatch.extractors.actors_dictionary import ActorDictionary, actor_dictionary
from brinkwatch.extractors.actors_phoenix import load_phoenix, parse_code
from brinkwatch.extractors.base import Extraction
from brinkwatch.records import Document

D2024 = dt.date(2024, 11, 5)


def code_of(text: str, when: dt.date | None = D2024) -> tuple[str | None, str | None]:
    entity = resolve_text(text, when)
    assert entity is not None, text
    return entity.code, entity.sector


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("two US officials", "USA", "GOV"),
        ("US and Israeli officials", "USA", "GOV"),
        ("an Israeli military source", "ISR", "MIL"),
        ("the Iraqi embassy in Washington", "IRQ", "GOV"),
        ("the State Department", "USA", "GOV"),
        ("the Biden administration", "USA", "GOV"),
        ("Tehran", "IRN", "GOV"),
        ("Moscow", "RUS", "GOV"),
        ("Rwandan rebels", "RWA", "REB"),
        ("the Panamanian army", "PAN", "MIL"),
        ("police", None, "COP"),
        ("Shiite militias in Iraq", "IRQ", "REB"),
        ("Iraq", "IRQ", None),
        ("the UN nuclear watchdog", "IGO", None),
        ("NATO", "IGO", "MIL"),
        ("UN peacekeepers", "IGO", "MIL"),
        ("Lebanon's new President", "LBN", "GOV"),
    ],
)
def test_dictionary_codes_names_titles_and_role_nouns(
    text: str, code: str | None, sector: str | None
) -> None:
    assert code_of(text) == (code, sector)


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Iran's Revolutionary Guard Corps", "IRN", "MIL"),
        ("the IRGC", "IRN", "MIL"),
        ("the Quds Force", "IRN", "MIL"),
        ("Hezbollah", "LBN", "REB"),
        ("the Houthis", "YEM", "REB"),
        ("Ansar Allah", "YEM", "REB"),
        ("Hamas", "PSE", "REB"),
        ("Kataib Hezbollah", "IRQ", "REB"),
        ("the Islamic Resistance in Iraq", "IRQ", "REB"),
        ("the Supreme National Security Council", "IRN", "GOV"),
    ],
)
def test_nested_organisations_resolve_to_their_state(text: str, code: str, sector: str) -> None:
    assert code_of(text) == (code, sector)


def test_a_country_that_only_modifies_is_not_the_actor() -> None:
    assert code_of("pro-Iranian militias in Iraq")[0] == "IRQ"
    assert (
        resolve_text("Russian-made drones", D2024) is None
        or code_of("Russian-made drones")[0] is None
    )


def test_qualified_titles_and_institutions_of_people() -> None:
    former = resolve_text("the former Iraqi prime minister", D2024)
    assert former is not None and (former.code, former.sector, former.name) == ("IRQ", "ELI", None)
    deputy = resolve_text("the deputy Iraqi prime minister", D2024)
    assert deputy is not None and (deputy.code, deputy.name, deputy.office) == ("IRQ", None, None)
    institution = resolve_text("the Netanyahu government", D2024)
    assert institution is not None
    assert (institution.code, institution.sector, institution.name) == ("ISR", "GOV", None)
    people = resolve_text("Bosnian Serbs", None)
    assert people is not None and people.code == "BIH"


def test_the_title_picks_the_role_when_a_person_held_several() -> None:
    pm = resolve_text("Prime Minister Ismail Haniyeh", None)
    leader = resolve_text("Ismail Haniyeh", None)
    assert pm is not None and (pm.sector, pm.office) == ("GOV", "Prime Minister")
    assert leader is not None and leader.sector == "REB"


def test_titles_resolve_to_the_holder_at_the_event_date() -> None:
    then = resolve_text("the Iraqi prime minister", dt.date(2019, 6, 1))
    now = resolve_text("Iraq's prime minister", D2024)
    assert then is not None and now is not None
    assert then.name == "Adil Abdul-Mahdi"
    assert (now.code, now.sector, now.name, now.office) == (
        "IRQ",
        "GOV",
        "Mohammed Shia al-Sudani",
        "Prime Minister",
    )
    adviser_2019 = resolve_text("the US national security adviser", dt.date(2019, 6, 1))
    adviser_2024 = resolve_text("the US national security adviser", D2024)
    assert adviser_2019 is not None and adviser_2019.name == "John Bolton"
    assert adviser_2024 is not None and adviser_2024.name == "Jake Sullivan"


def test_offices_of_international_organisations_resolve_to_their_holder() -> None:
    chief = resolve_text("the NATO chief", dt.date(2020, 3, 1))
    assert chief is not None
    assert (chief.code, chief.name, chief.office) == (
        "IGO",
        "Jens Stoltenberg",
        "NATO Secretary-General",
    )
    later = resolve_text("the NATO chief", dt.date(2025, 3, 1))
    assert later is not None and later.name == "Mark Rutte"


def test_named_person_gets_name_office_and_text() -> None:
    entity = resolve_text("Secretary of State Antony Blinken", D2024)
    assert entity is not None
    assert (entity.code, entity.sector, entity.name, entity.office) == (
        "USA",
        "GOV",
        "Antony Blinken",
        "Secretary of State",
    )
    assert entity.text == "Secretary of State Antony Blinken"
    assert entity.span == (0, len(entity.text))
    former = resolve_text("Antony Blinken", dt.date(2025, 6, 1))
    assert former is not None and (former.code, former.sector) == ("USA", "ELI")


def test_unknown_name_after_a_title_is_coded_by_title_and_country() -> None:
    entity = resolve_text("Moldovan Prime Minister Ion Placinta", D2024)
    assert entity is not None
    assert (entity.code, entity.sector, entity.name) == ("MDA", "GOV", "Ion Placinta")


def test_surname_after_a_title_finds_the_person() -> None:
    entity = resolve_text("President Zelensky", D2024)
    assert entity is not None and (entity.code, entity.name) == ("UKR", "Volodymyr Zelensky")


def test_coreference_of_repeats_pronouns_and_descriptions() -> None:
    text = (
        "Iranian Foreign Minister Abbas Araghchi flew to Muscat on Monday. "
        "Araghchi said he would carry a message from his country's leadership. "
        "Two Omani officials met the minister, and the officials later briefed reporters. "
        "Houthi fighters fired drones at ships, and they said more would follow. "
        "President Joe Biden spoke later; his administration declined to comment."
    )
    mentions = find_mentions(text, D2024)
    by_text = {m.text: m for m in mentions}
    assert by_text["Araghchi"].name == "Abbas Araghchi"
    assert (by_text["he"].code, by_text["he"].name) == ("IRN", "Abbas Araghchi")
    assert (by_text["his country"].code, by_text["his country"].sector) == ("IRN", None)
    assert by_text["minister"].code == "IRN"
    assert by_text["officials"].code == "OMN"
    assert (by_text["they"].code, by_text["they"].sector) == ("YEM", "REB")
    assert (by_text["administration"].code, by_text["administration"].sector) == ("USA", "GOV")
    assert all(m.span[1] - m.span[0] == len(m.text) for m in mentions)
    assert [m.span for m in mentions] == sorted(m.span for m in mentions)


def test_phoenix_codes() -> None:
    assert parse_code("IRNGOV") == ("IRN", "GOV")
    assert parse_code("IGOUNOREFHCR") == ("IGO", "REF")
    assert parse_code("AFG") == ("AFG", None)
    assert parse_code("ELI") == (None, "ELI")


PHOENIX_SAMPLE = """\
# a hand-written sample in the PETRARCH dictionary format
!OFFICER! = OFFICER, OFFICERS
EREWHON_  [ERW]
+ERWHONIA_
+NOWHERE_CITY_
JANE_ROE_
+PRESIDENT_ROE
+J._ROE
    [ERWELI 800101-100301]
    [ERWGOV 100301-20160615]
    [ERWOPP >20160615]
ERW_RESISTANCE_FRONT_ [ERWREB] # a comment
TRUCK_DRIVER [~LAB]
CUSTOMS_!OFFICER! [~COP]
STAFF_SERGEANT {STAFF_SERGEANTS} [~MIL]
"""


@pytest.fixture
def phoenix_book(tmp_path: Path) -> ActorDictionary:
    path = tmp_path / "sample.actors.txt"
    path.write_text(PHOENIX_SAMPLE, encoding="utf-8")
    book = ActorDictionary()
    assert load_phoenix(path, book) == 6
    return book


def test_phoenix_importer_reads_countries_people_groups_and_agents(
    phoenix_book: ActorDictionary,
) -> None:
    book = phoenix_book
    (country,) = book.phrases[("nowhere", "city")]
    assert (country.kind, country.code) == ("country", "ERW")
    (person,) = book.phrases[("president", "roe")]
    assert person.actor is not None and person.actor.name == "Jane Roe"
    actor = person.actor
    assert actor.role_at(dt.date(2012, 1, 1)) is not None
    assert actor.role_at(dt.date(2012, 1, 1)).sector == "GOV"  # type: ignore[union-attr]
    assert actor.role_at(dt.date(2005, 1, 1)).sector == "ELI"  # type: ignore[union-attr]
    assert actor.role_at(dt.date(2020, 1, 1)).sector == "OPP"  # type: ignore[union-attr]
    (group,) = book.phrases[("erw", "resistance", "front")]
    assert group.actor is not None and group.actor.roles[0].sector == "REB"
    assert book.phrases[("truck", "drivers")][0].sector == "LAB"
    assert book.phrases[("customs", "officers")][0].sector == "COP"
    assert book.phrases[("staff", "sergeants")][0].sector == "MIL"


@pytest.fixture
def user_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    people = tmp_path / "people.yaml"
    people.write_text(
        "- name: Tala Verhoeven\n"
        "  aliases: [Verhoeven]\n"
        "  roles: [[NLD, GOV, Foreign Minister, 2031-01-01, null]]\n",
        encoding="utf-8",
    )
    phoenix = tmp_path / "extra.txt"
    phoenix.write_text("NORTHERN_LEAGUE_OF_ZEMBLA_ [NORREB]\n", encoding="utf-8")
    monkeypatch.setenv("BRINKWATCH_ACTOR_DICTIONARIES", f"{people}:{phoenix}")
    actor_dictionary.cache_clear()
    yield people
    monkeypatch.delenv("BRINKWATCH_ACTOR_DICTIONARIES")
    actor_dictionary.cache_clear()


def test_user_dictionaries_from_the_setting(user_dictionary: Path) -> None:
    entity = resolve_text("the Dutch foreign minister", dt.date(2031, 5, 1))
    assert entity is not None and entity.name == "Tala Verhoeven"
    group = resolve_text("the Northern League of Zembla", None)
    assert group is not None and (group.code, group.sector) == ("NOR", "REB")


def test_actor_for_span_uses_mentions_then_the_dictionary() -> None:
    text = "Turkish police detained the protesters while Greek officials watched."
    doc = spacy.blank("en")(text)
    state = Extraction(doc=doc, doc_id="t", published=D2024)
    extract_actors(state)
    police = actor_for_span(state, 0, len("Turkish police"))
    assert police is not None and (police.code, police.sector) == ("TUR", "COP")
    start = text.index("Greek")
    greek = actor_for_span(state, start, start + len("Greek officials"))
    assert greek is not None and (greek.code, greek.sector, greek.span) == (
        "GRC",
        "GOV",
        (start, start + len("Greek officials")),
    )
    assert actor_for_span(state, text.index("watched"), len(text) - 1) is None


@pytest.mark.models
def test_parser_names_become_person_mentions_and_repeat(nlp: Language) -> None:
    text = (
        "Chilean Interior Minister Rosa Quintanilla visited the port. "
        "Quintanilla told reporters that she would return."
    )
    state = Extraction(doc=nlp(text), doc_id="t", published=D2024)
    extract_actors(state)
    names = {(m.text, m.code, m.name) for m in state.mentions}
    assert ("Quintanilla", "CHL", "Rosa Quintanilla") in names
    assert ("she", "CHL", "Rosa Quintanilla") in names


@pytest.mark.models
def test_seed_actors(seed_text: str, nlp: Language) -> None:
    state = Extraction(doc=nlp(seed_text), doc_id="seed", published=dt.date(2024, 11, 5))
    extract_actors(state)
    sudani = [m for m in state.mentions if m.name == "Mohammed Shia al-Sudani"]
    sullivan = [m for m in state.mentions if m.name == "Jake Sullivan"]
    assert len(sudani) >= 3 and all((m.code, m.sector) == ("IRQ", "GOV") for m in sudani)
    assert len(sullivan) >= 2
    assert all(
        (m.code, m.sector, m.office) == ("USA", "GOV", "National Security Adviser")
        for m in sullivan
    )
    for m in state.mentions:
        assert seed_text[m.span[0] : m.span[1]] == m.text
    ends = [m.span[1] for m in state.mentions]
    starts = [m.span[0] for m in state.mentions]
    assert all(s >= e for s, e in zip(starts[1:], ends[:-1], strict=True)), "mentions overlap"


@pytest.mark.models
def test_seed_record_runs_with_the_actor_extractor(seed_record: Document) -> None:
    assert "actors" in seed_record.extractors
