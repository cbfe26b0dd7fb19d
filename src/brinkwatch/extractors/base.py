"""The extractor registry and the per-document working state.

An extractor is a plain function over a parsed ``Doc`` that reads what earlier extractors
left in :class:`Extraction` and adds its own records. Each is registered by name and version
(``brinkwatch.events.v1`` style), and the versions of those that ran are stored with every
document, so each stored record names the code that made it.

The order of ``PIPELINE`` is the data flow: times and places first (events need dates and
locations), then actor mentions, attributions (events point to them), events, and last the
commitments that are built from events.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..records import Attribution, Commitment, Entity, Event, Place, Time

__all__ = ["PIPELINE", "Extraction", "Extractor", "extractor", "registered"]


@dataclass
class Extraction:
    """Everything extracted from one document so far; extractors fill it in order."""

    doc: Doc
    doc_id: str
    published: dt.date | None
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    mentions: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)

    def new_id(self, kind: str, n: int) -> str:
        """A stable id: the same document and extractor versions give the same ids."""
        return f"{self.doc_id}:{kind}{n}"


ExtractFn = Callable[[Extraction], None]


@dataclass(frozen=True)
class Extractor:
    name: str
    version: str
    fn: ExtractFn

    @property
    def qualified(self) -> str:
        return f"brinkwatch.{self.name}.v{self.version}"


_REGISTRY: dict[str, Extractor] = {}
_LOADED: list[bool] = []
# the modules that register the built-in extractors
_MODULES = ("time", "place", "actors", "attribution", "events", "commitments")

PIPELINE: tuple[str, ...] = ("times", "places", "actors", "attributions", "events", "commitments")


def extractor(name: str, version: str) -> Callable[[ExtractFn], ExtractFn]:
    """Register ``fn`` as the extractor ``name`` at ``version``."""

    def register(fn: ExtractFn) -> ExtractFn:
        _REGISTRY[name] = Extractor(name, version, fn)
        return fn

    return register


def registered() -> dict[str, Extractor]:
    """The registered extractors, importing the built-in ones on first use."""
    if not _LOADED:
        for module in _MODULES:
            importlib.import_module(f"{__package__}.{module}")
        _LOADED.append(True)
    return dict(_REGISTRY)
