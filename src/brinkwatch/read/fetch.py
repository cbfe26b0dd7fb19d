"""Fetching ``http(s)://`` inputs (standard library ``urllib``), bounded in time and size.

Each network step waits at most ``timeout`` seconds and the whole download must finish
within ``2 × timeout``; the body is read in chunks and cut at ``max_bytes``. Every failure
is a ``FetchFailed`` (or ``InputTooLarge``) naming the URL, never a hang or a traceback.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from ..errors import FetchFailed, InputTooLarge
from .article import human_size, one_line

__all__ = ["Fetched", "fetch_url", "is_url"]

USER_AGENT = "brinkwatch/0.1 (news reader; +https://github.com/brinkwatch)"
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    data: bytes
    content_type: str  # lower case, without parameters: "text/html"
    url: str  # after redirects


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    """The body of ``url``; ``FetchFailed`` on any network or HTTP error."""
    deadline = time.monotonic() + 2 * timeout
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputTooLarge(
                    url, f"{human_size(int(declared))}; the limit is {human_size(max_bytes)}"
                )
            chunks: list[bytes] = []
            received = 0
            while chunk := response.read(CHUNK_BYTES):
                received += len(chunk)
                if received > max_bytes:
                    raise InputTooLarge(url, f"more than the limit of {human_size(max_bytes)}")
                if time.monotonic() > deadline:
                    raise FetchFailed(url, f"took longer than {2 * timeout:g} s")
                chunks.append(chunk)
            content_type = response.headers.get_content_type() or ""
            return Fetched(b"".join(chunks), content_type.lower(), response.geturl())
    except urllib.error.HTTPError as exc:
        exc.close()
        raise FetchFailed(url, one_line(f"HTTP {exc.code} {exc.reason}")) from None
    except urllib.error.URLError as exc:
        raise FetchFailed(url, one_line(_describe(exc.reason, timeout))) from None
    except (TimeoutError, OSError, http.client.HTTPException, ValueError) as exc:
        raise FetchFailed(url, one_line(_describe(exc, timeout))) from None


def _describe(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, BaseException):
        return str(reason) or type(reason).__name__
    return str(reason)
