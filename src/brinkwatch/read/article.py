"""What every reader shares: the options of one read, and turning fields into an ``Article``.

``finish_article`` is the one place where defaults (``--published``, ``--outlet``) fill what the
input does not give, dates are normalised, and empty or non-English texts are refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import EmptyInput, MalformedLine, UnreadableInput
from ..records import Article
from .dates import normalise_date
from .language import not_english_reason

__all__ = [
    "RECORD_FIELDS",
    "ReadContext",
    "article_from_record",
    "finish_article",
    "human_size",
    "one_line",
]

# Column / key names a JSON or CSV record may use, first one wins; the first is the contract's.
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id"),
    "text": ("text", "body", "content"),
    "published": ("published", "date"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source"),
    "url": ("url", "link"),
}


@dataclass(frozen=True)
class ReadContext:
    """Options of one ``read_inputs`` call, handed to every reader."""

    max_bytes: int
    published: str | None = None  # normalised default for inputs that give no date
    outlet: str | None = None
    timeout: float = 10.0
    require_english: bool = True


def finish_article(
    ctx: ReadContext,
    *,
    doc_id: str,
    text: str,
    origin: str,
    published: object = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Article:
    """An ``Article``, or raise ``EmptyInput``/``UnreadableInput`` naming ``origin``."""
    if not text.strip():
        raise EmptyInput(origin)
    if ctx.require_english:
        reason = not_english_reason(text)
        if reason:
            raise UnreadableInput(origin, reason)
    return Article(
        doc_id=doc_id,
        text=text,
        published=normalise_date(published) or ctx.published,
        outlet=_clean(outlet) or ctx.outlet,
        title=_clean(title),
        url=_clean(url),
        origin=origin,
    )


def article_from_record(
    ctx: ReadContext, record: object, *, origin: str, fallback_id: str
) -> Article:
    """One JSON object or CSV row → ``Article``; ``MalformedLine`` when it has no text."""
    if not isinstance(record, Mapping):
        raise MalformedLine(origin, f"a {type(record).__name__}, not an object")
    fields = {key: _field(record, names) for key, names in RECORD_FIELDS.items()}
    text = fields["text"]
    if not isinstance(text, str):
        raise MalformedLine(origin, "no 'text'" if text is None else "'text' is not a string")
    doc_id = fields["id"]
    return finish_article(
        ctx,
        doc_id=str(doc_id) if doc_id not in (None, "") else fallback_id,
        text=text,
        origin=origin,
        published=fields["published"],
        outlet=_text_or_none(fields["outlet"]),
        title=_text_or_none(fields["title"]),
        url=_text_or_none(fields["url"]),
    )


def _field(record: Mapping[object, object], names: tuple[str, ...]) -> object:
    for name in names:
        value = record.get(name)
        if value is not None and value != "":
            return value
    return None


def _text_or_none(value: object) -> str | None:
    if isinstance(value, Mapping):  # e.g. "source": {"id": "bbc-news", "name": "BBC News"}
        value = value.get("name")
    return None if value is None else str(value)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


_SPACES = re.compile(r"\s+")


def one_line(detail: object, limit: int = 160) -> str:
    """``detail`` on one line, cut to ``limit`` characters: error messages stay one line."""
    text = _SPACES.sub(" ", str(detail)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def human_size(n_bytes: int) -> str:
    """``8388608`` → ``8.0 MB``; small sizes in bytes."""
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):.1f} MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:.1f} KB"
    return f"{n_bytes} bytes"
