"""URL inputs against a local http.server on 127.0.0.1, started here and bounded in time."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from brinkwatch.errors import InputError
from brinkwatch.read import read_inputs
from brinkwatch.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "read"
ROUTES: dict[str, tuple[str, bytes]] = {
    "/world/port-strike": (
        "text/html; charset=utf-8",
        (FIXTURES / "port-strike.html").read_bytes(),
    ),
    "/feeds/world": ("application/rss+xml", (FIXTURES / "wire.rss").read_bytes()),
    "/feeds/served-as-xml": ("text/xml", (FIXTURES / "ministry.atom").read_bytes()),
    "/notes.txt": ("text/plain", b"Envoys will meet again on Friday, the mediators said."),
    "/empty": ("text/html", b""),
}


class _Handler(BaseHTTPRequestHandler):
    release: threading.Event

    def do_GET(self) -> None:
        if self.path == "/slow":
            self.release.wait(5)  # hangs until the test is over (at most 5 s)
            return
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/world/port-strike")
            self.end_headers()
            return
        if self.path not in ROUTES:
            self.send_error(404, "Not Found")
            return
        content_type, body = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is expected


@pytest.fixture
def server() -> Iterator[str]:
    release = threading.Event()
    handler = type("Handler", (_Handler,), {"release": release})
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_html_page_by_url(server: str) -> None:
    url = f"{server}/world/port-strike"
    [article] = read_inputs([url], timeout=5)
    assert isinstance(article, Article)
    assert article.doc_id == url
    assert article.title == "Dock workers walk out as port talks collapse"
    assert article.url == "https://courier.example/business/port-strike"  # the canonical one
    assert article.published == "2023-09-14"
    assert "Subscribe" not in article.text


def test_feed_urls_give_their_entries(server: str) -> None:
    items = list(read_inputs([f"{server}/feeds/world", f"{server}/feeds/served-as-xml"], timeout=5))
    assert all(isinstance(item, Article) for item in items)
    assert [item.outlet for item in items] == ["Coastal Wire Service"] * 3 + [
        "Ministry Press Office"
    ] * 2


def test_plain_text_url_and_redirect(server: str) -> None:
    articles = list(read_inputs([f"{server}/notes.txt", f"{server}/redirect"], timeout=5))
    assert [type(a) for a in articles] == [Article, Article]
    first, second = articles
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "Envoys will meet again on Friday, the mediators said."
    assert second.title == "Dock workers walk out as port talks collapse"


def test_http_errors_unreachable_and_slow_servers_fail_in_bounded_time(server: str) -> None:
    missing = f"{server}/no-such-story"
    closed = f"http://127.0.0.1:{unused_port()}/story"
    slow = f"{server}/slow"
    empty = f"{server}/empty"
    started = time.monotonic()
    items = list(read_inputs([missing, closed, slow, empty, f"{server}/notes.txt"], timeout=0.5))
    assert time.monotonic() - started < 4.0
    errors = [str(item) for item in items if isinstance(item, InputError)]
    assert errors == [
        f"E106 {missing}: cannot be fetched (HTTP 404 Not Found)",
        f"E106 {closed}: cannot be fetched (connection refused)",
        f"E106 {slow}: cannot be fetched (timed out after 0.5 s)",
        f"E102 {empty}: empty document (the server sent nothing)",
    ]
    assert [item.doc_id for item in items if isinstance(item, Article)] == [f"{server}/notes.txt"]


def test_url_over_the_size_limit(server: str) -> None:
    url = f"{server}/world/port-strike"
    [error] = read_inputs([url], max_bytes=1000, timeout=5)
    size = len(ROUTES["/world/port-strike"][1])
    assert str(error) == f"E103 {url}: too large ({size / 1024:.1f} KB; the limit is 1000 bytes)"
