"""Publication dates normalised to YYYY-MM-DD, and the keys duplicates are found by."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from brinkwatch.read.dates import normalise_date
from brinkwatch.read.dedup import content_key, url_key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-05", "2024-11-05"),
        ("2024-11-05T23:30:00-05:00", "2024-11-05"),  # the day as written, not UTC's
        ("2024-1-5", "2024-01-05"),
        ("9:55 AM ET, Sun January 4, 2015", "2015-01-04"),
        ("Updated 1:12 PM EST, Mon March 2, 2020", "2020-03-02"),
        ("Tue, 05 Nov 2024 08:00:00 GMT", "2024-11-05"),
        ("Published: 12 Feb 2023 | 14:05 GMT", "2023-02-12"),
        ("November 5, 2024", "2024-11-05"),
        ("le 3 mars 2024", "2024-03-03"),
        (dt.date(2020, 2, 29), "2020-02-29"),
        (dt.datetime(2020, 2, 29, 23, 59), "2020-02-29"),
        (time.struct_time((2015, 1, 4, 19, 55, 0, 6, 4, 0)), "2015-01-04"),
        # not a day: None rather than a guess
        ("2024-02-30", None),
        ("March 2020", None),
        ("yesterday", None),
        ("3 days ago", None),
        ("Version 3.2.1", None),
        ("", None),
        (None, None),
        ("1066-10-14", None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_content_key_ignores_whitespace_only() -> None:
    assert content_key("Talks ended.\r\n\r\nTroops left.") == content_key(
        "Talks ended. Troops left."
    )
    assert content_key("Talks ended.") != content_key("Talks began.")


def test_url_key_ignores_scheme_www_fragment_slash_and_tracking() -> None:
    same = {
        url_key(u)
        for u in (
            "https://news.example/a/story?id=7",
            "http://www.news.example/a/story/?id=7#comments",
            "https://NEWS.example/a/story?utm_source=x&id=7",
        )
    }
    assert len(same) == 1
    assert url_key("https://news.example/a/story?id=8") not in same
