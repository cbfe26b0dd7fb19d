"""``read_inputs``: files, folders, ``-`` and URLs to one stream of Articles and InputErrors."""

from __future__ import annotations

import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from .. import settings
from ..errors import BinaryInput, EmptyInput, InputError, UnreadableInput
from ..records import Article
from .article import ReadContext, one_line
from .csv import read_csv
from .dates import normalise_date
from .decode import SNIFF_BYTES, binary_reason, head_bytes, open_binary, read_bounded, read_document
from .dedup import Deduplicator
from .feeds import looks_like_feed, read_feed
from .fetch import Fetched, fetch_url, is_url
from .folders import walk_folder
from .formats import detect_format, format_from_bytes, format_from_name, is_known_file, parse_format
from .html import read_html
from .jsonl import read_json, read_jsonl
from .text import read_text

__all__ = ["STDIN_NAME", "read_inputs"]

Item = Article | InputError
STREAMED_FORMATS = frozenset({"jsonl", "csv", "tsv"})
STDIN_NAME = "<stdin>"  # how messages name standard input; its single document's id is "-"
_CONTENT_TYPES = {
    "html": "html", "xhtml": "html", "rss": "feed", "atom": "feed", "rdf": "feed",
    "xml": "xml", "plain": "text", "json": "json", "ndjson": "jsonl", "jsonl": "jsonl",
    "csv": "csv", "tab-separated-values": "tsv",
}  # fmt: skip


def read_inputs(
    sources: Iterable[str | os.PathLike[str]],
    *,
    input_format: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    max_bytes: int | None = None,
    timeout: float = 10.0,
    dedup: Deduplicator | None = None,
    require_english: bool = True,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputError]:
    """Articles from ``sources``, in order, with an ``InputError`` (yielded, not raised) for
    each input — or line — that cannot be used; the good inputs around it still come through.

    - ``input_format``: force a format (``text``, ``html``, ``jsonl``, ``json``, ``csv``,
      ``tsv``, ``feed`` or an alias such as ``rss``) instead of detecting it per file.
    - ``published`` / ``outlet``: fill what an input does not give (input values win).
    - ``max_bytes``: largest document (setting ``max_bytes``, 8 MB); for JSONL/CSV, per line.
    - ``timeout``: seconds per network step for URLs (the whole fetch ≤ twice that).
    - ``dedup``: drops articles seen before (same text or URL); a fresh one per call unless
      given, so pass one ``Deduplicator`` to several calls to deduplicate across them.
    - ``require_english``: refuse texts that are clearly not English.
    - ``stdin``: the stream ``-`` reads (standard input by default).

    Raises ``ValueError`` at once for an unknown ``input_format`` or a ``published`` that is
    not a date; nothing about the inputs themselves is ever raised.
    """
    forced = parse_format(input_format) if input_format else None
    default_published = normalise_date(published) if published else None
    if published and default_published is None:
        raise ValueError(f"published {published!r} is not a date (use YYYY-MM-DD)")
    ctx = ReadContext(
        max_bytes=int(settings.get("max_bytes", max_bytes)),
        published=default_published,
        outlet=" ".join(outlet.split()) or None if outlet is not None else None,
        timeout=timeout,
        require_english=require_english,
    )
    items = _read_sources(sources, ctx, forced, stdin)
    return _deduplicated(items, dedup if dedup is not None else Deduplicator())


def _deduplicated(items: Iterator[Item], dedup: Deduplicator) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Article) and dedup.is_duplicate(item):
            continue
        yield item


def _read_sources(
    sources: Iterable[str | os.PathLike[str]],
    ctx: ReadContext,
    forced: str | None,
    stdin: BinaryIO | None,
) -> Iterator[Item]:
    for source in sources:
        name = os.fspath(source)
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guarded(_read_stdin(stream, ctx, forced), STDIN_NAME)
        elif is_url(name):
            yield from _guarded(_read_url(name, ctx, forced), name)
        elif os.path.isdir(name):
            yield from _read_folder(name, ctx, forced)
        else:
            yield from _guarded(_read_file(name, ctx, forced), name)


def _guarded(items: Iterator[Item], origin: str) -> Iterator[Item]:
    """``items``, with an ``InputError`` raised while reading them turned into the last item."""
    try:
        yield from items
    except InputError as error:
        yield error
    except Exception as exc:  # a parser bug on one input must not end the whole run
        yield UnreadableInput(origin, one_line(f"unexpected {type(exc).__name__}: {exc}"))


