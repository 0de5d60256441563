"""Routes of the article page and full-text search, each with its JSON twin (``.json``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from storyline.errors import StorylineError
from storyline.web import views
from storyline.web.envelope import EnvelopeJSON, ok
from storyline.web.render import render, render_error

router = APIRouter()

QueryParam = Annotated[str | None, Query(max_length=500, description="FTS5 query: words, \"phrases\", AND/OR/NOT, prefix*")]
PageParam = Annotated[int, Query(ge=1, le=1_000_000)]


def _article(request: Request, key: str) -> dict[str, Any]:
    return views.article_page(request.app.state.store, request.app.state.digests, key)


@router.get("/articles/{key}.json", summary="One article (JSON)", tags=["articles"])
def article_json(request: Request, key: str) -> EnvelopeJSON:
    """An article by id, id prefix or input name: text, analysis highlights, stories and facts it feeds."""
    data = _article(request, key)
    return ok({k: v for k, v in data.items() if k != "segments"} | {"highlights": _highlights(data["segments"])})


def _highlights(segments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out, pos = [], 0
    for seg in segments:
        if seg["kind"]:
            out.append({"start": pos, "end": pos + len(seg["text"]), "kind": seg["kind"], "text": seg["text"],
                        "note": seg["note"]})
        pos += len(seg["text"])
    return out


@router.get("/articles/{key}", summary="One article (HTML)", tags=["pages"])
def article_html(request: Request, key: str) -> Response:
    """The article page: its text with names, quantities and dates highlighted."""
    data = _article(request, key)
    return render(request, "article.html", {**data, "json_url": f"/articles/{data['article']['id']}.json"})


@router.get("/search.json", summary="Full-text search (JSON)", tags=["search"])
def search_json(request: Request, q: QueryParam = None, page: PageParam = 1) -> EnvelopeJSON:
    """Articles matching an FTS5 query, best first, with snippets and match offsets; E030 for a bad query."""
    data = views.search_page(request.app.state.store, q or "", views.clamp_page(page))
    plain = views.without_segments(data)
    return ok({"results": plain["results"]},
              meta={k: plain[k] for k in ("query", "page", "per_page", "has_next")})


@router.get("/search", summary="Full-text search (HTML)", tags=["pages"])
def search_html(request: Request, q: QueryParam = None, page: PageParam = 1) -> Response:
    """The search page; a query FTS5 cannot read is explained on the page (status 400), never a 500."""
    query = (q or "").strip()
    json_url = "/search.json" + (f"?{request.url.query}" if request.url.query else "")
    if not query:
        return render(request, "search.html", {"query": "", "data": None, "error": None, "json_url": None})
    try:
        data = views.search_page(request.app.state.store, query, views.clamp_page(page))
    except StorylineError as error:
        if error.code != "E030":
            return render_error(request, error)
        return render(request, "search.html", {"query": query, "data": None, "error": error.to_dict(),
                                               "json_url": json_url}, status=error.http_status)
    return render(request, "search.html", {"query": query, "data": data, "error": None, "json_url": json_url})
