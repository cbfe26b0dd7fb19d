"""Bytes to text, within limits: binary sniffing, encodings, gzip, bounded reads and lines.

Every function here either returns usable bytes/text or raises an ``InputError`` naming
the input; nothing reads more than ``max_bytes`` (+1, to know it was more) into memory.
"""

from __future__ import annotations

import codecs
import gzip
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from ..errors import BinaryInput, EmptyInput, InputTooLarge, UnreadableInput
from .article import human_size, one_line

__all__ = [
    "SNIFF_BYTES",
    "binary_reason",
    "bounded_lines",
    "check_size",
    "decode_text",
    "head_bytes",
    "is_gzip",
    "open_binary",
    "read_bounded",
    "read_document",
]

SNIFF_BYTES = 8192
GZIP_MAGIC = b"\x1f\x8b"
MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_MAGIC = {b"%PDF-": "PDF", b"PK\x03\x04": "ZIP/Office", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG"}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_PREFERRED_LEGACY = "cp1252"  # Western news: smart quotes and dashes as 0x91-0x97


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of an input look binary, or None when they look like text."""
    if head.startswith(_UTF16_BOMS):
        return None
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return f"looks like {kind}"
    if b"\x00" in head:
        return "contains NUL bytes"
    if head:
        controls = sum(1 for b in head if (b < 32 or b == 127) and b not in _TEXT_CONTROLS)
        if controls / len(head) > MAX_CONTROL_SHARE:
            return f"{controls / len(head):.0%} control characters"
    return None


def decode_text(data: bytes, origin: str) -> str:
    """``data`` as text: UTF-8 (BOM dropped), UTF-16 with a BOM, else the best legacy guess.

    Newlines become ``\\n`` (as ``Path.read_text`` gives them). Raises ``BinaryInput`` or
    ``UnreadableInput`` (no encoding fits).
    """
    reason = binary_reason(data[:SNIFF_BYTES])
    if reason:
        raise BinaryInput(origin, reason)
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableInput(origin, "broken UTF-16") from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            encoding = guess_legacy_encoding(data)
            if encoding is None:
                raise UnreadableInput(origin, "not UTF-8 and no known encoding fits") from None
            text = data.decode(encoding, errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def guess_legacy_encoding(data: bytes) -> str | None:
    """The encoding of non-UTF-8 ``data`` per charset-normalizer, preferring cp1252 on a tie."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    for match in matches:
        if match.chaos <= least_chaos + 0.01 and _PREFERRED_LEGACY in match.could_be_from_charset:
            return _PREFERRED_LEGACY
    return str(matches[0].encoding)


def is_gzip(path: Path) -> bool:
    if path.name.lower().endswith(".gz"):
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(2) == GZIP_MAGIC
    except OSError:
        return False


def open_binary(path: Path, origin: str) -> BinaryIO:
    """``path`` opened for reading bytes, decompressing gzip on the fly."""
    try:
        if is_gzip(path):
            return cast(BinaryIO, gzip.open(path, "rb"))
        return path.open("rb")
    except OSError as exc:
        raise UnreadableInput(origin, one_line(exc.strerror or exc)) from exc


def check_size(path: Path, origin: str, max_bytes: int) -> int:
    """The size of ``path``; ``InputTooLarge`` above ``max_bytes``, ``EmptyInput`` at 0."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise UnreadableInput(origin, one_line(exc.strerror or exc)) from exc
    if size > max_bytes:
        raise InputTooLarge(origin, f"{human_size(size)}; the limit is {human_size(max_bytes)}")
    if size == 0:
        raise EmptyInput(origin)
    return size


def read_bounded(stream: BinaryIO, origin: str, max_bytes: int) -> bytes:
    """All of ``stream``, or ``InputTooLarge`` as soon as it passes ``max_bytes``."""
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise UnreadableInput(origin, one_line(f"corrupt or unreadable: {exc}")) from exc
    if len(data) > max_bytes:
        raise InputTooLarge(origin, f"more than the limit of {human_size(max_bytes)}")
    return data


def read_document(path: Path, origin: str, max_bytes: int) -> bytes:
    """The bytes of one document file (gzip decompressed), size-checked before reading."""
    check_size(path, origin, max_bytes)
    with open_binary(path, origin) as stream:
        data = read_bounded(stream, origin, max_bytes)
    if not data.strip():
        raise EmptyInput(origin)
    return data


def head_bytes(path: Path, origin: str, n: int = SNIFF_BYTES) -> bytes:
    """The first ``n`` bytes of ``path`` (decompressed when gzip)."""
    with open_binary(path, origin) as stream:
        try:
            return stream.read(n)
        except (OSError, EOFError, zlib.error) as exc:
            raise UnreadableInput(origin, one_line(f"corrupt or unreadable: {exc}")) from exc


def bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of ``stream`` one at a time; ``None`` for a line longer than ``max_bytes``
    (whose rest is skipped without keeping it), so one bad line never fills memory."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(SNIFF_BYTES * 16)
            yield None
            continue
        yield line
