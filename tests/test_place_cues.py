"""Places found through the words around them, and names that narrow each other.

Datelines, "the towns of A and B", "X county", "X Mayor", addresses, coordination with a found
place, "City, Region" with any division (and abbreviations without their dot), one sense per
discourse, possessives ("London's Heathrow"), the capital of a named country, and the names
that are no place (organisations named after places, acronyms, streets).

The Docs are built by hand with a flat parse (every token attached to the first), so only the
words, their capitals and the entity tags matter; a few model-based tests parse sentences
written for these tests.
"""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.extractors.place import find_places
from brinkwatch.extractors.place_resolve import haversine_km
from brinkwatch.records import Place

VOCAB = English().vocab
NO_SPACE_BEFORE = {",", ".", "'s", ")", ":"}
LOWER_POS = {"the": "DET", "of": "ADP", "in": "ADP", "at": "ADP", "from": "ADP", "to": "ADP"}


def flat_doc(
    words: list[str],
    ents: dict[str, str] | None = None,
    spans: list[tuple[int, int, str]] | None = None,
) -> Doc:
    """A Doc whose tokens all hang from the first; ``ents`` maps a word (or a "Two words"
    run, written as in ``words``) to its entity label wherever it occurs, ``spans`` labels
    the tokens ``[start, end)``."""
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE for i in range(len(words))]
    tags = ["O"] * len(words)
    for name, label in (ents or {}).items():
        parts = name.split(" ")
        for i in range(len(words) - len(parts) + 1):
            if words[i : i + len(parts)] == parts:
                tags[i] = f"B-{label}"
                for j in range(i + 1, i + len(parts)):
                    tags[j] = f"I-{label}"
    for start, end, label in spans or []:
        tags[start:end] = [f"B-{label}", *[f"I-{label}"] * (end - start - 1)]
    pos = [
        "PROPN" if w[:1].isupper() else LOWER_POS.get(w, "PUNCT" if not w.isalnum() else "NOUN")
        for w in words
    ]
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=[0] * len(words),
        deps=["ROOT", *["dep"] * (len(words) - 1)],
        pos=pos,
        lemmas=[w.lower() for w in words],
        ents=tags,
    )


def places_of(
    words: list[str],
    ents: dict[str, str] | None = None,
    spans: list[tuple[int, int, str]] | None = None,
) -> list[Place]:
    return find_places(flat_doc(words, ents, spans))


def named(places: list[Place], text: str) -> list[Place]:
    return [p for p in places if p.text == text]


def one(places: list[Place], text: str) -> Place:
    found = named(places, text)
    assert len(found) == 1, (text, places)
    return found[0]


def near(place: Place, lat: float, lon: float, km: float = 50) -> bool:
    assert place.lat is not None and place.lon is not None
    return haversine_km(place.lat, place.lon, lat, lon) <= km


# -- cues ---------------------------------------------------------------------------------------


def test_a_dateline_names_the_town() -> None:
    places = places_of(
        ["TORRINGTON", "—", "Mayor", "Jane", "Roe", "opened", "a", "clinic", "."],
        {"Jane Roe": "PERSON"},
    )
    torrington = one(places, "TORRINGTON")
    assert (torrington.country, torrington.feature) == ("USA", "city")


def test_an_upper_case_word_inside_a_paragraph_is_no_dateline() -> None:
    assert places_of(["The", "judge", "said", "TORRINGTON", "—", "no", "."]) == []


def test_the_towns_of_a_list_in_a_named_country() -> None:
    words = ["Floods", "hit", "the", "towns", "of", "Dedza", "and", "Chitipa", "in", "Malawi"]
    places = places_of([*words, "."], {"Malawi": "GPE"})
    assert {p.text: p.country for p in places} == {
        "Dedza": "MWI",
        "Chitipa": "MWI",
        "Malawi": "MWI",
    }


def test_a_small_town_cue_needs_the_document_to_name_its_country() -> None:
    words = ["Floods", "hit", "the", "town", "of", "Dedza", ",", "Canadian", "aid", "said"]
    assert named(places_of([*words, "."]), "Dedza") == []


def test_a_name_before_a_lower_case_kind_noun() -> None:
    places = places_of(
        ["Rain", "flooded", "Dedza", "district", "in", "Malawi", "."], {"Malawi": "GPE"}
    )
    district = one(places, "Dedza district")
    assert district.country == "MWI"


