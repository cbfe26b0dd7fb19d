"""Which reader an input goes to: by its name, and by its first bytes when the name says little.

Formats: ``text``, ``html``, ``jsonl``, ``json``, ``csv``, ``tsv``, ``feed`` (RSS/Atom/RDF).
Sources that are not one file: ``folder``, ``stdin`` (``-``) and ``url``. A ``.gz`` suffix
is transport, not format: ``corpus.jsonl.gz`` is ``jsonl``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import PurePath

from .decode import GZIP_MAGIC, SNIFF_BYTES, binary_reason
from .feeds import looks_like_feed
from .fetch import is_url

__all__ = [
    "FORMATS",
    "FORMAT_ALIASES",
    "detect_format",
    "format_from_bytes",
    "format_from_name",
    "is_known_file",
    "parse_format",
]

FORMATS: tuple[str, ...] = ("csv", "feed", "html", "json", "jsonl", "text", "tsv")

# Every name a user may give --input-format, and every file extension we know.
FORMAT_ALIASES: dict[str, str] = {
    "text": "text", "txt": "text", "md": "text",
    "html": "html", "htm": "html", "xhtml": "html",
    "jsonl": "jsonl", "ndjson": "jsonl", "json": "json",
    "csv": "csv", "tsv": "tsv", "tab": "tsv",
    "feed": "feed", "rss": "feed", "atom": "feed", "rdf": "feed",
}  # fmt: skip
_XML_EXTENSIONS = frozenset({"xml"})
_EXTENSION = re.compile(r"^(?=[a-z0-9]*[a-z])[a-z0-9]{1,6}$")


def parse_format(name: str) -> str:
    """The canonical format for a user-given name (``rss`` → ``feed``); ``ValueError`` if none."""
    try:
        return FORMAT_ALIASES[name.strip().lower().lstrip(".")]
    except KeyError:
        known = ", ".join(sorted(FORMAT_ALIASES))
        raise ValueError(f"unknown input format {name!r}; known: {known}") from None


def format_from_name(name: str) -> str | None:
    """The format a file name announces (``.gz`` looked through), or None (``.xml``, none)."""
    extension = _extension(name)
    return FORMAT_ALIASES.get(extension) if extension else None


def format_from_bytes(head: bytes) -> str:
    """The format the first bytes of a document show: feed, html, jsonl, or text."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        if looks_like_feed(stripped[:SNIFF_BYTES]):
            return "feed"
        return "html"
    if stripped.startswith(b"{"):
        first_line = stripped.split(b"\n", 1)[0]
        try:
            return "jsonl" if isinstance(json.loads(first_line), dict) else "json"
        except (ValueError, UnicodeDecodeError):
            return "json"  # one object over several lines
    if stripped.startswith(b"["):
        return "json"
    return "text"


def detect_format(path: str | os.PathLike[str]) -> str:
    """The format of one input: a file's format, or ``folder``, ``stdin``, ``url``.

    The name decides (``.txt``, ``.html``, ``.jsonl``, ``.csv``, ``.rss``, ... and the same
    with ``.gz``); an ``.xml`` file, or one with no or an unknown extension, is sniffed
    (feed or HTML page or JSON or text). A binary or missing file says ``text``: reading it
    gives the error.
    """
    source = os.fspath(path)
    if source == "-":
        return "stdin"
    if is_url(source):
        return "url"
    if os.path.isdir(source):
        return "folder"
    by_name = format_from_name(source)
    if by_name is not None:
        return by_name
    head = _head(source)
    if binary_reason(head):
        return "text"
    return format_from_bytes(head)


def is_known_file(name: str) -> bool:
    """Whether a file met in a folder is one to read: a known extension, ``.xml``, or none."""
    extension = _extension(name)
    return extension is None or extension in FORMAT_ALIASES or extension in _XML_EXTENSIONS


def _extension(name: str) -> str | None:
    """The lower-case extension under any ``.gz``: ``a.JSONL.gz`` → ``jsonl``; None if none.

    Only a short alphanumeric suffix counts, so ``Mr. Smith`` or ``notes.2024`` have none.
    """
    parts = PurePath(name).name.lower().split(".")[1:]
    if parts and parts[-1] == "gz":
        parts.pop()
    if parts and _EXTENSION.match(parts[-1]):
        return parts[-1]
    return None


def _head(source: str) -> bytes:
    import gzip

    try:
        with open(source, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
        if head.startswith(GZIP_MAGIC):
            with gzip.open(source, "rb") as stream:
                head = stream.read(SNIFF_BYTES)
    except (OSError, EOFError):
        return b""
    return head
