"""Plain-text documents: one file (or stdin, or a fetched page) is one ``Article``."""

from __future__ import annotations

from ..records import Article
from .article import ReadContext, finish_article
from .decode import decode_text

__all__ = ["read_text"]


def read_text(
    data: bytes, ctx: ReadContext, *, doc_id: str, origin: str, url: str | None = None
) -> Article:
    """The document in ``data``: decoded, newlines normalised, otherwise as written."""
    return finish_article(
        ctx, doc_id=doc_id, text=decode_text(data, origin), origin=origin, url=url
    )
