"""The data of each page, as JSON-ready dicts: the HTML page renders it, its JSON twin serves it.

One function per page; each takes the store (and the digest cache) plus parsed parameters, so a
test can call it directly and both the page and the API show exactly the same data.
"""

from __future__ import annotations

import math
from typing import Any

from storyline.errors import StorylineError
from storyline.store import Store
from storyline.web import queries
from storyline.web.digests import DigestCache, public
from storyline.web.highlight import article_segments, snippet_segments

PER_PAGE = 20


def stories_page(store: Store, cache: DigestCache, f: queries.StoryFilter, page: int = 1,
                 per_page: int = PER_PAGE) -> dict[str, Any]:
    """One page of the stories list, newest first, with each story's conflict count when known."""
    conn = store.reader()
    total = queries.count_stories(conn, f)
    pages = max(1, math.ceil(total / per_page))
    page = max(1, page)
    rows = queries.list_stories(conn, f, per_page, (page - 1) * per_page)
    stories = []
    for row in rows:
        _, digest = cache.get(store, row.id)
        stories.append({
            "id": row.id, "headline": digest.get("headline") or row.headline,
            "first_published": row.first_published, "last_published": row.last_published,
            "outlets": row.outlets, "languages": row.languages, "article_count": row.article_count,
            "source_count": row.source_count, "conflict_count": int(digest.get("conflict_count") or 0),
        })
    outlets, languages = queries.outlets_and_languages(conn)
    return {"stories": stories, "page": page, "pages": pages, "per_page": per_page, "total": total,
            "filters": f.to_dict(), "choices": {"outlets": outlets, "languages": languages}}


def story_page(store: Store, cache: DigestCache, story_id: str) -> tuple[object, dict[str, Any]]:
    """(version, completed digest) of one story; E021 when there is none."""
    return cache.get(store, story_id)


def story_json(digest: dict[str, Any]) -> dict[str, Any]:
    """What /stories/{id}.json serves: the digest without display-only lookups."""
    out = public(digest)
    out["articles"] = [{k: v for k, v in a.items() if k != "num"} for a in out["articles"]]
    out["summary"] = [{k: v for k, v in s.items() if k != "support"} | {
        "support": [{k: v for k, v in r.items() if k != "source"} for r in s.get("support", [])]}
        for s in out["summary"]]
    return out


def article_page(store: Store, cache: DigestCache, key: str) -> dict[str, Any]:
    """One article with its analysis highlights, the stories it is part of and the facts it feeds."""
    stored = store.get_article(key)
    a = stored.article
    analysis = store.get_analysis(stored.id)
    story_ids = store.stories_of([stored.id]).get(stored.id, [])
    stories, facts = [], []
    for story_id in story_ids:
        try:
            _, digest = cache.get(store, story_id)
        except StorylineError:
            continue
        stories.append({"id": story_id, "headline": digest.get("headline") or story_id,
                        "conflict_count": int(digest.get("conflict_count") or 0)})
        for fact in digest.get("facts", []):
            mine = [v for v in fact.get("values", [])
                    if v.get("article_id") == stored.id or v.get("article") in (stored.id, stored.label)]
            if mine:
                facts.append({"story": story_id, "id": fact.get("id"), "kind": fact.get("kind"),
                              "subject": fact.get("subject"), "verdict": fact.get("verdict"),
                              "reason": fact.get("reason"), "values": mine})
    return {
        "article": {
            "id": stored.id, "label": stored.label, "title": a.title, "outlet": a.outlet, "url": a.url,
            "published": a.published.iso() if a.published else None,
            "precision": a.published.precision if a.published else None, "language": a.language,
            "author": a.author, "word_count": stored.word_count, "text": a.text,
        },
        "analysed": analysis is not None,
        "segments": article_segments(a.text, analysis),
        "stories": stories,
        "facts": facts,
    }


def search_page(store: Store, query: str, page: int = 1, per_page: int = PER_PAGE) -> dict[str, Any]:
    """Full-text search results with snippets; E030 for a query FTS5 cannot read."""
    page = max(1, page)
    hits = store.search(query, limit=per_page + 1, offset=(page - 1) * per_page)
    more = len(hits) > per_page
    results = []
    for hit in hits[:per_page]:
        d = hit.to_dict()
        d["segments"] = snippet_segments(hit.snippet, [(h.start, h.end) for h in hit.highlights])
        results.append(d)
    return {"query": query, "page": page, "per_page": per_page, "has_next": more, "results": results}


def without_segments(data: dict[str, Any]) -> dict[str, Any]:
    """The search answer for JSON: highlight offsets are there already, display segments are not needed."""
    return data | {"results": [{k: v for k, v in r.items() if k != "segments"} for r in data["results"]]}


def clamp_page(value: int) -> int:
    """Pages start at 1; absurd page numbers are pinned to a large bound instead of overflowing SQLite."""
    return max(1, min(int(value), 1_000_000))
