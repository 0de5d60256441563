"""One JSON envelope for every API answer, errors included.

Success: ``{"ok": true, "data": ...}`` (plus ``"meta"`` for paging). Error:
``{"ok": false, "error": {"code": "E###", "message": ..., "hint": ...}}`` with the HTTP status
of the catalogue entry. A test walks every route (and 404/405/422) to keep this true.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from starlette.responses import JSONResponse

from storyline.errors import StorylineError


class EnvelopeJSON(JSONResponse):
    """JSON in UTF-8 without ASCII escapes, dates and model objects serialised the CLI's way."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_default).encode("utf-8")


def _default(obj: Any) -> Any:
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if hasattr(obj, "iso"):
        return obj.iso()
    if isinstance(obj, set | frozenset | tuple):
        return sorted(obj) if isinstance(obj, set | frozenset) else list(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def ok(data: Any, meta: dict[str, Any] | None = None, status: int = 200) -> EnvelopeJSON:
    """A successful answer: the data, and paging or query details in ``meta`` when given."""
    body: dict[str, Any] = {"ok": True, "data": data}
    if meta is not None:
        body["meta"] = meta
    return EnvelopeJSON(body, status_code=status)


def error_body(error: StorylineError) -> dict[str, Any]:
    """The envelope of a coded error (same fields the CLI prints)."""
    return {"ok": False, "error": error.to_dict()}


def error_response(error: StorylineError, headers: dict[str, str] | None = None) -> EnvelopeJSON:
    """A coded error as JSON with the catalogue's HTTP status."""
    return EnvelopeJSON(error_body(error), status_code=error.http_status, headers=headers)


def wants_json(request: Request) -> bool:
    """True for API paths (``/api/...``, ``*.json``) and for clients that ask for JSON, not HTML."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept
