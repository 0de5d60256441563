"""What later stages keep in the store: text analyses, stories with their articles, key-value state.

Values are JSON; stories are (de)serialised field by field so fields added to ``Story``/``Event``
later are stored without a migration, and unknown keys in old rows are ignored.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any, Protocol

from storyline.model import Analysis, Event, PartialDate, Story
from storyline.store.rows import rows_where_in


class _Db(Protocol):
    def atomic(self) -> AbstractContextManager[sqlite3.Connection]: ...
    def reader(self) -> sqlite3.Connection: ...


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def story_to_dict(story: Story) -> dict[str, Any]:
    """JSON form of a story; event times as partial ISO dates."""
    d = asdict(story)
    for event, raw in zip(story.events, d["events"], strict=True):
        raw["time"] = event.time.iso() if event.time else None
    return d


def story_from_dict(d: dict[str, Any]) -> Story:
    """Inverse of ``story_to_dict``; tolerates keys that the current ``Story`` does not know."""
    event_names = {f.name for f in fields(Event)}
    events = []
    for raw in d.get("events", []):
        kw = {k: v for k, v in raw.items() if k in event_names}
        if isinstance(kw.get("time"), str):
            kw["time"] = PartialDate.parse(kw["time"])
        events.append(Event(**kw))
    story_names = {f.name for f in fields(Story)}
    kw = {k: v for k, v in d.items() if k in story_names and k != "events"}
    return Story(events=events, **kw)


class StateQueries:
    """Mixin for ``Store``: analyses, stories and kv; needs ``atomic()`` and ``reader()``."""

    # -- analyses ---------------------------------------------------------------------------------

    def put_analyses(self: _Db, analyses: Sequence[Analysis], version: str) -> None:
        """Store (or replace) the analysis of each article, tagged with the analyser version."""
        rows = [(a.article_id, str(version), json.dumps(a.to_dict(), ensure_ascii=False)) for a in analyses]
        with self.atomic() as conn:
            conn.executemany(
                "INSERT INTO analyses(article_id, version, data) VALUES (?, ?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, data = excluded.data",
                rows,
            )

    def get_analyses(self: _Db, article_ids: Sequence[str], version: str | None = None) -> dict[str, Analysis]:
        """Stored analyses by article id; with ``version``, analyses of another version are left out."""
        out: dict[str, Analysis] = {}
        sql = "SELECT article_id, version, data FROM analyses WHERE article_id IN ({marks})"
        for row in rows_where_in(self.reader(), sql, article_ids):
            if version is None or row["version"] == str(version):
                out[row["article_id"]] = Analysis.from_dict(json.loads(row["data"]))
        return out

    def get_analysis(self, article_id: str, version: str | None = None) -> Analysis | None:
        """One article's stored analysis, or None (also when it was made by another version)."""
        return StateQueries.get_analyses(self, [article_id], version).get(article_id)  # type: ignore[arg-type]

    # -- stories ----------------------------------------------------------------------------------

    def put_stories(self: _Db, stories: Sequence[Story]) -> None:
        """Insert or update stories and their article lists (created_at kept on update)."""
        now = _now()
        with self.atomic() as conn:
            for story in stories:
                data = json.dumps(story_to_dict(story), ensure_ascii=False)
                conn.execute(
                    "INSERT INTO stories(id, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET title = excluded.title, data = excluded.data, "
                    "updated_at = excluded.updated_at",
                    (story.id, story.title, data, now, now),
                )
                conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
                conn.executemany(
                    "INSERT OR IGNORE INTO story_articles(story_id, article_id, position) VALUES (?, ?, ?)",
                    [(story.id, article_id, pos) for pos, article_id in enumerate(story.articles)],
                )

    def put_story(self, story: Story) -> None:
        """Insert or update one story."""
        StateQueries.put_stories(self, [story])  # type: ignore[arg-type]

    def get_story(self: _Db, story_id: str) -> Story | None:
        """The story with this id, or None."""
        row = self.reader().execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return story_from_dict(json.loads(row["data"])) if row else None

    def get_stories(self: _Db, story_ids: Sequence[str]) -> dict[str, Story]:
        """The stories with these ids, in one pass (ids without one are left out)."""
        sql = "SELECT id, data FROM stories WHERE id IN ({marks})"
        return {row["id"]: story_from_dict(json.loads(row["data"])) for row in rows_where_in(self.reader(), sql, story_ids)}

    def list_stories(self: _Db, limit: int = 100, offset: int = 0) -> list[Story]:
        """Stories, most recently updated first."""
        rows = self.reader().execute(
            "SELECT data FROM stories ORDER BY updated_at DESC, id LIMIT ? OFFSET ?", (int(limit), int(offset))
        )
        return [story_from_dict(json.loads(r["data"])) for r in rows]

    def stories_of(self: _Db, article_ids: Sequence[str]) -> dict[str, list[str]]:
        """For each article id, the ids of the stories it belongs to (articles in none are left out)."""
        out: dict[str, list[str]] = {}
        sql = "SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks}) ORDER BY story_id"
        for row in rows_where_in(self.reader(), sql, article_ids):
            out.setdefault(row["article_id"], []).append(row["story_id"])
        return out

    def delete_story(self: _Db, story_id: str) -> bool:
        """Remove a story (its article links go with it); True when it existed."""
        with self.atomic() as conn:
            return conn.execute("DELETE FROM stories WHERE id = ?", (story_id,)).rowcount > 0

    # -- key-value state --------------------------------------------------------------------------

    def put_value(self: _Db, key: str, value: Any) -> None:
        """Store a JSON-serialisable value under ``key`` (e.g. the clusterer state)."""
        with self.atomic() as conn:
            conn.execute(
                "INSERT INTO kv(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    def get_value(self: _Db, key: str, default: Any = None) -> Any:
        """The value stored under ``key``, or ``default``."""
        row = self.reader().execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return json.loads(row["value"]) if row else default

    def delete_value(self: _Db, key: str) -> bool:
        """Remove the value under ``key``; True when there was one."""
        with self.atomic() as conn:
            return conn.execute("DELETE FROM kv WHERE key = ?", (key,)).rowcount > 0

    # -- story clusterer state, one row per story -----------------------------------------------

    def get_cluster_stories(self: _Db, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Saved clusterer states of these stories (ids without one are left out)."""
        sql = "SELECT story_id, state FROM cluster_stories WHERE story_id IN ({marks})"
        return {row["story_id"]: json.loads(row["state"]) for row in rows_where_in(self.reader(), sql, story_ids)}

    def put_cluster_stories(self: _Db, states: dict[str, dict[str, Any]]) -> None:
        """Insert or replace the clusterer states of these stories."""
        with self.atomic() as conn:
            conn.executemany(
                "INSERT INTO cluster_stories(story_id, state) VALUES (?, ?) "
                "ON CONFLICT(story_id) DO UPDATE SET state = excluded.state",
                [(sid, json.dumps(state, ensure_ascii=False)) for sid, state in states.items()],
            )

    def delete_cluster_stories(self: _Db, story_ids: Sequence[str]) -> None:
        """Forget the clusterer states of these stories (merged into others)."""
        with self.atomic() as conn:
            conn.executemany("DELETE FROM cluster_stories WHERE story_id = ?", [(sid,) for sid in story_ids])
