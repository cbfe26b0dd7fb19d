"""A cheap "is this English?" check, so a French wire story is refused, not mis-coded.

Over a sample of the text: the share of letters in Latin script, then the share of words
that are English function words against the share that are function words of other
Latin-script languages (both lists are data under ``extractors/data/read/``). A text is refused
only on positive evidence — mostly another script, or clearly more foreign than English
function words — so headlines, lists of names and short summaries pass.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["not_english_reason"]

DATA_DIR = Path(__file__).resolve().parents[1] / "extractors" / "data" / "read"
SAMPLE_CHARS = 20_000
MIN_LETTERS = 20  # fewer letters than this: no judgement at all
MIN_WORDS = 12  # fewer words than this: only the script is checked
MIN_LATIN_SHARE = 0.5
MIN_FOREIGN_SHARE = 0.08  # French/German/Spanish/Dutch news runs at 0.15-0.35

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@functools.cache
def function_words(name: str) -> frozenset[str]:
    """The word list ``extractors/data/read/<name>.txt`` (one per line, ``#`` comments)."""
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def not_english_reason(text: str) -> str | None:
    """Why ``text`` does not look English ("not English: ..."), or None when it may be."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    latin = sum(1 for ch in letters if _is_latin(ch))
    if latin / len(letters) < MIN_LATIN_SHARE:
        return "not English: mostly non-Latin script"
    words = _WORD.findall(sample.lower().replace("’", "'"))
    if len(words) < MIN_WORDS:
        return None
    english = _share(words, function_words("english_function_words"))
    foreign = _share(words, function_words("other_function_words"))
    if foreign >= MIN_FOREIGN_SHARE and foreign > english:
        return f"not English: {english:.0%} English against {foreign:.0%} other function words"
    return None


def _share(words: list[str], vocabulary: frozenset[str]) -> float:
    return sum(1 for w in words if w in vocabulary) / len(words)


def _is_latin(ch: str) -> bool:
    code = ord(ch)
    return code < 0x0250 or 0x1E00 <= code <= 0x1EFF
