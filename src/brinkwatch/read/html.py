"""HTML pages: boilerplate removed with trafilatura, its metadata kept (title, date, url, site).

A fragment trafilatura will not take (a lone ``<p>``, a feed summary) falls back to
``strip_tags``, which keeps the text and drops markup, scripts and styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from ..errors import EmptyInput
from ..records import Article
from .article import ReadContext, finish_article
from .decode import decode_text

__all__ = ["PageText", "extract_page", "read_html", "strip_tags"]

_SKIPPED = frozenset({"script", "style", "noscript", "template", "title", "svg"})
_BLOCKS = frozenset(
    {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}
    | {"blockquote", "section", "article", "header", "footer", "pre", "figcaption", "hr"}
)
_ANY_SPACES = re.compile(r"\s+")
_INLINE_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    sitename: str | None = None


def read_html(
    data: bytes, ctx: ReadContext, *, doc_id: str, origin: str, url: str | None = None
) -> Article:
    """The article in an HTML page; ``EmptyInput`` when the page holds no text."""
    page = extract_page(decode_text(data, origin), url=url)
    if not page.text.strip():
        raise EmptyInput(origin, "no text in the page")
    return finish_article(
        ctx,
        doc_id=doc_id,
        text=page.text,
        origin=origin,
        published=page.published,
        outlet=page.sitename,
        title=page.title,
        url=page.url or url,
    )


def extract_page(html: str, *, url: str | None = None) -> PageText:
    """Main text and metadata of ``html`` (trafilatura, else tag stripping)."""
    found = _trafilatura(html, url)
    text = (found.get("text") or "").strip()
    if not text:
        text = strip_tags(html)
    return PageText(
        text=text,
        title=found.get("title") or _title_tag(html),
        published=found.get("date"),
        url=found.get("url") or url,
        sitename=found.get("sitename"),
    )


def _trafilatura(html: str, url: str | None) -> dict[str, Any]:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a third-party parser on untrusted input: fall back to strip_tags
        return {}
    if document is None:
        return {}
    fields = ("text", "title", "date", "url", "sitename")
    return {name: getattr(document, name, None) for name in fields}


def strip_tags(html: str) -> str:
    """The text of an HTML fragment: entities decoded, one line per block, no markup."""
    parser = _TextCollector()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = (_INLINE_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _title_tag(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html[:65536], re.IGNORECASE | re.DOTALL)
    if match is None:
        return None
    return strip_tags(match.group(1)) or None


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(_ANY_SPACES.sub(" ", data))  # a newline in HTML is a space
