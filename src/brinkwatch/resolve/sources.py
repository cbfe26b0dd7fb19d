"""Independent sources behind a set of reports: many outlets may be one source.

Each report reaches the reader through a *channel*, and the count is of distinct channels:

- a report whose attribution names an outlet ("two US officials told Axios") comes through
  that outlet, whoever republishes it: Axios itself and two papers citing Axios are one
  channel. Within one outlet, sources of different known countries (US officials and
  Israeli officials, both to Axios) are separate; a source of unknown country joins them.
- a report attributed to a *named* source ("Ukraine's air force said") comes from that
  source, whichever outlet quotes it: keyed by the source's country and head word.
- any other report (unnamed source without an outlet, or no attribution) counts by the
  outlet that published it, or by its document when the outlet is unknown.

Outlet names are compared through the outlet list of the attribution extractor
(``extractors/data/attribution/outlets.yaml``), so "AP" and "The Associated Press" are one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml

from .reports import Report

__all__ = ["canonical_outlet", "independent_sources"]

_OUTLETS_FILE = Path(__file__).parents[1] / "extractors" / "data" / "attribution" / "outlets.yaml"
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")


def _fold(name: str) -> str:
    folded = " ".join(name.lower().replace("’", "'").split())
    return folded[4:] if folded.startswith("the ") else folded


@cache
def _outlet_aliases() -> dict[str, str]:
    """Folded spelling -> canonical outlet name, from the shared outlet list."""
    aliases: dict[str, str] = {}
    data = yaml.safe_load(_OUTLETS_FILE.read_text(encoding="utf-8")) or {}
    outlets = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(outlets, dict):
        return aliases
    for canonical, others in outlets.items():
        for spelling in [canonical, *(others or [])]:
            aliases.setdefault(_fold(str(spelling)), str(canonical))
    return aliases


def canonical_outlet(name: str | None) -> str | None:
    """The outlet's canonical name ("AP" -> "Associated Press"), else the name as given."""
    if name is None or not name.strip():
        return None
    return _outlet_aliases().get(_fold(name), " ".join(name.split()))


def _head_word(text: str) -> str:
    words = _WORD.findall(text.replace("’", "'").replace("'s", ""))
    return words[-1].lower() if words else text.strip().lower()


def independent_sources(reports: Iterable[Report]) -> list[str]:
    """One label per independent source behind ``reports``, sorted."""
    by_outlet: dict[str, set[str | None]] = {}
    named: dict[tuple[str | None, str], str] = {}
    documents: set[str] = set()
    for r in reports:
        via = canonical_outlet(r.via)
        if via is not None:
            by_outlet.setdefault(via, set()).add(r.source_code)
        elif r.source_named and r.source_text:
            key = (r.source_code, _head_word(r.source_text))
            named.setdefault(key, " ".join(r.source_text.split()))
        else:
            own = canonical_outlet(r.outlet)
            if own is not None:
                by_outlet.setdefault(own, set()).add(r.source_code if r.source_text else None)
            else:
                documents.add(r.doc_id)
    labels: set[str] = set(named.values())
    for outlet, codes in by_outlet.items():
        known = sorted(c for c in codes if c)
        if len(known) <= 1:
            labels.add(outlet)
        else:
            labels.update(f"{outlet} ({code} source)" for code in known)
    labels.update(f"document {doc_id}" for doc_id in documents)
    return sorted(labels)
