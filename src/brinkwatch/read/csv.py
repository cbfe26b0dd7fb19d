"""CSV (and TSV) corpora, streamed: a header with the JSON Lines names, one record per row.

Rows are numbered as a spreadsheet shows them: the header is row 1, so the first record is
``FILE:2``. ``doc_id`` is the ``id`` column, else ``FILE:ROW``. A file without a ``text``
column is one ``UnreadableInput``; a row without text is a ``MalformedLine`` and the next
row goes on. Quoted fields may span lines; a field is bounded by ``max_bytes``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError, InputTooLarge, MalformedLine, UnreadableInput
from ..records import Article
from .article import RECORD_FIELDS, ReadContext, article_from_record, human_size, one_line
from .decode import bounded_lines, guess_legacy_encoding

__all__ = ["read_csv"]


def read_csv(
    stream: BinaryIO, ctx: ReadContext, *, name: str, delimiter: str = ","
) -> Iterator[Article | InputError]:
    """The records of the CSV in ``stream``; ``name`` prefixes ids and messages."""
    # csv's field limit is process-wide; raise it (never lower it) to our document limit.
    csv.field_size_limit(max(csv.field_size_limit(), ctx.max_bytes))
    lines = _TextLines(stream, ctx.max_bytes)
    rows = csv.reader(lines, delimiter=delimiter)
    try:
        header = [cell.strip().lower().lstrip("\ufeff") for cell in next(rows)]
    except StopIteration:
        raise UnreadableInput(name, "no header row") from None
    except csv.Error as exc:
        raise UnreadableInput(name, one_line(f"bad header row: {exc}")) from exc
    if not any(column in header for column in RECORD_FIELDS["text"]):
        raise UnreadableInput(name, one_line(f"no 'text' column in the header {header}"))
    row_number = 1
    while True:
        row_number += 1
        origin = f"{name}:{row_number}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield MalformedLine(origin, one_line(exc))
            continue
        if lines.skipped_too_long:
            lines.skipped_too_long = False
            yield InputTooLarge(origin, f"row longer than {human_size(ctx.max_bytes)}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield MalformedLine(origin, f"{len(row)} fields, the header has {len(header)}")
            continue
        record = dict(zip(header, row, strict=False))
        try:
            yield article_from_record(ctx, record, origin=origin, fallback_id=origin)
        except InputError as error:
            yield error


class _TextLines:
    """Decoded lines for ``csv.reader``: UTF-8, else a legacy encoding guessed per line.

    A line longer than ``max_bytes`` is replaced by a blank one and flagged, so the reader
    goes on and the caller reports that row.
    """

    def __init__(self, stream: BinaryIO, max_bytes: int) -> None:
        self._lines = bounded_lines(stream, max_bytes)
        self.skipped_too_long = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        raw = next(self._lines)
        if raw is None:
            self.skipped_too_long = True
            return "\n"
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode(guess_legacy_encoding(raw) or "cp1252", errors="replace")