def _read_folder(folder: str, ctx: ReadContext, forced: str | None) -> Iterator[Item]:
    found = False
    for path in walk_folder(folder):
        if isinstance(path, InputError):
            yield path
        elif forced or is_known_file(path):
            found = True
            yield from _guarded(_read_file(path, ctx, forced), path)
    if not found:
        yield EmptyInput(folder, "no files to read in the folder")


def _read_file(name: str, ctx: ReadContext, forced: str | None) -> Iterator[Item]:
    path = Path(name)
    if not path.is_file():
        raise UnreadableInput(name, "no such file" if not path.exists() else "not a file")
    fmt = forced or detect_format(name)
    if fmt in STREAMED_FORMATS:
        yield from _read_corpus_file(path, name, fmt, ctx)
    else:
        data = read_document(path, name, ctx.max_bytes)
        yield from _read_document(data, fmt, ctx, doc_id=name, origin=name)


def _read_corpus_file(path: Path, name: str, fmt: str, ctx: ReadContext) -> Iterator[Item]:
    """A JSONL/CSV file, streamed line by line: no size limit on the file, only per line."""
    head = head_bytes(path, name)
    reason = binary_reason(head)
    if reason:
        raise BinaryInput(name, reason)
    if not head.strip():
        raise EmptyInput(name)
    with open_binary(path, name) as stream:
        try:
            yield from _read_corpus(stream, fmt, ctx, name=name)
        except (OSError, EOFError, zlib.error) as exc:
            raise UnreadableInput(name, one_line(f"corrupt or unreadable: {exc}")) from exc


def _read_corpus(stream: BinaryIO, fmt: str, ctx: ReadContext, *, name: str) -> Iterator[Item]:
    if fmt == "jsonl":
        return read_jsonl(stream, ctx, name=name)
    return read_csv(stream, ctx, name=name, delimiter="\t" if fmt == "tsv" else ",")


def _read_document(
    data: bytes, fmt: str, ctx: ReadContext, *, doc_id: str, origin: str, url: str | None = None
) -> Iterator[Item]:
    """One file's (or page's) bytes in format ``fmt``: one Article, or several for feeds/JSON."""
    if fmt == "html":
        yield read_html(data, ctx, doc_id=doc_id, origin=origin, url=url)
    elif fmt == "feed":
        yield from read_feed(data, ctx, origin=origin)
    elif fmt == "json":
        yield from read_json(data, ctx, name=origin)
    elif fmt in STREAMED_FORMATS:
        yield from _read_corpus(io.BytesIO(data), fmt, ctx, name=origin)
    else:
        yield read_text(data, ctx, doc_id=doc_id, origin=origin, url=url)


def _read_stdin(stream: BinaryIO, ctx: ReadContext, forced: str | None) -> Iterator[Item]:
    fmt = forced or "text"
    if fmt in STREAMED_FORMATS:
        yield from _read_corpus(stream, fmt, ctx, name=STDIN_NAME)
        return
    data = read_bounded(stream, STDIN_NAME, ctx.max_bytes)
    if not data.strip():
        raise EmptyInput(STDIN_NAME)
    yield from _read_document(data, fmt, ctx, doc_id="-", origin=STDIN_NAME)


def _read_url(url: str, ctx: ReadContext, forced: str | None) -> Iterator[Item]:
    fetched = fetch_url(url, timeout=ctx.timeout, max_bytes=ctx.max_bytes)
    if not fetched.data.strip():
        raise EmptyInput(url, "the server sent nothing")
    fmt = forced or _format_of_fetched(fetched)
    yield from _read_document(fetched.data, fmt, ctx, doc_id=url, origin=url, url=fetched.url)


def _format_of_fetched(fetched: Fetched) -> str:
    """A feed if the bytes say so, else what the URL's extension or the content type says."""
    head = fetched.data[:SNIFF_BYTES]
    if looks_like_feed(head):
        return "feed"
    by_name = format_from_name(urlsplit(fetched.url).path)
    if by_name is not None:
        return by_name
    subtype = fetched.content_type.rpartition("/")[2].split("+")[0]  # rss+xml → rss
    by_type = _CONTENT_TYPES.get(subtype)
    if by_type is not None and by_type != "xml":
        return by_type
    return format_from_bytes(head)
