"""An ingest killed (``kill -9``) or interrupted (Ctrl-C) leaves a sound database holding
every document it committed, and running the same command again stores the rest, once."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from conftest import CorpusWriter

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = "2024-11-05"
START_TIMEOUT = 120.0


def _command(corpus: Path, db: Path, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "brinkwatch.cli", "ingest", str(corpus), "--db", str(db),
        "--published", PUBLISHED, "--workers", str(workers),
    ]  # fmt: skip


def _stored(db: Path) -> int:
    """Documents committed so far, read as another process would (0 before the schema)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # no documents table yet
        return 0
    finally:
        conn.close()


def _start_and_wait(command: list[str], db: Path, at_least: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    deadline = time.monotonic() + START_TIMEOUT
    while _stored(db) < at_least:
        if process.poll() is not None:
            pytest.fail(f"ingest ended early: {process.communicate()[1][-2000:]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"fewer than {at_least} documents stored after {START_TIMEOUT}s")
        time.sleep(0.1)
    return process


def _check_database(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        one = conn.execute
        facts = {
            "documents": one("SELECT COUNT(*) FROM documents").fetchone()[0],
            "texts": one("SELECT COUNT(DISTINCT sha256) FROM documents").fetchone()[0],
            "doc_ids": one("SELECT COUNT(DISTINCT doc_id) FROM documents").fetchone()[0],
            "events": one("SELECT COUNT(*) FROM events").fetchone()[0],
            "event_ids": one("SELECT COUNT(DISTINCT id) FROM events").fetchone()[0],
            "attributions": one("SELECT COUNT(*) FROM attributions").fetchone()[0],
            "attribution_ids": one("SELECT COUNT(DISTINCT id) FROM attributions").fetchone()[0],
        }
    conn.close()
    assert facts["documents"] == facts["texts"] == facts["doc_ids"]
    assert facts["events"] == facts["event_ids"]
    assert facts["attributions"] == facts["attribution_ids"]
    return facts


def _records_per_document(db: Path) -> list[tuple[str, int, int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT d.doc_id, (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id), "
            "(SELECT COUNT(*) FROM times t WHERE t.document_id = d.id) "
            "FROM documents d ORDER BY d.doc_id"
        ).fetchall()
    conn.close()
    return [(str(a), int(b), int(c)) for a, b, c in rows]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, write_synthetic_corpus: CorpusWriter) -> Path:
    return write_synthetic_corpus(tmp_path_factory.mktemp("resume") / "corpus", 200)


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database of one uninterrupted single-process run over ``corpus``."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    subprocess.run(_command(corpus, db, 1), capture_output=True, cwd=ROOT, check=True)
    return db


@pytest.mark.models
@pytest.mark.parametrize("workers", [1, 2])
def test_kill_9_keeps_a_sound_database_and_a_rerun_finishes_once(
    corpus: Path, uninterrupted: Path, tmp_path: Path, workers: int
) -> None:
    db = tmp_path / "crash.db"
    command = _command(corpus, db, workers)

    process = _start_and_wait(command, db, at_least=40)
    children = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    # worker processes notice that the main process is gone and stop too
    _gone, alive = psutil.wait_procs(children, timeout=20)
    assert alive == []

    kept = _check_database(db)["documents"]
    assert 40 <= kept < 200

    rerun = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"ingested {200 - kept} new, {kept} already stored, 0 failed" in rerun.stderr
    final = _check_database(db)
    assert final["documents"] == 200

    # the same records as one uninterrupted run
    assert _records_per_document(db) == _records_per_document(uninterrupted)


@pytest.mark.models
def test_ctrl_c_stops_cleanly_and_keeps_what_was_committed(
    tmp_path: Path, write_synthetic_corpus: CorpusWriter
) -> None:
    corpus = write_synthetic_corpus(tmp_path / "corpus", 60)
    db = tmp_path / "interrupted.db"
    command = _command(corpus, db, 2)

    process = _start_and_wait(command, db, at_least=10)
    children = psutil.Process(process.pid).children(recursive=True)
    seen = _stored(db)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (1, 130)  # handled: an exit status, not death by signal
    assert "Traceback" not in stderr
    _gone, alive = psutil.wait_procs(children, timeout=20)
    assert alive == []
    kept = _check_database(db)["documents"]
    assert seen <= kept < 60

    rerun = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"ingested {60 - kept} new, {kept} already stored, 0 failed" in rerun.stderr
    assert _check_database(db)["documents"] == 60
