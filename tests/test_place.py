"""Places: gazetteer resolution, demonyms, "City, Region" pairs and where events happen.

Unit tests build Docs by hand (words, heads, dependency labels, entity tags), so they need
no model; the model-based tests parse sentences written for these tests; the seed and
TR-News tests read ../shared when it is present.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.evaluate import run_benchmark
from brinkwatch.extractors.base import Extraction
from brinkwatch.extractors.gazetteer import gazetteer, name_key
from brinkwatch.extractors.place import extract_places, find_places, location_for, lookup_place
from brinkwatch.extractors.place_resolve import Context, Query, choose, haversine_km
from brinkwatch.records import Document, Place

VOCAB = English().vocab  # English lexical attributes (is_title...), no trained model


def make_doc(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A parsed Doc from (word, head index, dep, pos, lemma, entity tag) rows."""
    words = [r[0] for r in rows]
    spaces = [not (i + 1 < len(words) and words[i + 1] in {",", "."}) for i in range(len(words))]
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        ents=[r[5] for r in rows],
    )


def state_for(doc: Doc) -> Extraction:
    state = Extraction(doc=doc, doc_id="t", published=None)
    extract_places(state)
    return state


def trigger(doc: Doc, word: str) -> tuple[int, int]:
    start = doc.text.index(word)
    return start, start + len(word)


def place_named(places: list[Place], text: str) -> Place:
    return next(p for p in places if p.text == text)


# -- resolution without a document ----------------------------------------------------------


def test_countries_take_precedence_over_towns() -> None:
    lebanon = lookup_place("Lebanon")
    assert lebanon is not None
    assert (lebanon.country, lebanon.feature) == ("LBN", "country")
    # towns called Lebanon exist (Ohio, Tennessee...) and are still candidates
    towns = [e for e in gazetteer().candidates(name_key("Lebanon")) if e.feature == "city"]
    assert any(e.country == "USA" for e in towns)


@pytest.mark.parametrize("name", ["U.S.", "US", "USA", "America", "the United States"])
def test_us_is_the_united_states(name: str) -> None:
    place = lookup_place(name)
    assert place is not None
    assert (place.name, place.country, place.feature) == ("United States", "USA", "country")


def test_washington_is_the_seat_of_government_unless_the_state_is_meant() -> None:
    capital = lookup_place("Washington")
    assert capital is not None and capital.feature == "city" and capital.country == "USA"
    assert capital.lat is not None and capital.lon is not None
    assert haversine_km(capital.lat, capital.lon, 38.9, -77.04) < 20
    state = lookup_place("Washington state")
    assert state is not None and state.feature == "admin"
    assert state.lon is not None and state.lon < -115


def test_georgia_is_the_country_unless_the_story_is_in_the_united_states() -> None:
    gaz = gazetteer()
    query = Query(name_key("Georgia"), gaz.candidates(name_key("Georgia")))
    assert (choose(query, None, gaz) or pytest.fail()).country == "GEO"
    atlanta = next(e for e in gaz.cities("atlanta") if e.country == "USA")
    context = Context()
    context.add(atlanta, gaz, "atlanta")
    in_us = choose(query, context, gaz)
    assert in_us is not None and (in_us.country, in_us.feature) == ("USA", "admin")


def test_a_town_in_a_named_division_beats_a_bigger_namesake() -> None:
    gaz = gazetteer()
    query = Query("edmonton", gaz.candidates("edmonton"))
    assert (choose(query, None, gaz) or pytest.fail()).country == "CAN"
    kentucky = gaz.admin1[("USA", "KY")]
    context = Context()
    context.add(kentucky, gaz, "kentucky")
    local = choose(query, context, gaz)
    assert local is not None and (local.country, local.admin1) == ("USA", "KY")


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Gaza", "PSE"),
        ("the West Bank", "PSE"),
        ("Kurdistan", "IRQ"),
        ("Donbas", "UKR"),
        ("Crimea", "UKR"),
        ("Sinai", "EGY"),
        ("the Golan Heights", "SYR"),
        ("the Red Sea", None),
        ("the Strait of Hormuz", None),
    ],
)
def test_regions_seas_and_disputed_areas(name: str, country: str | None) -> None:
    place = lookup_place(name)
    assert place is not None and place.feature == "region"
    assert place.country == country
    assert place.lat is not None and place.lon is not None


def test_capitals_and_divisions_resolve_with_points() -> None:
    tehran = lookup_place("Tehran")
    assert tehran is not None and (tehran.country, tehran.feature) == ("IRN", "city")
    texas = lookup_place("Texas")
    assert texas is not None and (texas.country, texas.feature) == ("USA", "admin")
    ontario = lookup_place("Ont.")
    assert ontario is not None and (ontario.name, ontario.country) == ("Ontario", "CAN")