def test_a_mayor_names_a_town() -> None:
    places = places_of(
        ["Oakville", "Mayor", "Rob", "Burton", "spoke", "in", "Ontario", "."],
        {"Rob Burton": "PERSON", "Ontario": "GPE"},
    )
    oakville = one(places, "Oakville")
    assert (oakville.country, oakville.feature) == ("CAN", "city")


def test_a_town_coordinated_with_a_found_place_in_a_named_division() -> None:
    places = places_of(
        ["He", "drove", "to", "Ingham", "or", "Townsville", "in", "Queensland", "."],
        {"Townsville": "GPE", "Queensland": "GPE"},
    )
    ingham = one(places, "Ingham")
    assert ingham.country == "AUS" and near(ingham, -18.65, 146.16)


def test_a_town_in_an_address_even_when_tagged_as_a_person() -> None:
    places = places_of(
        ["Jo", "Smith", ",", "of", "Dunnock", "Close", ",", "Clacton", ",", "in", "England", "."],
        {"Jo Smith": "PERSON", "Clacton": "PERSON", "England": "GPE"},
    )
    assert one(places, "Clacton").country == "GBR"


def test_a_preposition_alone_makes_no_small_town() -> None:
    places = places_of(
        ["Voters", "in", "Arizona", "wrote", "to", "Sedona", "Smith", "."],
        {"Arizona": "GPE", "Sedona Smith": "PERSON"},
    )
    assert [p.text for p in places] == ["Arizona"]


# -- pairs and one sense per discourse ------------------------------------------------------------


def test_a_county_after_a_comma_qualifies_and_is_a_place() -> None:
    places = places_of(
        ["A", "man", "from", "Clacton", ",", "Essex", ",", "was", "charged", "."],
        {"Clacton": "GPE"},
    )
    essex = one(places, "Essex")
    assert (essex.country, essex.feature) == ("GBR", "admin")
    assert one(places, "Clacton").country == "GBR"


def test_a_division_abbreviation_without_its_dot() -> None:
    places = places_of(
        ["EDMONTON", ",", "Ky", "(", "WXYZ", ")", "--", "A", "barn", "burned", "."],
        {"EDMONTON": "ORG", "Ky": "PERSON"},
    )
    assert one(places, "Ky").name == "Kentucky"
    edmonton = one(places, "EDMONTON")
    assert (edmonton.country, edmonton.feature) == ("USA", "city")


def test_an_unrelated_name_after_a_comma_is_no_qualifier() -> None:
    places = places_of(["Troops", "left", "Baghdad", ",", "Smith", "said", "."], {"Baghdad": "GPE"})
    assert [p.text for p in places] == ["Baghdad"]


def test_a_qualified_name_keeps_its_reading_when_repeated() -> None:
    # England named alongside: without the pair, the second London would be the capital
    words = ["Police", "in", "London", ",", "Ont.", "held", "two", "men", "from", "England", "."]
    places = places_of(
        [*words, "London", "police", "said", "so", "."], {"London": "GPE", "England": "GPE"}
    )
    londons = named(places, "London")
    assert len(londons) == 2
    assert all(p.country == "CAN" and near(p, 42.98, -81.23) for p in londons)


def test_a_place_name_repeated_where_the_parser_missed_it() -> None:
    words = ["She", "was", "born", "in", "Churchill", ",", "Man.", "A", "Churchill", "doctor"]
    places = places_of([*words, "helped", "."], spans=[(4, 5, "GPE")])
    churchills = named(places, "Churchill")
    assert len(churchills) == 2
    assert all(p.country == "CAN" for p in churchills)


def test_a_repeated_name_that_is_also_a_surname_is_not_repeated() -> None:
    words = ["Troops", "entered", "Jordan", ".", "Michael", "Jordan", "watched", "."]
    tags = [(2, 3, "GPE"), (4, 6, "PERSON"), (8, 9, "PERSON")]
    places = places_of([*words, "Jordan", "said", "so", "."], spans=tags)
    # the first is the country; "Michael Jordan" makes the "Jordan" the parser calls a
    # person a person, though the document uses the name as a place too
    doc_text = " ".join(words)
    assert [p.span[0] for p in places] == [doc_text.index("Jordan")]


def test_a_name_tagged_as_a_place_overrides_a_lone_person_tag_elsewhere() -> None:
    words = ["Walsh", "lives", "in", "Mississauga", ".", "The", "rate", "for", "Mississauga"]
    tags = [(0, 1, "PERSON"), (3, 4, "GPE"), (8, 9, "PERSON")]
    places = places_of([*words, "is", "low", "."], spans=tags)
    assert [(p.text, p.country) for p in places] == [("Mississauga", "CAN")] * 2


