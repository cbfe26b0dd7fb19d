"""RSS and Atom feeds via feedparser: one ``Article`` per entry.

An entry's text is its title and its content (or summary) with the HTML stripped; its link
is the url, its published (or updated) date the publication date, the feed's title the
outlet. ``doc_id`` is the entry's id (guid), else its link, else ``SOURCE#N``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import BinaryInput, EmptyInput, InputError, UnreadableInput
from ..records import Article
from .article import ReadContext, finish_article, one_line
from .dates import normalise_date
from .decode import SNIFF_BYTES, binary_reason
from .html import strip_tags

__all__ = ["looks_like_feed", "read_feed"]

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_SAX_POSITION = re.compile(r"^<unknown>:\d+:\d+: ")
_HTML_ROOT = re.compile(rb"<(?:html|!doctype\s+html)[\s>]", re.IGNORECASE)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of an XML document are an RSS, RDF or Atom feed."""
    feed = _FEED_ROOT.search(head)
    if feed is None:
        return False
    page = _HTML_ROOT.search(head)
    return page is None or page.start() > feed.start()


def read_feed(data: bytes, ctx: ReadContext, *, origin: str) -> Iterator[Article | InputError]:
    """The entries of the feed in ``data``; a feed with no readable entry is one error."""
    reason = binary_reason(data[:SNIFF_BYTES])
    if reason:
        raise BinaryInput(origin, reason)
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries and not parsed.get("bozo"):
        raise EmptyInput(origin, "a feed with no entries")
    if not entries:
        problem = _SAX_POSITION.sub("", str(parsed.get("bozo_exception")))
        raise UnreadableInput(origin, one_line(f"broken feed: {problem}"))
    outlet = parsed.get("feed", {}).get("title")
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#{number}"
        try:
            yield _entry_article(ctx, entry, origin=entry_origin, outlet=outlet)
        except InputError as error:
            yield error


def _entry_article(
    ctx: ReadContext, entry: Mapping[str, Any], *, origin: str, outlet: str | None
) -> Article:
    title = strip_tags(entry.get("title") or "")
    body = strip_tags(_entry_body(entry))
    text = "\n\n".join(part for part in (title, body) if part)
    # the date as written (the publisher's day), else feedparser's UTC one
    published = (
        normalise_date(entry.get("published") or entry.get("updated"))
        or entry.get("published_parsed")
        or entry.get("updated_parsed")
    )
    return finish_article(
        ctx,
        doc_id=str(entry.get("id") or entry.get("link") or origin),
        text=text,
        origin=origin,
        published=published,
        outlet=strip_tags(outlet) if outlet else None,
        title=title or None,
        url=entry.get("link"),
    )


def _entry_body(entry: Mapping[str, Any]) -> str:
    """The longest of the entry's content parts and its summary (often a cut of the content)."""
    candidates = [str(part.get("value") or "") for part in entry.get("content") or []]
    candidates.append(str(entry.get("summary") or ""))
    return max(candidates, key=len)
