"""docs/reference.md is generated from the code and must be regenerated when the code changes."""

from __future__ import annotations

from pathlib import Path

from brinkwatch.reference import render_reference

PAGE = Path(__file__).resolve().parents[1] / "docs" / "reference.md"


def test_reference_page_is_current() -> None:
    assert PAGE.read_text(encoding="utf-8") == render_reference(), (
        "run `python -m brinkwatch.reference > docs/reference.md`"
    )


def test_reference_names_every_setting_and_command() -> None:
    page = render_reference()
    for env in ("BRINKWATCH_MODEL", "BRINKWATCH_DB", "BRINKWATCH_ACTOR_DICTIONARIES"):
        assert env in page
    for command in ("extract", "ingest", "events", "commitments", "info", "eval"):
        assert f"`brinkwatch {command}`" in page
