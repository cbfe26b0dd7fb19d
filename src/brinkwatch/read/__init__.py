"""Readers: plain text, HTML pages, JSON Lines/JSON/CSV corpora, RSS/Atom feeds, folders,
standard input and URLs, all to ``brinkwatch.records.Article``.

::

    for item in read_inputs(["news/", "feed.rss", "corpus.jsonl.gz", "-"], outlet="Reuters"):
        if isinstance(item, InputError):
            print(item)          # one line naming the input (and line); go on
        else:
            handle(item)         # an Article

Bad inputs (binary, empty, too large, wrongly encoded, malformed lines, broken feeds,
unreachable URLs, not English) are yielded as ``InputError`` objects, never raised, so one
bad file does not stop a run. Corpora are streamed line by line and folders walked one
directory at a time; no input is read past ``max_bytes``. Articles seen twice in one call
(same text or same URL) are dropped — see ``Deduplicator``.
"""

from __future__ import annotations

from .dedup import Deduplicator
from .formats import FORMATS, detect_format, parse_format
from .inputs import read_inputs

__all__ = ["FORMATS", "Deduplicator", "detect_format", "parse_format", "read_inputs"]
