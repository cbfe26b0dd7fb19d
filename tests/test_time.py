"""Time expressions with the parser: tense-driven resolution, chaining, date_for, benchmarks.

The example sentences are written for these tests; the seed report and TempEval-3 are read
from ../shared when present.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language

from brinkwatch.evaluate import run_benchmark
from brinkwatch.extractors.base import Extraction
from brinkwatch.extractors.time import date_for, extract_times, find_times
from brinkwatch.records import Time

pytestmark = pytest.mark.models

TUESDAY = dt.date(2024, 11, 5)


def times(nlp: Language, text: str, published: dt.date | None = TUESDAY) -> list[Time]:
    return find_times(nlp(text), published)


def values(nlp: Language, text: str, published: dt.date | None = TUESDAY) -> list[str]:
    return [t.value for t in times(nlp, text, published)]


# ------------------------------------------------------------------------ weekdays and tense


def test_weekday_in_a_past_tense_report_is_the_latest_one(nlp: Language) -> None:
    assert values(nlp, "The envoy met the king on Thursday.") == ["2024-10-31"]
    assert values(nlp, "The envoy met the king on Sunday.") == ["2024-11-03"]


def test_weekday_of_publication_in_the_past_is_that_day(nlp: Language) -> None:
    assert values(nlp, "Rebels seized the airport on Tuesday.") == ["2024-11-05"]


def test_future_tense_looks_forward(nlp: Language) -> None:
    assert values(nlp, "The envoy will meet the king on Thursday.") == ["2024-11-07"]
    assert values(nlp, "Negotiators are scheduled to resume talks on Friday.") == ["2024-11-08"]
    assert values(nlp, "The referendum will be held in March.") == ["2025-03"]


def test_explicit_last_and_next_weekdays(nlp: Language) -> None:
    assert values(nlp, "The convoy was ambushed this past Thursday.") == ["2024-10-31"]
    assert values(nlp, "The convoy was ambushed last Tuesday.") == ["2024-10-29"]
    assert values(nlp, "The summit opens next Tuesday.") == ["2024-11-12"]


def test_weekday_with_part_of_day_is_a_time(nlp: Language) -> None:
    (found,) = times(nlp, "Shelling resumed on Sunday night.")
    assert (found.type, found.value) == ("TIME", "2024-11-03TNI")


# ------------------------------------------------------------------------------- chaining


def test_following_day_counts_from_the_date_mentioned_before(nlp: Language) -> None:
    text = "Militants shelled the port on Sunday. The following day, the navy sank two boats."
    assert values(nlp, text) == ["2024-11-03", "2024-11-04"]


def test_day_later_and_next_day_chain_from_an_absolute_date(nlp: Language) -> None:
    text = "The truce began on Aug. 2. A day later it collapsed, and the next day talks failed."
    assert values(nlp, text) == ["2024-08-02", "2024-08-03", "2024-08-04"]


def test_following_day_without_an_earlier_date_is_not_invented(nlp: Language) -> None:
    assert values(nlp, "The following day, the navy sank two boats.") == ["FUTURE_REF"]


# ------------------------------------------------------------------- weeks, months, years


def test_weeks_are_iso_weeks(nlp: Language) -> None:
    assert values(nlp, "Reports last week suggested a build-up.") == ["2024-W44"]
    assert values(nlp, "The ministers meet this week.") == ["2024-W45"]
    assert values(nlp, "The ministers will meet next week.") == ["2024-W46"]


def test_months_and_years(nlp: Language) -> None:
    assert values(nlp, "Exports collapsed last month.") == ["2024-10"]
    assert values(nlp, "Exports collapsed in March.") == ["2024-03"]
    assert values(nlp, "Exports collapsed last June.") == ["2024-06"]
    assert values(nlp, "The pipeline opened in May 2019.") == ["2019-05"]
    assert values(nlp, "Output fell this year after rising last year.") == ["2024", "2023"]


def test_month_and_day_take_the_year_of_publication(nlp: Language) -> None:
    assert values(nlp, "A drone strike on October 12 killed three fighters.") == ["2024-10-12"]
    assert values(nlp, "The accord was signed on Oct. 12, 2021.") == ["2021-10-12"]
    assert values(nlp, "The accord was signed on 12 October 2021.") == ["2021-10-12"]
    assert values(nlp, "The hearing was moved to 2024-12-02.") == ["2024-12-02"]


def test_seasons_decades_centuries(nlp: Language) -> None:
    assert values(nlp, "Troops pulled out last summer.") == ["2024-SU"]
    assert values(nlp, "The embargo started in the spring of 2022.") == ["2022-SP"]
    assert values(nlp, "The dispute goes back to the 1970s.") == ["197"]
    assert values(nlp, "It was the bloodiest war of the 20th century.") == ["19"]


def test_deictic_days(nlp: Language) -> None:
    assert values(nlp, "The border reopened yesterday.") == ["2024-11-04"]
    assert values(nlp, "The minister flew to Ankara today.") == ["2024-11-05"]
    (tonight,) = times(nlp, "The president addresses the nation tonight.")
    assert (tonight.type, tonight.value) == ("TIME", "2024-11-05TNI")
    assert values(nlp, "Artillery hit the town three days ago.") == ["2024-11-02"]
    assert values(nlp, "The inspectors will return in two weeks.") == ["2024-W47"]


# --------------------------------------------------------------------- durations and sets


def test_durations(nlp: Language) -> None:
    assert values(nlp, "The siege lasted for three weeks.") == ["P3W"]
    assert values(nlp, "The rebels set a 48 hours deadline.") == ["PT48H"]
    assert values(nlp, "The rebels announced a 72-hour truce.") == ["PT72H"]
    assert values(nlp, "The blockade has lasted two years.") == ["P2Y"]
    assert values(nlp, "Talks dragged on for months.") == ["PXM"]
    assert values(nlp, "The army finished the wall in two weeks.") == ["P2W"]


def test_sets(nlp: Language) -> None:
    (every,) = times(nlp, "Patrols cross the line every week.")
    assert (every.type, every.value) == ("SET", "P1W")
    assert values(nlp, "Rockets are fired daily at the town.") == ["P1D"]
    assert values(nlp, "Families gather there every Friday.") == ["XXXX-WXX-5"]


# ------------------------------------------------------------------------ vague references


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Raids have intensified in recent weeks.", "PAST_REF"),
        ("The general recently toured the front.", "PAST_REF"),
        ("In the past, the rivals traded freely.", "PAST_REF"),
        ("The former envoy opposed the plan.", "PAST_REF"),
        ("The army is now on alert.", "PRESENT_REF"),
        ("The cabinet is currently divided.", "PRESENT_REF"),
        ("More sanctions may follow in the coming weeks.", "FUTURE_REF"),
    ],
)
def test_vague_expressions_keep_reference_values(nlp: Language, text: str, expected: str) -> None:
    assert values(nlp, text) == [expected]


def test_without_publication_date(nlp: Language) -> None:
    assert values(nlp, "Rebels seized the airport on Tuesday.", None) == ["XXXX-WXX-2"]
    assert values(nlp, "Rebels seized the airport yesterday.", None) == ["PAST_REF"]
    assert values(nlp, "Rebels seized the airport in 2019.", None) == ["2019"]


# ---------------------------------------------------------------------- what is not a time


def test_names_and_counts_are_not_times(nlp: Language) -> None:
    assert times(nlp, "Theresa May praised the agreement.") == []
    assert times(nlp, "The Sunday Times ran the story.") == []
    assert times(nlp, "The country deployed 2000 soldiers.") == []
    assert values(nlp, "The 2020 election was disputed.") == ["2020"]
    assert times(nlp, "Officials said they may march on the capital.") == []


# -------------------------------------------------------------------------------- date_for


def _state(nlp: Language, text: str) -> Extraction:
    state = Extraction(doc=nlp(text), doc_id="t", published=TUESDAY)
    extract_times(state)
    return state


def _date_for(state: Extraction, trigger: str) -> str | None:
    start = state.doc.text.index(trigger)
    sentence = next(s for s in state.doc.sents if s.start_char <= start < s.end_char)
    found = date_for(state, (start, start + len(trigger)), (sentence.start_char, sentence.end_char))
    return found.text if found else None


def test_date_for_picks_the_expression_on_the_trigger(nlp: Language) -> None:
    state = _state(nlp, "Israel bombed the depot on Sunday, and Iran retaliated the following day.")
    assert _date_for(state, "bombed") == "Sunday"
    assert _date_for(state, "retaliated") == "the following day"


def test_date_for_a_nominal_trigger(nlp: Language) -> None:
    state = _state(nlp, "Tehran vowed revenge for the October 12 strike on its radar.")
    assert _date_for(state, "strike") == "October 12"
    assert _date_for(state, "vowed") is None


def test_date_for_does_not_cross_into_a_complement_clause(nlp: Language) -> None:
    state = _state(nlp, "On Sunday, the militia threatened to attack the embassy.")
    assert _date_for(state, "threatened") == "Sunday"
    assert _date_for(state, "attack") is None


def test_date_for_ignores_the_date_of_the_report(nlp: Language) -> None:
    state = _state(nlp, "Officials said on Monday that gunmen had kidnapped two engineers.")
    assert _date_for(state, "said") == "Monday"
    assert _date_for(state, "kidnapped") is None


def test_date_for_without_any_date_is_none(nlp: Language) -> None:
    state = _state(nlp, "Gunmen kidnapped two engineers near the border.")
    assert _date_for(state, "kidnapped") is None


# ----------------------------------------------------------------------------------- seed


SEED_EXPECTED = [
    # (phrase, occurrence, value)
    ("Tuesday", 0, "2024-11-05"),
    ("October 25", 0, "2024-10-25"),
    ("Sunday", 0, "2024-11-03"),
    ("The following day", 0, "2024-11-04"),
    ("last week", 0, "2024-W44"),
    ("this past Thursday", 0, "2024-10-31"),
    ("in recent weeks", 0, "PAST_REF"),
    ("On Sunday", 0, "2024-11-03"),
]


def _nth(text: str, phrase: str, n: int) -> int:
    start = -1
    for _ in range(n + 1):
        start = text.index(phrase, start + 1)
    return start


@pytest.mark.parametrize(("phrase", "occurrence", "value"), SEED_EXPECTED)
def test_seed_report_dates(
    nlp: Language, seed_text: str, phrase: str, occurrence: int, value: str
) -> None:
    found = find_times(nlp(seed_text), dt.date(2024, 11, 5))
    start = _nth(seed_text, phrase, occurrence)
    end = start + len(phrase)
    overlapping = [t for t in found if t.span[0] < end and start < t.span[1]]
    assert [t.value for t in overlapping] == [value]


def test_seed_report_dates_its_consultations(nlp: Language, seed_text: str) -> None:
    state = Extraction(doc=nlp(seed_text), doc_id="seed", published=dt.date(2024, 11, 5))
    extract_times(state)
    assert _date_for(state, "raised") == "Sunday"
    assert _date_for(state, "discussed") == "The following day"


# ------------------------------------------------------------------------------ benchmark


@pytest.mark.bench
def test_te3_value_f1(nlp: Language, bench_dir: Path) -> None:
    path = bench_dir / "te3" / "documents.jsonl"
    if not path.exists():
        pytest.skip(f"TempEval-3 data not present at {path}")
    report = run_benchmark("te3", path, nlp)
    assert report.targets == {"value_f1": 0.75}
    assert report.metrics["value_f1"] >= 0.75, report.tables["errors"]
    assert report.metrics["type_accuracy"] >= 0.9