def test_a_name_never_tagged_as_a_place_does_not_override_a_person_tag() -> None:
    words = ["She", "wrote", "to", "Mississauga", ".", "Her", "daughter", ",", "Mississauga"]
    tags = [(3, 4, "ORG"), (8, 9, "PERSON")]
    places = places_of([*words, ",", "replied", "."], spans=tags)
    assert [p.span[0] for p in places] == [len("She wrote to ")]


def test_a_landmark_the_gazetteer_lacks_lies_in_its_owner() -> None:
    places = places_of(
        ["Crews", "at", "London", "'s", "Heathrow", "will", "strike", "."],
        {"London": "GPE", "Heathrow": "FAC"},
    )
    heathrow = one(places, "Heathrow")
    assert (heathrow.country, heathrow.feature) == ("GBR", "other")
    assert near(heathrow, 51.5, -0.13)


def test_the_capital_of_a_named_country_beats_a_town_in_a_named_state() -> None:
    words = ["She", "flew", "from", "Kentucky", "to", "France", ".", "Paris", "was", "calm"]
    places = places_of([*words, "."], {"Kentucky": "GPE", "France": "GPE", "Paris": "GPE"})
    assert one(places, "Paris").country == "FRA"


def test_without_the_country_the_town_in_the_named_state_wins() -> None:
    words = ["She", "drove", "across", "Kentucky", ".", "Paris", "was", "calm", "."]
    places = places_of(words, {"Kentucky": "GPE", "Paris": "GPE"})
    paris = one(places, "Paris")
    assert (paris.country, paris.feature) == ("USA", "city")


def test_two_names_sharing_a_division_support_each_other_there() -> None:
    places = places_of(
        ["Police", "in", "Edmonton", "and", "Enfield", "arrested", "two", "men", "."],
        {"Edmonton": "GPE", "Enfield": "GPE"},
    )
    edmonton = one(places, "Edmonton")
    assert edmonton.country == "GBR" and near(edmonton, 51.63, -0.06)
    # alone, Edmonton is the city in Alberta
    alone = one(places_of(["Police", "in", "Edmonton", "arrested", "two", "men", "."]), "Edmonton")
    assert alone.country == "CAN"


def test_a_small_namesake_is_no_shared_division() -> None:
    # Paris and London both have towns in Ontario, too small beside the capitals to count
    places = places_of(
        ["Leaders", "met", "in", "London", "and", "Paris", "."], {"London": "GPE", "Paris": "GPE"}
    )
    assert [p.country for p in places] == ["GBR", "FRA"]


def test_a_short_form_of_a_town_name_is_matched_like_the_name() -> None:
    places = places_of(["A", "man", "from", "Clacton", "was", "charged", "."])
    clacton = one(places, "Clacton")
    assert (clacton.name, clacton.country) == ("Clacton-on-Sea", "GBR")


# -- names that are no place --------------------------------------------------------------------


def test_a_place_inside_a_newspaper_name_is_no_place() -> None:
    places = places_of(
        ["The", "New", "York", "Times", "reported", "it", "."], {"The New York Times": "ORG"}
    )
    assert places == []


def test_a_short_acronym_is_no_town() -> None:
    assert places_of(["BA", "flights", "were", "cancelled", "."], {"BA": "GPE"}) == []


def test_a_street_is_no_town() -> None:
    places = places_of(
        ["The", "shelter", "in", "Church", "Street", "opens", "."], {"Church Street": "FAC"}
    )
    assert places == []


# -- with the model -----------------------------------------------------------------------------


@pytest.mark.models
def test_model_local_story_cues(nlp: Language) -> None:
    text = (
        "GLENWOOD, Ark. — A barn fire destroyed two tractors on Tuesday.\n"
        "Firefighters from Glenwood and nearby towns responded, and the mayor of Glenwood "
        "thanked them. The New York Times did not report it."
    )
    places = find_places(nlp(text))
    glenwood = [p for p in places if p.text.lower() == "glenwood"]
    assert glenwood and all(p.country == "USA" for p in glenwood)
    assert all(near(p, 34.33, -93.55) for p in glenwood)  # Glenwood, Arkansas
    assert not any(p.text in ("New York", "New York Times") for p in places)
