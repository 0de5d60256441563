"""URLs against a real HTTP server on 127.0.0.1: articles, feeds, redirects, 404, timeout, size limit."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.ingest import expand_inputs, read_inputs
from storyline.ingest.fetch import fetch_url
from storyline.model import Article, PartialDate, Rejected
from storyline.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SEEN_AGENTS: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    """Routes: /article (HTML), /feed (RSS, no extension), /moved → /article, /slow, /big, anything else 404."""

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout, size limit)
            pass

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self._send(200, (FIXTURES / "article_nl.html").read_bytes(), "text/html; charset=utf-8")
        elif self.path == "/feed":
            self._send(200, (FIXTURES / "nos_nl.rss").read_bytes(), "application/rss+xml")
        elif self.path == "/feed-as-text":
            self._send(200, (FIXTURES / "world.atom").read_bytes(), "text/plain")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2.0)
            self._send(200, b"<html><body><p>te laat</p></body></html>", "text/html")
        elif self.path == "/big":
            self._send(200, b"<p>" + b"x" * 50_000 + b"</p>", "text/html")
        elif self.path == "/big-chunked":
            self._send(200, b"<p>" + b"y" * 50_000 + b"</p>", "text/html", length=False)
        elif self.path == "/latin1":
            body = "<html><body><article><p>Het ministerie van Financiën meldt dat de coördinatie tussen de " \
                   "diensten in Minsk volgens de regering beter moet worden.</p></article></body></html>"
            self._send(200, body.encode("cp1252"), "text/html; charset=windows-1252")
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_is_a_source(server: str) -> None:
    [source], rejected = expand_inputs([f"{server}/article"], Settings())
    assert rejected == [] and source.kind == "url" and source.location == f"{server}/article"


def test_article_page(server: str) -> None:
    SEEN_AGENTS.clear()
    settings = Settings(user_agent="storyline-test/1.0 (+tests)")
    [article] = list(read_inputs([f"{server}/article"], settings))
    assert isinstance(article, Article)
    assert article.fmt == "html" and article.title == "Poetin zegt Loekasjenko steun toe in Sotsji"
    assert article.source == f"{server}/article"
    assert article.published == PartialDate(2020, 9, 14, 21, 5)
    assert SEEN_AGENTS == ["storyline-test/1.0 (+tests)"]


def test_feed_by_content_type_and_by_sniffing(server: str) -> None:
    items = list(read_inputs([f"{server}/feed", f"{server}/feed-as-text"], Settings()))
    assert [i.fmt for i in items if isinstance(i, Article)] == ["feed"] * 5
    assert all(isinstance(i, Article) for i in items)


def test_redirect_followed(server: str) -> None:
    [article] = list(read_inputs([f"{server}/moved"], Settings()))
    assert isinstance(article, Article)
    assert article.url == "https://voorbeeldkrant.example/buitenland/poetin-steun-loekasjenko"  # canonical


def test_declared_charset_used(server: str) -> None:
    [article] = list(read_inputs([f"{server}/latin1"], Settings()))
    assert isinstance(article, Article) and "Financiën" in article.text


def test_http_404(server: str) -> None:
    [item] = list(read_inputs([f"{server}/missing"], Settings()))
    assert isinstance(item, Rejected)
    assert item.source == f"{server}/missing"
    assert item.reason.startswith("HTTP 404 Not Found")


def test_timeout(server: str) -> None:
    start = time.perf_counter()
    [item] = list(read_inputs([f"{server}/slow"], Settings(http_timeout=0.3)))
    assert time.perf_counter() - start < 1.8
    assert isinstance(item, Rejected) and item.reason.startswith("timed out after 0.3 s")


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_too_large(server: str, path: str) -> None:
    [item] = list(read_inputs([f"{server}{path}"], Settings(http_max_bytes=10_000)))
    assert isinstance(item, Rejected) and item.reason.startswith("HTTP response too large")


def test_redirect_loop(server: str) -> None:
    result = fetch_url(f"{server}/loop", Settings())
    assert isinstance(result, Rejected) and "redirects" in result.reason


def test_connection_refused() -> None:
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    [item] = list(read_inputs([f"http://127.0.0.1:{port}/x"], Settings(http_timeout=2)))
    assert isinstance(item, Rejected) and item.reason.startswith("could not connect")
