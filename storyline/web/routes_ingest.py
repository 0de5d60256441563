"""``POST /api/articles``: ingest JSON / JSONL articles over HTTP, guarded by a bearer token.

Off unless ``Settings.ingest_token`` is set (E040); then only with ``Authorization: Bearer <token>``
(E041, constant-time comparison). The body is read up to ``Settings.max_request_bytes`` (E042)
goes through the CLI's own pipeline as if it came on stdin (same readers, aliases and rejections with
line numbers), as one batch, so its articles are stored in one transaction: an ingest that fails
half-way commits nothing. New articles are then analysed and clustered into stories (their own
transaction, like `storyline digest`); the answer lists the stories they joined.
"""

from __future__ import annotations

import hmac
import io
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from storyline.digest import analyzed, assign_stories
from storyline.errors import StorylineError
from storyline.pipeline import IngestReport, ingest
from storyline.settings import Settings
from storyline.store import Store
from storyline.web.envelope import EnvelopeJSON, error_body, ok

router = APIRouter()

ONE_BATCH = 10**9  # the body is bounded by max_request_bytes; one batch is one transaction
JSON_TYPES = ("application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
              "application/jsonlines", "text/plain")

_ARTICLE_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["text"],
    "properties": {name: {"type": "string"} for name in
                   ("id", "title", "text", "published", "outlet", "url", "language")},
    "description": "article schema; aliases as for the CLI (published_at, date, publisher, body, content, …)",
}
_BODY_DOC: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": {"oneOf": [{"type": "array", "items": _ARTICLE_SCHEMA}, _ARTICLE_SCHEMA]}},
        "application/x-ndjson": {"schema": {"type": "string", "description": "one article object per line"}},
    },
}


def check_token(settings: Settings, authorization: str | None) -> None:
    """Raise E040 when HTTP ingest is off, E041 unless the header carries the configured bearer token."""
    token = settings.ingest_token
    if not token:
        raise StorylineError("E040")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise StorylineError("E041")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with E042 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise StorylineError("E042", size=int(declared), limit=limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise StorylineError("E042", size=f"more than {limit}", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def check_json_body(content_type: str | None, body: bytes) -> None:
    """E043 unless the body is declared (or at least looks like) JSON / JSON Lines."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind and kind not in JSON_TYPES:
        raise StorylineError("E043", reason=f"content type {kind}")
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if not head:
        raise StorylineError("E043", reason="the body is empty")
    if head not in (b"{", b"["):
        raise StorylineError("E043", reason="it does not start with { or [")


def ingest_body(store: Store, settings: Settings, body: bytes) -> tuple[IngestReport, list[str]]:
    """Run the CLI's ingest on the body (read as stdin) as one batch: one transaction, all or nothing.

    Then the new articles are analysed and assigned to stories, as `storyline digest` does, so the
    pages show them; returns the report and the ids of the stories they joined.
    """
    report = ingest(["-"], store, settings, stdin=io.BytesIO(body), batch_size=ONE_BATCH)
    # in-process analysis (jobs=1): this runs in a server thread, and forking workers from a
    # threaded server can leave a lock held in the child
    stories = assign_stories(store, analyzed(store, report.new_ids, jobs=1), jobs=1) if report.new_ids else []
    return report, [s.id for s in stories]


def _rejections(report: IngestReport) -> list[dict[str, Any]]:
    return [{"line": r.line, "reason": r.reason} for r in report.rejected]


@router.post(
    "/api/articles", summary="Ingest articles (JSON or JSON Lines)", tags=["ingest"], status_code=201,
    openapi_extra={"requestBody": _BODY_DOC, "security": [{"bearer": []}]},
    responses={400: {"description": "E001 nothing readable, E043 not JSON"}, 401: {"description": "E041"},
               403: {"description": "E040 ingest disabled"}, 413: {"description": "E042 body too large"}},
)
async def post_articles(request: Request) -> EnvelopeJSON:
    """Store the articles of the body (same readers and rejections as `storyline ingest`); returns the ingest report."""
    settings: Settings = request.app.state.settings
    check_token(settings, request.headers.get("authorization"))
    body = await read_body(request, settings.max_request_bytes)
    check_json_body(request.headers.get("content-type"), body)
    store: Store = request.app.state.store
    report, story_ids = await run_in_threadpool(ingest_body, store, settings, body)
    request.app.state.digests.forget(story_ids)  # the version check would notice too; this is at once
    if report.nothing_read:
        body_out = error_body(StorylineError("E001", rejected=len(report.rejected)))
        body_out["error"]["rejected"] = _rejections(report)
        return EnvelopeJSON(body_out, status_code=400)
    data = report.to_dict() | {"rejected": _rejections(report), "stories": story_ids}
    return ok(data, status=201 if report.new else 200)
