"""Server-side HTML: the Jinja2 environment (autoescape on), per-request context, error pages.

Every value from articles (titles, text, outlets, URLs) reaches the page through autoescaping;
links are only made for http(s) URLs (``safe_url``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request
from starlette.responses import HTMLResponse

from storyline.errors import StorylineError
from storyline.web.i18n import LANGUAGES, Translator, format_date, format_span, negotiate

TEMPLATE_DIR = Path(__file__).parent / "templates"

ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (no javascript:, data:, relative tricks)."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in url for ch in "\r\n\t\x00 "):
        return None
    return url


def request_language(request: Request) -> tuple[str, bool]:
    """(interface language, whether it was chosen explicitly with ?lang=)."""
    query = request.query_params.get("lang")
    explicit = bool(query and query.lower() in LANGUAGES)
    return negotiate(query, request.headers.get("accept-language")), explicit


class Links:
    """Builds links inside the app that keep an explicitly chosen language."""

    def __init__(self, lang: str, explicit: bool) -> None:
        self.lang = lang
        self.explicit = explicit

    def __call__(self, path: str, **params: Any) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if self.explicit:
            query["lang"] = self.lang
        return path + ("?" + urlencode(query) if query else "")

    def switch(self, request: Request, lang: str) -> str:
        """The current page in another interface language."""
        query = dict(request.query_params)
        query["lang"] = lang
        return request.url.path + "?" + urlencode(query)


def format_value(value: object, unit: str | None = None) -> str:
    """A fact's normalised value for readers: 1.5 bn USD, 774, 80 %, 2020-08-09."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        v = float(value)
        for size, word in ((1e9, " bn"), (1e6, " mln")):
            if abs(v) >= size:
                text = f"{v / size:,.2f}".rstrip("0").rstrip(".") + word
                break
        else:
            text = f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")
        if unit == "s":
            return _duration(v)
        return f"{text} {unit}".strip() if unit else text
    return str(value)


def _duration(seconds: float) -> str:
    for size, word in ((365 * 86400, "y"), (86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{seconds / size:g} {word}"
    return f"{seconds:g} s"


ENV.globals.update(safe_url=safe_url, format_span=format_span, fvalue=format_value)


def render(request: Request, template: str, context: dict[str, Any], status: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    """Render a page template with the request's language, link helper and JSON-twin link."""
    body = render_bytes(request, template, context)
    response = HTMLResponse(body, status_code=status, headers=headers)
    response.headers["vary"] = "Accept-Language"
    return response


def render_bytes(request: Request, template: str, context: dict[str, Any]) -> bytes:
    """The page as UTF-8 bytes (cacheable by the caller)."""
    lang, explicit = request_language(request)
    t = Translator(lang)
    links = Links(lang, explicit)
    ctx = {
        "request": request, "t": t, "lang": lang, "link": links, "languages": LANGUAGES,
        "switch_lang": lambda code: links.switch(request, code),
        "fdate": lambda iso: format_date(iso, lang),
        "fspan": lambda a, b: format_span(a, b, lang),
        "json_url": context.pop("json_url", None),
    }
    ctx.update(context)
    return ENV.get_template(template).render(ctx).encode("utf-8")


def render_error(request: Request, error: StorylineError, headers: dict[str, str] | None = None) -> HTMLResponse:
    """An error as a page: what went wrong, the code, and what to do."""
    return render(request, "error.html", {"error": error.to_dict(), "title": error.message},
                  status=error.http_status, headers=headers)
