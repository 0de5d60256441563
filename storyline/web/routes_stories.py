"""Routes of the stories list and the story page, each with its JSON twin (``.json``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from storyline.web import views
from storyline.web.envelope import EnvelopeJSON, ok
from storyline.web.fastpath import page_key
from storyline.web.queries import StoryFilter
from storyline.web.render import render, render_bytes, request_language
from storyline.web.timeline_svg import render_timeline

router = APIRouter()

DateParam = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", max_length=10,
                                         description="ISO date or prefix: 2020, 2020-09, 2020-09-14")]
PageParam = Annotated[int, Query(ge=1, le=1_000_000, description="page number, from 1")]
TextParam = Annotated[str | None, Query(max_length=200)]


def _filter(since: str | None, until: str | None, outlet: str | None, language: str | None) -> StoryFilter:
    return StoryFilter(since=since or None, until=until or None, outlet=(outlet or "").strip() or None,
                       language=(language or "").strip().lower() or None)


def _list(request: Request, since: str | None, until: str | None, outlet: str | None, language: str | None,
          page: int) -> dict[str, Any]:
    app = request.app
    return views.stories_page(app.state.store, app.state.digests, _filter(since, until, outlet, language), page)


@router.get("/", include_in_schema=False)
def home(request: Request) -> Response:
    """The home page is the stories list."""
    target = "/stories" + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(target, status_code=307)


@router.get("/stories.json", summary="Stories, newest first (JSON)", tags=["stories"])
def stories_json(request: Request, since: Annotated[DateParam, Query(alias="from")] = None,
                 until: Annotated[DateParam, Query(alias="to")] = None, outlet: TextParam = None,
                 language: TextParam = None, page: PageParam = 1) -> EnvelopeJSON:
    """One page of stories with date span, outlets, article and conflict counts; filter by date, outlet, language."""
    data = _list(request, since, until, outlet, language, page)
    meta = {k: data[k] for k in ("page", "pages", "per_page", "total", "filters")}
    return ok({"stories": data["stories"]}, meta=meta)


@router.get("/stories", summary="Stories, newest first (HTML)", tags=["pages"])
def stories_html(request: Request, since: Annotated[DateParam, Query(alias="from")] = None,
                 until: Annotated[DateParam, Query(alias="to")] = None, outlet: TextParam = None,
                 language: TextParam = None, page: PageParam = 1) -> Response:
    """The stories list as a page."""
    data = _list(request, since, until, outlet, language, page)
    query = str(request.url.query)
    return render(request, "stories.html", {**data, "json_url": "/stories.json" + (f"?{query}" if query else "")})


# A page already rendered for the story's current version is answered by ``fastpath`` before it
# reaches these routes (one indexed SQLite read on the event loop; WAL reads do not wait for
# writers). The routes build a page on a miss, in the thread pool, and keep it for the fast path.


@router.get("/stories/{story_id}.json", summary="One story's digest (JSON)", tags=["stories"])
async def story_json(request: Request, story_id: str) -> Response:
    """The digest of one story: summary with citations, facts with verdicts, timeline, entities, sources."""
    body = await run_in_threadpool(_build_json, request, story_id)
    return Response(body, media_type="application/json")


def _build_json(request: Request, story_id: str) -> bytes:
    app = request.app
    version, digest = views.story_page(app.state.store, app.state.digests, story_id)
    body = bytes(ok(views.story_json(digest)).body)
    app.state.digests.keep_rendered(story_id, version, page_key("json", "", False), body)
    return body


@router.get("/stories/{story_id}", summary="One story (HTML)", tags=["pages"])
async def story_html(request: Request, story_id: str) -> Response:
    """The story page; rendered once per story version and language, then served from memory."""
    lang, explicit = request_language(request)
    body = await run_in_threadpool(_build_html, request, story_id, page_key("html", lang, explicit))
    return Response(body, media_type="text/html; charset=utf-8", headers={"vary": "Accept-Language"})


def _build_html(request: Request, story_id: str, key: str) -> bytes:
    app = request.app
    version, digest = views.story_page(app.state.store, app.state.digests, story_id)
    lang, _ = request_language(request)
    labels = {a["id"]: a.get("label") or a["id"] for a in digest["articles"]}
    svg = render_timeline(digest["timeline"], labels, title=digest.get("headline") or "", lang=lang) \
        if digest["timeline"] else None
    body = render_bytes(request, "story.html", {"d": digest, "timeline_svg": svg,
                                                "json_url": f"/stories/{story_id}.json"})
    app.state.digests.keep_rendered(story_id, version, key, body)
    return body
