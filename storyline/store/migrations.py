"""Numbered schema migrations, each a function run once and recorded in the ``migrations`` table.

Append new migrations at the end of ``MIGRATIONS``; never edit one that has shipped. A database
whose recorded version is above ``SCHEMA_VERSION`` was written by a newer storyline (E011).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Migration:
    """One schema step: its number, a short name, and the function that applies it."""

    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _m001_initial(conn: sqlite3.Connection) -> None:
    """Articles with an FTS5 index kept in sync by triggers; analyses, stories, key-value state."""
    # One execute per statement: executescript() would COMMIT and break the migration's transaction.
    statements = [
        # seq is the integer rowid the FTS index points at (stable across VACUUM); id is the article id.
        """CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL,
            external_id TEXT,
            source TEXT NOT NULL DEFAULT '',
            fmt TEXT NOT NULL DEFAULT 'text',
            title TEXT,
            text TEXT NOT NULL,
            boilerplate TEXT NOT NULL DEFAULT '[]',
            outlet TEXT,
            url TEXT,
            author TEXT,
            published TEXT,
            precision TEXT,
            language TEXT,
            partial INTEGER NOT NULL DEFAULT 0,
            word_count INTEGER NOT NULL DEFAULT 0,
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX articles_external_id ON articles(external_id)",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_language ON articles(language)",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_content_hash ON articles(content_hash)",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text);
        END""",
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
        END""",
        """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text);
        END""",
        """CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            data TEXT NOT NULL
        )""",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (story_id, article_id)
        )""",
        "CREATE INDEX story_articles_article ON story_articles(article_id)",
        "CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]
    for sql in statements:
        conn.execute(sql)


def _m002_inputs(conn: sqlite3.Connection) -> None:
    """Files already read completely (path, size, mtime, reader), so an unchanged file is not parsed again."""
    conn.execute(
        """CREATE TABLE inputs (
            location TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            reader TEXT NOT NULL,
            article_ids TEXT NOT NULL,
            rejected TEXT NOT NULL,
            completed_at TEXT NOT NULL
        )"""
    )


def _m003_index_per_batch(conn: sqlite3.Connection) -> None:
    """New articles are added to the FTS index once per batch by ``add_prepared`` (INSERT … SELECT).

    The per-row insert trigger made FTS5 flush a segment for every article: twice the CPU and a
    fragmented index. Updates and deletes keep their triggers.
    """
    conn.execute("DROP TRIGGER IF EXISTS articles_fts_insert")


def _m004_cluster_stories(conn: sqlite3.Connection) -> None:
    """The story clusterer's state per story, so a run reads and writes only the stories it touches
    (the rest of its state stays in ``kv``)."""
    conn.execute("CREATE TABLE cluster_stories (story_id TEXT PRIMARY KEY, state TEXT NOT NULL)")


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema: articles + FTS5, analyses, stories, kv", _m001_initial),
    Migration(2, "inputs: files read completely, to skip unchanged files", _m002_inputs),
    Migration(3, "FTS rows added per batch instead of by a per-row trigger", _m003_index_per_batch),
    Migration(4, "cluster_stories: the story clusterer's state one row per story", _m004_cluster_stories),
]
SCHEMA_VERSION = MIGRATIONS[-1].version


def applied_version(conn: sqlite3.Connection) -> int:
    """Highest recorded migration (0 for a new database)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT max(version) FROM migrations").fetchone()
    return int(row[0] or 0)


def pending(current: int) -> list[Migration]:
    """Migrations above ``current``, in order."""
    return [m for m in MIGRATIONS if m.version > current]


def record(conn: sqlite3.Connection, migration: Migration) -> None:
    """Note that ``migration`` ran (same transaction as the migration itself)."""
    conn.execute(
        "INSERT INTO migrations(version, name, applied_at) VALUES (?, ?, ?)",
        (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
    )