def test_lookup_place_reads_demonym_places_but_not_people() -> None:
    territory = lookup_place("Iraqi territory")
    assert territory is not None and territory.country == "IRQ"
    assert territory.span == (0, len("Iraqi territory"))
    assert lookup_place("Iraqi officials") is None
    assert lookup_place("Nowhere-in-particular") is None


# -- documents built by hand ----------------------------------------------------------------

ATTACK_FROM = [
    # "Tehran plans an attack on Israel from Iraqi territory ."
    ("Tehran", 1, "nsubj", "PROPN", "Tehran", "B-GPE"),
    ("plans", 1, "ROOT", "VERB", "plan", "O"),
    ("an", 3, "det", "DET", "an", "O"),
    ("attack", 1, "dobj", "NOUN", "attack", "O"),
    ("on", 3, "prep", "ADP", "on", "O"),
    ("Israel", 4, "pobj", "PROPN", "Israel", "B-GPE"),
    ("from", 3, "prep", "ADP", "from", "O"),
    ("Iraqi", 8, "amod", "ADJ", "iraqi", "B-NORP"),
    ("territory", 6, "pobj", "NOUN", "territory", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]


def test_demonym_before_a_locative_noun_is_a_place() -> None:
    state = state_for(make_doc(ATTACK_FROM))
    texts = [p.text for p in state.places]
    assert texts == ["Tehran", "Israel", "Iraqi territory"]
    territory = place_named(state.places, "Iraqi territory")
    assert (territory.name, territory.country, territory.feature) == ("Iraq", "IRQ", "country")


def test_demonym_describing_people_is_not_a_place() -> None:
    doc = make_doc(
        [  # "Iraqi officials met Syrian envoys in Baghdad ."
            ("Iraqi", 1, "amod", "ADJ", "iraqi", "B-NORP"),
            ("officials", 2, "nsubj", "NOUN", "official", "O"),
            ("met", 2, "ROOT", "VERB", "meet", "O"),
            ("Syrian", 4, "amod", "ADJ", "syrian", "B-NORP"),
            ("envoys", 2, "dobj", "NOUN", "envoy", "O"),
            ("in", 2, "prep", "ADP", "in", "O"),
            ("Baghdad", 5, "pobj", "PROPN", "Baghdad", "B-GPE"),
            (".", 2, "punct", "PUNCT", ".", "O"),
        ]
    )
    places = find_places(doc)
    assert [(p.text, p.country) for p in places] == [("Baghdad", "IRQ")]


def test_location_is_the_from_place_not_the_target() -> None:
    doc = make_doc(ATTACK_FROM)
    state = state_for(doc)
    where = location_for(state, trigger(doc, "attack"), (0, len(doc.text)))
    assert where is not None and (where.text, where.country) == ("Iraqi territory", "IRQ")


def test_location_of_a_strike_on_a_country_is_none() -> None:
    doc = make_doc(
        [  # "Israel could strike Iraq ."
            ("Israel", 2, "nsubj", "PROPN", "Israel", "B-GPE"),
            ("could", 2, "aux", "AUX", "could", "O"),
            ("strike", 2, "ROOT", "VERB", "strike", "O"),
            ("Iraq", 2, "dobj", "PROPN", "Iraq", "B-GPE"),
            (".", 2, "punct", "PUNCT", ".", "O"),
        ]
    )
    state = state_for(doc)
    assert len(state.places) == 2
    assert location_for(state, trigger(doc, "strike"), (0, len(doc.text))) is None


def test_location_through_the_object_in_a_coordination() -> None:
    doc = make_doc(
        [  # "Militias attacked US forces in Iraq and Syria ."
            ("Militias", 1, "nsubj", "NOUN", "militia", "O"),
            ("attacked", 1, "ROOT", "VERB", "attack", "O"),
            ("US", 3, "compound", "PROPN", "US", "B-GPE"),
            ("forces", 1, "dobj", "NOUN", "force", "O"),
            ("in", 3, "prep", "ADP", "in", "O"),
            ("Iraq", 4, "pobj", "PROPN", "Iraq", "B-GPE"),
            ("and", 5, "cc", "CCONJ", "and", "O"),
            ("Syria", 5, "conj", "PROPN", "Syria", "B-GPE"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    state = state_for(doc)
    where = location_for(state, trigger(doc, "attacked"), (0, len(doc.text)))
    assert where is not None and where.country == "IRQ"


def test_city_region_pair_narrows_the_city() -> None:
    doc = make_doc(
        [  # "He lives in Paris , Texas ."
            ("He", 1, "nsubj", "PRON", "he", "O"),
            ("lives", 1, "ROOT", "VERB", "live", "O"),
            ("in", 1, "prep", "ADP", "in", "O"),
            ("Paris", 2, "pobj", "PROPN", "Paris", "B-GPE"),
            (",", 3, "punct", "PUNCT", ",", "O"),
            ("Texas", 3, "appos", "PROPN", "Texas", "B-GPE"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    places = find_places(doc)
    paris = place_named(places, "Paris")
    assert (paris.country, paris.feature) == ("USA", "city")
    assert place_named(places, "Texas").feature == "admin"


def test_the_second_name_of_a_pair_reads_as_the_division_holding_the_first() -> None:
    doc = make_doc(
        [  # "Voters rallied in Atlanta , Georgia ."
            ("Voters", 1, "nsubj", "NOUN", "voter", "O"),
            ("rallied", 1, "ROOT", "VERB", "rally", "O"),
            ("in", 1, "prep", "ADP", "in", "O"),
            ("Atlanta", 2, "pobj", "PROPN", "Atlanta", "B-GPE"),
            (",", 3, "punct", "PUNCT", ",", "O"),
            ("Georgia", 3, "appos", "PROPN", "Georgia", "B-GPE"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    georgia = place_named(find_places(doc), "Georgia")
    assert (georgia.country, georgia.feature) == ("USA", "admin")


def test_abbreviation_after_a_comma_qualifies_and_is_a_place() -> None:
    doc = make_doc(
        [  # "She was born in Glasgow , Ky. ."
            ("She", 2, "nsubjpass", "PRON", "she", "O"),
            ("was", 2, "auxpass", "AUX", "be", "O"),
            ("born", 2, "ROOT", "VERB", "bear", "O"),
            ("in", 2, "prep", "ADP", "in", "O"),
            ("Glasgow", 3, "pobj", "PROPN", "Glasgow", "B-GPE"),
            (",", 4, "punct", "PUNCT", ",", "O"),
            ("Ky.", 4, "appos", "PROPN", "Ky.", "O"),
        ]
    )
    places = find_places(doc)
    glasgow = place_named(places, "Glasgow")
    assert (glasgow.country, glasgow.lat is not None) == ("USA", True)
    assert place_named(places, "Ky.").name == "Kentucky"


def test_a_place_the_parser_calls_an_organisation_after_in() -> None:
    doc = make_doc(
        [  # "Shelling resumed in Aleppo ."
            ("Shelling", 1, "nsubj", "NOUN", "shelling", "O"),
            ("resumed", 1, "ROOT", "VERB", "resume", "O"),
            ("in", 1, "prep", "ADP", "in", "O"),
            ("Aleppo", 2, "pobj", "PROPN", "Aleppo", "B-ORG"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    places = find_places(doc)
    assert [(p.text, p.country, p.feature) for p in places] == [("Aleppo", "SYR", "city")]


def test_a_person_named_like_a_country_is_not_a_place() -> None:
    doc = make_doc(
        [  # "Jordan Peterson spoke ."
            ("Jordan", 1, "compound", "PROPN", "Jordan", "B-PERSON"),
            ("Peterson", 2, "nsubj", "PROPN", "Peterson", "I-PERSON"),
            ("spoke", 2, "ROOT", "VERB", "speak", "O"),
            (".", 2, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert find_places(doc) == []


# -- with the model ---------------------------------------------------------------------------


@pytest.mark.models
def test_model_demonyms_and_locations(nlp: Language) -> None:
    text = (
        "Ukrainian drones struck a refinery on Russian soil overnight. "
        "Russian officials said the drones were launched from the Sumy region. "
        "Israeli jets carried out strikes in Gaza on Monday."
    )
    doc = nlp(text)
    state = state_for(doc)
    by_text = {p.text: p for p in state.places}
    assert by_text["Russian soil"].country == "RUS"
    assert not any(p.text.startswith("Russian officials") for p in state.places)
    assert not any(p.text == "Ukrainian" for p in state.places)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    struck = location_for(state, trigger(doc, "struck"), sentences[0])
    assert struck is not None and struck.country == "RUS"
    strikes = location_for(state, trigger(doc, "strikes"), sentences[-1])
    assert strikes is not None and (strikes.name, strikes.country) == ("Gaza Strip", "PSE")


@pytest.mark.models
def test_seed_places(seed_record: Document) -> None:
    places = seed_record.places
    resolved = {(p.text, p.country) for p in places}
    for text, country in [
        ("Iraq", "IRQ"),
        ("Syria", "SYR"),
        ("Tehran", "IRN"),
        ("Gaza", "PSE"),
        ("Lebanon", "LBN"),
        ("Washington", "USA"),
        ("Iraqi territory", "IRQ"),
    ]:
        assert (text, country) in resolved, text
    washington = place_named(places, "Washington")
    assert washington.feature == "city"
    assert not any(p.text.startswith("Iraqi") and p.text != "Iraqi territory" for p in places)


@pytest.mark.bench
@pytest.mark.models
def test_tr_news_recall_within_161_km(bench_dir: Path, nlp: Language) -> None:
    path = bench_dir / "tr-news"
    if not path.exists():
        pytest.skip("tr-news benchmark not present")
    report = run_benchmark("tr-news", path, nlp)
    assert report.metrics["recall_161km"] >= report.targets["recall_161km"] == 0.75
    assert report.metrics["precision"] >= 0.85
