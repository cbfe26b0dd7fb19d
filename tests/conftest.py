"""Shared fixtures: the spaCy model (loaded once), the seed report and the benchmarks.

Files under ../shared/ are read from there and never copied into the repository; tests that
need them skip when they are absent.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from brinkwatch import settings
from brinkwatch.extractors import extract_document
from brinkwatch.nlp import load_model
from brinkwatch.records import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "us-warns-iraq.txt"
BENCH = SHARED / "bench"
SEED_PUBLISHED = dt.date(2024, 11, 5)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model(settings.get("model"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed report not present at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_record(nlp: Language, seed_text: str) -> Document:
    return extract_document(nlp(seed_text), doc_id="seed", published=SEED_PUBLISHED)


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    if not BENCH.exists():
        pytest.skip(f"benchmarks not present at {BENCH}")
    return BENCH


@pytest.fixture
def extract(nlp: Language):  # type: ignore[no-untyped-def]
    """``extract(text, published="2024-11-05")`` -> Document, through the whole pipeline."""

    def run(text: str, published: str | None = "2024-11-05") -> Document:
        when = dt.date.fromisoformat(published) if published else None
        return extract_document(nlp(text), doc_id="t", published=when)

    return run


CorpusWriter = Callable[[Path, int], Path]


@pytest.fixture(scope="session")
def write_synthetic_corpus() -> CorpusWriter:
    """``write_synthetic_corpus(path, n)`` writes n synthetic articles (benchmarks/)."""
    spec = importlib.util.spec_from_file_location(
        "synthetic_corpus", ROOT / "benchmarks" / "synthetic_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    writer: CorpusWriter = module.write_corpus
    return writer
