"""The shipped JSON Schema is the one derived from the record types, and records validate."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from brinkwatch.records import Document, record_json_schema

SCHEMA = Path(__file__).resolve().parents[1] / "src/brinkwatch/schema/record.schema.json"


def test_shipped_schema_matches_the_types() -> None:
    assert json.loads(SCHEMA.read_text()) == record_json_schema(), "run `make schema`"


def test_schema_rejects_a_renamed_field() -> None:
    schema = record_json_schema()
    bad = {"doc_id": "x", "text_sha256": "0" * 64, "event": []}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


@pytest.mark.models
def test_seed_record_validates_and_is_complete(seed_record: Document) -> None:
    data = json.loads(seed_record.model_dump_json())
    jsonschema.validate(data, record_json_schema())
    for kind in ("events", "attributions", "times", "places", "commitments"):
        assert data[kind], f"no {kind} from the seed report"
