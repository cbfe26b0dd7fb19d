"""Dropping the same article seen twice in one read: by content hash and by URL.

The content key is the SHA-256 of the text with runs of whitespace collapsed (a re-saved
copy with other line endings is the same article). The URL key ignores the scheme, a
leading ``www.``, the fragment, a trailing slash and ``utm_*`` tracking parameters.
``read_inputs`` makes a fresh ``Deduplicator`` per call unless given one; pass the same
one to several calls to deduplicate across them. (The store deduplicates again, across
runs, by the SHA-256 of the exact text.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..records import Article

__all__ = ["Deduplicator", "content_key", "url_key"]


def content_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def url_key(url: str) -> str:
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = urlencode(sorted((k, v) for k, v in query if not k.lower().startswith("utm_")))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{kept}" if kept else "")


@dataclass
class Deduplicator:
    """Remembers the articles it has let through; ``is_duplicate`` says whether one is new."""

    by_content: bool = True
    by_url: bool = True
    dropped: int = 0
    _contents: set[str] = field(default_factory=set, repr=False)
    _urls: set[str] = field(default_factory=set, repr=False)

    def is_duplicate(self, article: Article) -> bool:
        """True if ``article`` was seen (same text or same URL); else remember it."""
        content = content_key(article.text) if self.by_content else None
        url = url_key(article.url) if self.by_url and article.url else None
        if (content is not None and content in self._contents) or (
            url is not None and url in self._urls
        ):
            self.dropped += 1
            return True
        if content is not None:
            self._contents.add(content)
        if url is not None:
            self._urls.add(url)
        return False
