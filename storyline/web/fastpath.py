"""Serve story pages that are already rendered for the story's current version, before routing.

The story page and its JSON twin are what readers load most. Once rendered (by the routes in
``routes_stories``), a page is kept per story version and language; this ASGI layer answers a
``GET /stories/{id}`` or ``/stories/{id}.json`` from that cache after one indexed SQLite read (the
version check), without FastAPI's routing and parameter handling. Everything else, and every
miss, goes on to the app unchanged, so the routes stay the one place that builds pages.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

from storyline.web.digests import DigestCache
from storyline.web.i18n import LANGUAGES, negotiate

PREFIX = "/stories/"
HTML = b"text/html; charset=utf-8"
JSON = b"application/json"


def page_key(fmt: str, lang: str, explicit: bool) -> str:
    """Cache key of a rendered story page: JSON is one page; HTML differs by language and link style."""
    return "json" if fmt == "json" else f"html:{lang}:{int(explicit)}"


def language_of(query_string: bytes, accept_language: str | None) -> tuple[str, bool]:
    """(interface language, chosen explicitly with ?lang=) from the raw query string and header."""
    values = parse_qs(query_string.decode("latin-1")).get("lang") if query_string else None
    query = values[0] if values else None
    explicit = bool(query and query.lower() in LANGUAGES)
    return negotiate(query, accept_language), explicit


class CachedStoryPages:
    """ASGI middleware: cached story pages straight from memory; ``extra_headers`` go on every answer."""

    def __init__(self, app: ASGIApp, cache: DigestCache, store: object,
                 extra_headers: list[tuple[bytes, bytes]]) -> None:
        self.app = app
        self.cache = cache
        self.store = store
        self.extra_headers = extra_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith(PREFIX):
            body, content_type = self._lookup(scope)
            if body is not None:
                headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                           *([(b"vary", b"Accept-Language")] if content_type == HTML else []), *self.extra_headers]
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    def _lookup(self, scope: Scope) -> tuple[bytes | None, bytes]:
        rest = scope["path"][len(PREFIX):]
        if not rest or "/" in rest:
            return None, HTML
        if rest.endswith(".json"):
            return self.cache.page(self.store, rest[:-5], page_key("json", "", False)), JSON  # type: ignore[arg-type]
        accept = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"accept-language"), None)
        lang, explicit = language_of(scope.get("query_string", b""), accept)
        return self.cache.page(self.store, rest, page_key("html", lang, explicit)), HTML  # type: ignore[arg-type]
