"""The attribution lexicons: cue verbs and nouns by class, and the outlet list.

Both live as YAML under ``data/attribution/`` and are loaded once per process. Matching is by
lemma for cues and by surface form for outlets, so users extend the files, not the code.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml
from spacy.strings import StringStore

__all__ = [
    "CUE_CLASSES",
    "SOURCING_CLASSES",
    "CueLexicon",
    "OutletLexicon",
    "cue_lexicon",
    "outlet_lexicon",
]

CUE_CLASSES: tuple[str, ...] = ("speech", "evidence", "stance", "cognition", "intent")
# Classes whose content is a claim made on the source's word; intentions are not.
SOURCING_CLASSES: frozenset[str] = frozenset({"speech", "evidence", "stance", "cognition"})


def _load(name: str) -> dict[str, Any]:
    text = resources.files("brinkwatch.extractors").joinpath("data", "attribution", name)
    data = yaml.safe_load(text.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"data/attribution/{name}: expected a mapping at the top level")
    return data


def _by_class(table: Mapping[str, list[str]]) -> dict[str, str]:
    """``{class: [word, ...]}`` -> ``{word: class}``; a word keeps the first class it is in."""
    found: dict[str, str] = {}
    for cls in CUE_CLASSES:
        for word in table.get(cls) or ():
            found.setdefault(str(word).lower(), cls)
    return found


@dataclass(frozen=True)
class CueLexicon:
    verb_class: Mapping[str, str]
    noun_class: Mapping[str, str]
    phrase_content: frozenset[str]
    light_verbs: frozenset[str]
    according: frozenset[str]
    document_subjects: frozenset[str]
    lemma_hashes: npt.NDArray[np.uint64]  # every cue lemma, as spaCy string hashes


@functools.cache
def cue_lexicon() -> CueLexicon:
    data = _load("cues.yaml")
    verb_class = _by_class(data.get("verbs") or {})
    noun_class = _by_class(data.get("nouns") or {})
    light_verbs = frozenset(str(w).lower() for w in data.get("light_verbs") or ())
    according = frozenset(str(w).lower() for w in data.get("according_to") or ())
    lemmas = {*verb_class, *noun_class, *light_verbs, *according}
    strings = StringStore()  # the hash spaCy gives a string is the same in every store
    return CueLexicon(
        verb_class=verb_class,
        noun_class=noun_class,
        phrase_content=frozenset(str(w).lower() for w in data.get("phrase_content") or ()),
        light_verbs=light_verbs,
        according=according,
        document_subjects=frozenset(str(w).lower() for w in data.get("document_subjects") or ()),
        lemma_hashes=np.array(sorted(strings.add(w) for w in lemmas), dtype=np.uint64),
    )


@dataclass(frozen=True)
class OutletLexicon:
    names: Mapping[str, str]  # surface form -> canonical name
    words: frozenset[str]  # last words that make an ORG entity an outlet

    def canonical(self, text: str) -> str | None:
        """The outlet named by ``text`` ("the AP", "New York Times"), or None."""
        name = text.strip().strip(".,;:'\"“”’")
        for candidate in (name, _without_article(name)):
            if candidate in self.names:
                return self.names[candidate]
        return None

    def looks_like_outlet(self, entity_text: str) -> bool:
        words = entity_text.split()
        return bool(words) and words[-1] in self.words


def _without_article(name: str) -> str:
    for article in ("the ", "The "):
        if name.startswith(article):
            return name[len(article) :]
    return name


@functools.cache
def outlet_lexicon() -> OutletLexicon:
    data = _load("outlets.yaml")
    names: dict[str, str] = {}
    for canonical, aliases in (data.get("outlets") or {}).items():
        for form in (str(canonical), *(str(a) for a in aliases or ())):
            names.setdefault(form, str(canonical))
            names.setdefault(_without_article(form), str(canonical))
    return OutletLexicon(
        names=names, words=frozenset(str(w) for w in data.get("outlet_words") or ())
    )
