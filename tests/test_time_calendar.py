"""Calendar arithmetic, the grammar files, and matching on hand-built Docs (no model needed)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from brinkwatch.extractors.time import find_times, time_to_dates
from brinkwatch.extractors.time_calendar import (
    Point,
    duration_value,
    pick_occurrence,
    season_point,
    shift,
    weekday_date,
)
from brinkwatch.extractors.time_rules import grammar
from brinkwatch.records import Time

TUESDAY = dt.date(2024, 11, 5)  # ISO week 45


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (7, "past", dt.date(2024, 11, 3)),
        (2, "past", TUESDAY),  # the same day counts when looking back
        (2, "last", dt.date(2024, 10, 29)),
        (4, "last", dt.date(2024, 10, 31)),
        (4, "future", dt.date(2024, 11, 7)),
        (2, "next", dt.date(2024, 11, 12)),
        (1, "this", dt.date(2024, 11, 4)),
        (3, "nearest", dt.date(2024, 11, 6)),
    ],
)
def test_weekday_date(weekday: int, direction: str, expected: dt.date) -> None:
    assert weekday_date(TUESDAY, weekday, direction) == expected  # type: ignore[arg-type]


def test_shift_keeps_the_unit_as_granularity() -> None:
    assert shift(TUESDAY, "week", -1).value == "2024-W44"
    assert shift(TUESDAY, "weekend", -1).value == "2024-W44-WE"
    assert shift(TUESDAY, "month", -1).value == "2024-10"
    assert shift(dt.date(2024, 3, 31), "month", -1).value == "2024-02"
    assert shift(TUESDAY, "year", -2).value == "2022"
    assert shift(TUESDAY, "quarter", -1).value == "2024-Q3"
    assert shift(TUESDAY, "decade", -1).value == "201"
    assert shift(TUESDAY, "day", 1).value == "2024-11-06"


def test_seasons_count_winter_in_the_year_of_december() -> None:
    assert season_point(dt.date(2024, 11, 5)).value == "2024-FA"
    assert season_point(dt.date(2025, 1, 20)).value == "2024-WI"
    assert season_point(dt.date(2024, 7, 1)).value == "2024-SU"


def test_pick_occurrence_by_direction() -> None:
    def october_25(year: int) -> dt.date:
        return dt.date(year, 10, 25)

    assert pick_occurrence(TUESDAY, october_25, "past") == dt.date(2024, 10, 25)
    assert pick_occurrence(TUESDAY, october_25, "future") == dt.date(2025, 10, 25)
    assert pick_occurrence(TUESDAY, october_25, "nearest") == dt.date(2024, 10, 25)
    assert pick_occurrence(dt.date(2024, 1, 10), october_25, "nearest") == dt.date(2023, 10, 25)


def test_duration_values() -> None:
    assert duration_value(3, "week") == "P3W"
    assert duration_value(48, "hour") == "PT48H"
    assert duration_value(2.5, "year") == "P2.5Y"
    assert duration_value("X", "month") == "PXM"
    assert duration_value(1, "fortnight") == "P2W"
    assert duration_value(1, "decade") == "P1DE"


def _time(value: str) -> Time:
    return Time(text="x", span=(0, 1), type="DATE", value=value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-03", ("2024-11-03", "2024-11-03")),
        ("2024-11-03TAF", ("2024-11-03", "2024-11-03")),
        ("2024-W44", ("2024-10-28", "2024-11-03")),
        ("2024-W44-WE", ("2024-11-02", "2024-11-03")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2024", (None, None)),
        ("PAST_REF", (None, None)),
        ("P3W", (None, None)),
        ("XXXX-WXX-2", (None, None)),
    ],
)
def test_time_to_dates(value: str, expected: tuple[str | None, str | None]) -> None:
    assert time_to_dates(_time(value)) == expected


def test_point_values_by_granularity() -> None:
    day = dt.date(1995, 8, 17)
    assert Point(day, "century").value == "19"
    assert Point(day, "half").value == "1995-H2"


def test_grammar_loads_and_every_rule_can_be_woken() -> None:
    rules = grammar()
    assert len(rules.rules) > 40
    assert all(rule.triggers for rule in rules.rules)
    assert {"monday", "week", "yesterday", "recently"} <= set(rules.trigger_words)
    assert rules.classes["month"].value_of("Sept.") == 9


def _doc(text: str) -> Doc:
    return Doc(Vocab(), words=text.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting lasted three weeks .", ("three weeks", "DURATION", "P3W")),
        ("They gave him 48 hours .", ("48 hours", "DURATION", "PT48H")),
        ("It happened last week .", ("last week", "DATE", "2024-W44")),
        ("Protests began last month .", ("last month", "DATE", "2024-10")),
        ("The deal dates from 1995 .", ("1995", "DATE", "1995")),
        ("Talks resumed yesterday .", ("yesterday", "DATE", "2024-11-04")),
        ("Inspectors visit every week .", ("every week", "SET", "P1W")),
        ("The war began two years ago .", ("two years ago", "DATE", "2022")),
        ("It was the 1980s .", ("the 1980s", "DATE", "198")),
        ("Attacks rose in recent weeks .", ("recent weeks", "DATE", "PAST_REF")),
    ],
)
def test_rules_on_a_doc_without_a_parse(text: str, expected: tuple[str, str, str]) -> None:
    times = find_times(_doc(text), TUESDAY)
    assert [(t.text, t.type, t.value) for t in times] == [expected]


def test_without_publication_date_relative_expressions_keep_reference_values() -> None:
    times = find_times(_doc("Talks resumed yesterday and stalled last week ."), None)
    assert [t.value for t in times] == ["PAST_REF", "PAST_REF"]
    (absolute,) = find_times(_doc("It ended in 1995 ."), None)
    assert absolute.value == "1995"


def test_spans_are_offsets_into_the_text() -> None:
    doc = _doc("Since 2019 , clashes have killed many .")
    (found,) = find_times(doc, TUESDAY)
    assert doc.text[found.span[0] : found.span[1]] == found.text == "2019"


def test_explicit_date_entities_the_rules_miss_go_to_dateparser() -> None:
    doc = Doc(Vocab(), words=["Filed", "on", "05Nov2023", "."], ents=["O", "O", "B-DATE", "O"])
    assert [(t.text, t.value) for t in find_times(doc, TUESDAY)] == [("05Nov2023", "2023-11-05")]


def test_vague_entities_are_left_alone() -> None:
    doc = Doc(
        Vocab(),
        words=["On", "the", "99th", "day", "."],
        ents=["O", "B-DATE", "I-DATE", "I-DATE", "O"],
    )
    assert find_times(doc, TUESDAY) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Filed on 2024.10.25 .", "2024-10-25"),
        ("Filed on 25.10.2024 .", "2024-10-25"),
        ("Filed on 10/25/2024 .", "2024-10-25"),
        ("Filed on 5-Nov-2023 .", "2023-11-05"),
    ],
)
def test_numeric_dates(text: str, value: str) -> None:
    assert [t.value for t in find_times(_doc(text), TUESDAY)] == [value]


def test_numbers_that_are_not_years() -> None:
    assert find_times(_doc("It cost $2010 and 1,995 lives ."), TUESDAY) == []
