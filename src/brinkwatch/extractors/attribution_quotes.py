"""Quotation spans in a text: where direct speech starts and ends.

Curly quotes open and close explicitly; a straight ``"`` toggles. A quotation left open at
the end of a paragraph closes there (news style continues a long quote in the next paragraph
with a new opening mark).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

__all__ = ["QuoteIndex", "quote_spans"]

_OPEN = "“„«"
_CLOSE = "”»"
_STRAIGHT = '"'
_MARKS = re.compile('[\n"“„«”»]')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every quotation, marks included, in text order."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for mark in _MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch == "\n":
            if start is not None and i > start + 1:
                spans.append((start, i))
            start = None
        elif ch in _OPEN:
            if start is None:
                start = i
        elif ch in _CLOSE:
            if start is not None:
                spans.append((start, i + 1))
                start = None
        elif ch == _STRAIGHT:
            if start is None:
                start = i
            else:
                spans.append((start, i + 1))
                start = None
    if start is not None and len(text) > start + 1:
        spans.append((start, len(text)))
    return spans


class QuoteIndex:
    """Fast "is this offset inside a quotation" and "how much of this span is quoted"."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self._starts = [s for s, _ in self.spans]

    def covering(self, offset: int) -> tuple[int, int] | None:
        """The quotation that contains ``offset`` strictly inside its marks, or None."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0:
            start, end = self.spans[i]
            if start < offset < end:
                return self.spans[i]
        return None

    def quoted_share(self, start: int, end: int) -> float:
        """The share of characters in ``[start, end)`` that lie inside quotations."""
        if end <= start:
            return 0.0
        inside = 0
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e = self.spans[i]
            inside += max(0, min(e, end) - max(s, start))
            i += 1
        return inside / (end - start)

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations that overlap ``[start, end)``."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        found = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                found.append(self.spans[i])
            i += 1
        return found
