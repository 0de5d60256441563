"""Article queries of the store: add (idempotent), look up, list, export, full-text search.

Every statement takes user values as parameters; the only SQL assembled at run time is from
fixed fragments chosen by code (filters), never from user text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from storyline.errors import StorylineError
from storyline.model import Article, PartialDate
from storyline.store.rows import (
    ARTICLE_COLUMNS,
    AddResult,
    ArticleFilter,
    ArticleKeys,
    Highlight,
    SearchHit,
    StoredArticle,
    article_keys,
    article_row,
    row_article,
    rows_where_in,
)

MIN_PREFIX = 4
_INSERT = (f"INSERT OR IGNORE INTO articles({', '.join(ARTICLE_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)})")
# Articles are inserted only by add_prepared, which indexes them with this statement.
_INDEX_NEW = ("INSERT INTO articles_fts(rowid, title, text) "
              "SELECT seq, coalesce(title, ''), text FROM articles WHERE seq > ?")
_MARK_START, _MARK_END = "\x02", "\x03"
# FTS5 syntax characters and operators; a query without any of them is treated as plain words.
_FTS_SYNTAX = re.compile(r'["()*^:{}+]|\b(?:AND|OR|NOT|NEAR)\b')


class _Db(Protocol):
    def atomic(self) -> AbstractContextManager[sqlite3.Connection]: ...
    def reader(self) -> sqlite3.Connection: ...


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ArticleQueries:
    """Mixin for ``Store``: needs ``atomic()`` and ``reader()`` from ``Database``."""

    def existing_ids(self: _Db, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored (one indexed lookup per chunk of 500)."""
        return {row[0] for row in rows_where_in(self.reader(), "SELECT id FROM articles WHERE id IN ({marks})", list(ids))}

    def add_articles(self, batch: Sequence[Article], ids: Sequence[str] | None = None) -> AddResult:
        """Store a batch in one transaction; articles already present (same id) are skipped.

        ``ids`` is accepted for callers that computed ``Article.id`` already; it must match (the
        keys are computed in one pass anyway, see ``rows.article_keys``).
        """
        prepared = prepare_articles(batch)
        if ids is not None and list(ids) != prepared.ids:
            raise ValueError("ids do not match the articles")
        return ArticleQueries.add_prepared(self, prepared)  # type: ignore[arg-type]

    def add_prepared(self: _Db, prepared: PreparedBatch) -> AddResult:
        """Write a prepared batch in one transaction, skipping ids already stored (or repeated in the batch)."""
        with self.atomic() as conn:
            present = {row[0] for row in rows_where_in(conn, "SELECT id FROM articles WHERE id IN ({marks})",
                                                       prepared.ids)}
            rows, new_ids = [], []
            for article_id, row in zip(prepared.ids, prepared.rows, strict=True):
                if article_id in present:
                    continue
                present.add(article_id)  # a repeat inside the batch is a duplicate too
                rows.append(row)
                new_ids.append(article_id)
            # The transaction holds the write lock since BEGIN IMMEDIATE, so no other writer can have
            # stored any of these between the SELECT above and this INSERT, and the rows after
            # ``last`` are exactly this batch: they join the FTS index in one statement (migration 3).
            if rows:
                last = conn.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
                conn.executemany(_INSERT, rows)
                conn.execute(_INDEX_NEW, (last,))
        return AddResult(new_ids=new_ids, duplicate=len(prepared.ids) - len(new_ids))

    def set_languages(self: _Db, languages: dict[str, str]) -> None:
        """Record detected languages of articles whose input named none (never overwrites a given one)."""
        if not languages:
            return
        with self.atomic() as conn:
            conn.executemany("UPDATE articles SET language = ? WHERE id = ? AND language IS NULL",
                             [(lang, article_id) for article_id, lang in languages.items()])

    def count_articles(self: _Db, where: ArticleFilter | None = None) -> int:
        """How many articles match ``where``."""
        clause, params = _where(where)
        return int(self.reader().execute(f"SELECT count(*) FROM articles{clause}", params).fetchone()[0])

    def get_article(self: _Db, key: str) -> StoredArticle:
        """Find one article by id, external id (file name, JSONL id) or a unique id prefix; E020/E022 otherwise."""
        key = key.strip()
        conn = self.reader()
        row = conn.execute("SELECT * FROM articles WHERE id = ?", (key,)).fetchone()
        if row is not None:
            return row_article(row)
        rows = conn.execute("SELECT * FROM articles WHERE external_id = ? ORDER BY seq LIMIT 6", (key,)).fetchall()
        if not rows and len(key) >= MIN_PREFIX and re.fullmatch(r"[0-9a-f]+", key):
            rows = conn.execute("SELECT * FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                                (key, key + "g")).fetchall()
        if not rows:
            raise StorylineError("E020", id=key)
        if len(rows) > 1:
            shown = ", ".join(r["id"] for r in rows[:5]) + (", …" if len(rows) > 5 else "")
            raise StorylineError("E022", key=key, matches=shown)
        return row_article(rows[0])

    def get_articles(self: _Db, ids: Sequence[str]) -> list[StoredArticle]:
        """The stored articles with these ids, in the order given (unknown ids are left out)."""
        rows = rows_where_in(self.reader(), "SELECT * FROM articles WHERE id IN ({marks})", ids)
        by_id = {row["id"]: row_article(row) for row in rows}
        return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]

    def list_articles(self: _Db, where: ArticleFilter | None = None, limit: int = 50,
                      offset: int = 0) -> list[StoredArticle]:
        """A page of articles in arrival order."""
        clause, params = _where(where)
        sql = f"SELECT * FROM articles{clause} ORDER BY seq LIMIT ? OFFSET ?"
        return [row_article(r) for r in self.reader().execute(sql, (*params, int(limit), int(offset)))]

    def iter_articles(self: _Db, where: ArticleFilter | None = None, batch: int = 500) -> Iterator[StoredArticle]:
        """Every matching article in arrival order, streamed in pages (constant memory; for export)."""
        clause, params = _where(where)
        last = 0
        conn = self.reader()
        joiner = " AND " if clause else " WHERE "
        while True:
            sql = f"SELECT * FROM articles{clause}{joiner}seq > ? ORDER BY seq LIMIT ?"
            rows = conn.execute(sql, (*params, last, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                yield row_article(row)
            last = rows[-1]["seq"]

    def search(self: _Db, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over title and text, best first (bm25, title weighted 5×), with snippets.

        Plain words are matched as given (all of them); FTS5 syntax (quotes, AND/OR/NOT, NEAR,
        prefix*) is passed through. A malformed query raises E030, never a raw SQLite error.
        """
        fts = fts_query(query)
        sql = (
            "SELECT a.id, a.external_id, a.title, a.outlet, a.published, "
            f"snippet(articles_fts, -1, '{_MARK_START}', '{_MARK_END}', '…', 16) AS snip, "
            "bm25(articles_fts, 5.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
        )
        try:
            rows = self.reader().execute(sql, (fts, int(limit), int(offset))).fetchall()
        except sqlite3.OperationalError as error:
            raise StorylineError("E030", reason=_fts_reason(error)) from error
        hits = []
        for row in rows:
            snippet, marks = _split_marks(row["snip"] or "")
            hits.append(SearchHit(
                id=row["id"], external_id=row["external_id"], title=row["title"], outlet=row["outlet"],
                published=PartialDate.parse(row["published"]) if row["published"] else None,
                snippet=snippet, highlights=marks, rank=float(row["rank"]),
            ))
        return hits

    def fts_in_sync(self: _Db) -> bool:
        """True when the FTS index matches the articles table (FTS5 integrity-check)."""
        try:
            with self.atomic() as conn:
                conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            return False
        return True


@dataclass
class PreparedBatch:
    """Articles turned into INSERT parameters ahead of the write (hashing, JSON), so a transaction only writes."""

    ids: list[str]
    rows: list[tuple[Any, ...]]


def prepare_articles(batch: Sequence[Article], keys: Sequence[ArticleKeys] | None = None) -> PreparedBatch:
    """The rows of a batch, ready for ``add_prepared``; ``keys`` may pass precomputed ``article_keys``."""
    keys = list(keys) if keys is not None else [article_keys(a) for a in batch]
    if len(keys) != len(batch):
        raise ValueError("keys and batch differ in length")
    now = _now()
    return PreparedBatch([k.id for k in keys], [article_row(a, k, now) for a, k in zip(batch, keys, strict=True)])


def fts_query(query: str) -> str:
    """The FTS5 expression for a user query: plain words become quoted terms (so 'Wit-Russische' works)."""
    text = " ".join(query.split())
    if not text:
        raise StorylineError("E030", reason="the query is empty")
    if _FTS_SYNTAX.search(text):
        return text
    return " ".join('"' + word + '"' for word in text.split(" "))


def _fts_reason(error: sqlite3.OperationalError) -> str:
    text = str(error)
    text = text.removeprefix("fts5: ")
    if "no such column" in text:
        return f"{text} (a word followed by ':' selects a column; only title and text exist)"
    if "unterminated string" in text:
        return "a double quote is not closed"
    return text


def _split_marks(snippet: str) -> tuple[str, list[Highlight]]:
    """Remove the private highlight markers from a snippet (whitespace collapsed) and return their offsets."""
    out: list[str] = []
    marks: list[Highlight] = []
    pos = 0
    start = None
    for ch in snippet:
        if ch == _MARK_START:
            start = pos
        elif ch == _MARK_END:
            if start is not None:
                marks.append(Highlight(start, pos))
            start = None
        elif ch.isspace():
            if out and out[-1] != " ":  # collapse line breaks and runs of blanks to one space
                out.append(" ")
                pos += 1
        else:
            out.append(ch)
            pos += 1
    return "".join(out), marks


def _where(where: ArticleFilter | None) -> tuple[str, tuple[object, ...]]:
    """WHERE clause from fixed fragments plus its parameters."""
    if where is None:
        return "", ()
    parts: list[str] = []
    params: list[object] = []
    if where.outlet is not None:
        parts.append("outlet = ? COLLATE NOCASE")
        params.append(where.outlet)
    if where.language is not None:
        parts.append("language = ? COLLATE NOCASE")
        params.append(where.language)
    if where.since is not None:
        parts.append("published >= ?")
        params.append(where.since)
    if where.until is not None:
        parts.append("published < ?")
        params.append(where.until + "\uffff")  # until '2020-09' includes all of September
    if where.ids is not None:
        parts.append("id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(where.ids)))
    return (" WHERE " + " AND ".join(parts) if parts else ""), tuple(params)
