"""Read-only listing queries the web pages need beyond the store's own API: stories with their
date span, outlets and languages, filtered and paged in SQL.

Every statement is fixed text with ``?`` parameters; filters only choose among fixed fragments.
They run on the request thread's own read connection (WAL), so they never wait for an ingest.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from typing import Any

_MAX_PAGE = 100


@dataclass(frozen=True)
class StoryFilter:
    """What the stories list may be narrowed to; None means no condition."""

    since: str | None = None  # ISO date prefix: the story has a report on or after it
    until: str | None = None  # ISO date prefix: the story has a report on or before it (inclusive)
    outlet: str | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.since, "to": self.until, "outlet": self.outlet, "language": self.language}


@dataclass
class StoryRow:
    """One line of the stories list: what can be shown without building the story's digest."""

    id: str
    headline: str
    first_published: str | None
    last_published: str | None
    article_count: int
    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    updated_at: str = ""
    without_outlet: int = 0

    @property
    def source_count(self) -> int:
        """Distinct outlets; a report whose outlet is unknown counts as a source of its own."""
        return len(self.outlets) + self.without_outlet


def _where(f: StoryFilter) -> tuple[str, list[object]]:
    parts: list[str] = []
    params: list[object] = []
    if f.outlet:
        parts.append("EXISTS (SELECT 1 FROM story_articles x JOIN articles xa ON xa.id = x.article_id "
                     "WHERE x.story_id = s.id AND xa.outlet = ? COLLATE NOCASE)")
        params.append(f.outlet)
    if f.language:
        parts.append("EXISTS (SELECT 1 FROM story_articles x JOIN articles xa ON xa.id = x.article_id "
                     "WHERE x.story_id = s.id AND xa.language = ? COLLATE NOCASE)")
        params.append(f.language)
    if f.since:
        parts.append("EXISTS (SELECT 1 FROM story_articles x JOIN articles xa ON xa.id = x.article_id "
                     "WHERE x.story_id = s.id AND xa.published >= ?)")
        params.append(f.since)
    if f.until:
        parts.append("EXISTS (SELECT 1 FROM story_articles x JOIN articles xa ON xa.id = x.article_id "
                     "WHERE x.story_id = s.id AND xa.published < ?)")
        params.append(f.until + "\uffff")  # until 2020-09 includes all of September
    return (" WHERE " + " AND ".join(parts) if parts else ""), params


def count_stories(conn: sqlite3.Connection, f: StoryFilter) -> int:
    """How many stories match the filter."""
    clause, params = _where(f)
    return int(conn.execute(f"SELECT count(*) FROM stories s{clause}", params).fetchone()[0])


def list_stories(conn: sqlite3.Connection, f: StoryFilter, limit: int = 20, offset: int = 0) -> list[StoryRow]:
    """A page of stories, newest report first, then the most reported (stories without dated reports
    last), then by update time."""
    clause, params = _where(f)
    limit = max(1, min(int(limit), _MAX_PAGE))
    sql = (
        "SELECT s.id, s.title, s.updated_at, "
        "  (SELECT min(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "   WHERE sa.story_id = s.id) AS first_published, "
        "  (SELECT max(a.published) FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "   WHERE sa.story_id = s.id) AS last_published, "
        "  (SELECT count(*) FROM story_articles sa WHERE sa.story_id = s.id) AS article_count, "
        "  (SELECT count(*) FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "   WHERE sa.story_id = s.id AND (a.outlet IS NULL OR a.outlet = '')) AS without_outlet "
        f"FROM stories s{clause} "
        "ORDER BY last_published IS NULL, last_published DESC, article_count DESC, s.updated_at DESC, s.id "
        "LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, (*params, limit, max(0, int(offset)))).fetchall()
    out = [StoryRow(id=r["id"], headline=r["title"] or "", first_published=r["first_published"],
                    last_published=r["last_published"], article_count=int(r["article_count"]),
                    updated_at=r["updated_at"], without_outlet=int(r["without_outlet"])) for r in rows]
    _add_outlets(conn, out)
    return out


def _add_outlets(conn: sqlite3.Connection, rows: list[StoryRow]) -> None:
    """Fill the distinct outlets and languages of each listed story (one query for the page)."""
    if not rows:
        return
    by_id = {r.id: r for r in rows}
    marks = ",".join("?" * len(by_id))
    sql = ("SELECT DISTINCT sa.story_id, a.outlet, a.language FROM story_articles sa "
           f"JOIN articles a ON a.id = sa.article_id WHERE sa.story_id IN ({marks})")
    for r in conn.execute(sql, tuple(by_id)):
        row = by_id[r["story_id"]]
        if r["outlet"] and r["outlet"] not in row.outlets:
            row.outlets.append(r["outlet"])
        if r["language"] and r["language"] not in row.languages:
            row.languages.append(r["language"])
    for row in rows:
        row.outlets.sort(key=str.casefold)
        row.languages.sort()


def story_version(conn: sqlite3.Connection, story_id: str) -> tuple[str, str] | None:
    """What identifies the current state of a story (update time and stored data), or None if absent.

    Used as the digest cache key, so a story changed by any process (CLI ingest, HTTP ingest) is rebuilt.
    """
    row = conn.execute("SELECT updated_at, data FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    return row["updated_at"], hashlib.blake2b(row["data"].encode("utf-8"), digest_size=12).hexdigest()


def outlets_and_languages(conn: sqlite3.Connection, limit: int = 300) -> tuple[list[str], list[str]]:
    """The outlets (most frequent first, at most ``limit``) and languages present, for the filter form."""
    outlets = [r[0] for r in conn.execute(
        "SELECT outlet FROM articles WHERE outlet IS NOT NULL AND outlet != '' "
        "GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT ?", (int(limit),))]
    languages = [r[0] for r in conn.execute(
        "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL AND language != '' ORDER BY language")]
    return sorted(outlets, key=str.casefold), languages
