"""JSON Lines corpora, streamed: each line ``{"id", "text", "published"?, "title"?, ...}``.

One line at a time, never the whole file: a line that is not JSON, not an object, or has no
``text`` gives a ``MalformedLine`` naming ``FILE:LINE`` and the next line goes on. Blank
lines are skipped. ``doc_id`` is the record's ``id``, else ``FILE:LINE``.

A ``.json`` file holds one object or an array of objects (read whole, so within
``max_bytes``); one that turns out to be JSON Lines is read as such.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError, InputTooLarge, MalformedLine, UnreadableInput
from ..records import Article
from .article import ReadContext, article_from_record, human_size, one_line
from .decode import bounded_lines, decode_text, guess_legacy_encoding

__all__ = ["read_json", "read_jsonl"]


def read_jsonl(stream: BinaryIO, ctx: ReadContext, *, name: str) -> Iterator[Article | InputError]:
    """The records of the JSON Lines in ``stream``; ``name`` prefixes ids and messages."""
    for number, raw in enumerate(bounded_lines(stream, ctx.max_bytes), start=1):
        origin = f"{name}:{number}"
        if raw is None:
            yield InputTooLarge(origin, f"line longer than {human_size(ctx.max_bytes)}")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(_decode_line(raw, origin))
            yield article_from_record(ctx, record, origin=origin, fallback_id=origin)
        except json.JSONDecodeError as exc:
            problem = exc.msg.removesuffix(" at")  # "Unterminated string starting at"
            yield MalformedLine(origin, one_line(f"not JSON: {problem} at column {exc.colno}"))
        except InputError as error:
            yield error


def read_json(data: bytes, ctx: ReadContext, *, name: str) -> Iterator[Article | InputError]:
    """The records of a JSON document: an object, an array of objects, or JSON Lines."""
    text = decode_text(data, name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several values: JSON Lines under a .json name
            yield from read_jsonl(io.BytesIO(text.encode("utf-8")), ctx, name=name)
            return
        problem = exc.msg.removesuffix(" at")
        raise UnreadableInput(name, one_line(f"not JSON: {problem} at line {exc.lineno}")) from exc
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        origin = f"{name}#{number}" if isinstance(document, list) else name
        try:
            yield article_from_record(ctx, record, origin=origin, fallback_id=origin)
        except InputError as error:
            yield error


def _decode_line(raw: bytes, origin: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        encoding = guess_legacy_encoding(raw) or "cp1252"
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise MalformedLine(origin, "not UTF-8 and no known encoding fits") from exc
