"""The benchmark harness behind ``brinkwatch eval <benchmark> PATH``.

Each benchmark is a module here that registers a function ``(path, nlp) -> Report``.
A report holds headline metrics (name -> float), optional tables (title -> rows) and the
targets the project holds itself to, so the CLI can print PASS/FAIL beside each figure.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..errors import BenchmarkNotFound

__all__ = [
    "BENCHMARKS",
    "Report",
    "benchmark",
    "jsonl_path",
    "ratio",
    "read_jsonl",
    "run_benchmark",
]


@dataclass
class Report:
    benchmark: str
    items: int
    metrics: dict[str, float] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    tables: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    def passed(self) -> dict[str, bool]:
        return {k: self.metrics.get(k, 0.0) >= v for k, v in self.targets.items()}

    def as_dict(self) -> dict[str, object]:
        return {
            "benchmark": self.benchmark,
            "items": self.items,
            "metrics": self.metrics,
            "targets": self.targets,
            "passed": self.passed(),
            "tables": self.tables,
        }


BenchFn = Callable[[Path, Language], Report]
_BENCHMARKS: dict[str, BenchFn] = {}

# benchmark name -> module in this package that registers it
BENCHMARKS: dict[str, str] = {
    "plover-gsr": "plover",
    "polnear": "polnear",
    "te3": "te3",
    "tr-news": "trnews",
}


def benchmark(name: str) -> Callable[[BenchFn], BenchFn]:
    def register(fn: BenchFn) -> BenchFn:
        _BENCHMARKS[name] = fn
        return fn

    return register


def run_benchmark(name: str, path: Path, nlp: Language) -> Report:
    """Run benchmark ``name`` on the data at ``path`` (a file or its folder)."""
    if name not in BENCHMARKS:
        raise BenchmarkNotFound(f"unknown benchmark {name!r}; known: {', '.join(BENCHMARKS)}")
    if not path.exists():
        raise BenchmarkNotFound(f"{path}: no such file or folder")
    importlib.import_module(f".{BENCHMARKS[name]}", __name__)
    return _BENCHMARKS[name](path, nlp)


def jsonl_path(path: Path, default_name: str) -> Path:
    """``path`` itself, or ``path/default_name`` when given the benchmark folder."""
    return path / default_name if path.is_dir() else path


def read_jsonl(path: Path, default_name: str) -> list[dict[str, Any]]:
    """The records of a benchmark's JSON Lines file (``path`` or ``path/default_name``)."""
    with jsonl_path(path, default_name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def ratio(part: int, whole: int) -> float:
    """``part / whole`` to four places, 0.0 when there is nothing to divide by."""
    return round(part / whole, 4) if whole else 0.0
