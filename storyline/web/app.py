"""The web app: FastAPI with server-rendered pages, their JSON twins, security headers, one error shape.

``create_app(settings)`` opens the store (or uses the one given) and wires the routes of
``routes_stories``, ``routes_articles`` and ``routes_ingest``. Handlers are sync functions, so each
request runs on a worker thread with that thread's own SQLite read connection (WAL): reads never
wait for an ingest.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.errors import StorylineError
from storyline.settings import Settings
from storyline.store import Store
from storyline.web import routes_articles, routes_ingest, routes_stories
from storyline.web.digests import DigestCache, build_digest
from storyline.web.envelope import error_response, wants_json
from storyline.web.fastpath import CachedStoryPages
from storyline.web.render import render_error

log = logging.getLogger("storyline.web")
STATIC_DIR = Path(__file__).parent / "static"

# No script at all: the pages work without JavaScript. Inline SVG uses attributes, not style="".
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'; img-src 'self' data:; style-src 'self'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The ASGI app for ``settings``; opens ``settings.db`` unless a store is passed (then the caller closes it)."""
    owned = store is None
    the_store = store if store is not None else Store(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            the_store.close()

    app = FastAPI(
        title="storyline", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        openapi_url="/openapi.json",
        description="Many news reports in, one story out. Every JSON answer is an envelope: "
                    '{"ok": true, "data": …} or {"ok": false, "error": {"code", "message", "hint"}}. '
                    "Every HTML page has a JSON twin at the same path with .json.",
    )
    app.state.settings = settings
    app.state.store = the_store
    app.state.digests = DigestCache(lambda st, story_id: build_digest(st, story_id, settings.summary_words))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(CachedStoryPages, cache=app.state.digests, store=the_store, extra_headers=SECURITY_HEADERS)
    _add_error_handlers(app)
    app.include_router(routes_stories.router)
    app.include_router(routes_articles.router)
    app.include_router(routes_ingest.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def app_from_env() -> FastAPI:
    """The app for the settings in the environment (what `storyline serve` runs through uvicorn)."""
    return create_app(Settings.from_env())


def respond_error(request: Request, error: StorylineError, headers: dict[str, str] | None = None) -> Response:
    """A coded error as the JSON envelope for API clients, as an HTML page for browsers."""
    if wants_json(request):
        return error_response(error, headers=headers)
    return render_error(request, error, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        return respond_error(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        path = request.url.path
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            error = StorylineError("E061", method=request.method, path=path)
        elif exc.status_code == 404:
            error = StorylineError("E060", path=path)
        else:
            error = StorylineError("E062", reason=str(exc.detail))
        return respond_error(request, error, headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return respond_error(request, StorylineError("E062", reason=_validation_reason(exc.errors())))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return respond_error(request, StorylineError("E063", path=request.url.path))


def _validation_reason(errors: Any) -> str:
    """'page: Input should be a valid integer' for each invalid parameter, joined."""
    parts = []
    for err in errors or []:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body", "header")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid parameters"
