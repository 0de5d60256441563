"""Records the store returns, and the mapping between ``Article`` and an ``articles`` row."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.model import Article, PartialDate, normalize_for_hash

# Column order used by INSERT; keep in sync with article_row().
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id", "content_hash", "external_id", "source", "fmt", "title", "text", "boilerplate", "outlet", "url",
    "author", "published", "precision", "language", "partial", "word_count", "ingested_at",
)


@dataclass
class StoredArticle:
    """An article as kept in the store: the article itself plus what the store knows about it."""

    id: str
    article: Article
    ingested_at: str
    word_count: int
    seq: int = 0

    @property
    def label(self) -> str:
        return self.article.label

    def to_dict(self) -> dict[str, Any]:
        """Full JSON form: the article fields, its id, precision of the date, and store metadata."""
        d = self.article.to_dict()
        d["id"] = self.id
        d["precision"] = self.article.published.precision if self.article.published else None
        d["word_count"] = self.word_count
        d["ingested_at"] = self.ingested_at
        return d


@dataclass
class Highlight:
    """A matched term inside a search snippet: character offsets into ``SearchHit.snippet``."""

    start: int
    end: int


@dataclass
class SearchHit:
    """One full-text match: which article, a snippet around the match, and its bm25 rank (lower is better)."""

    id: str
    external_id: str | None
    title: str | None
    outlet: str | None
    published: PartialDate | None
    snippet: str
    highlights: list[Highlight] = field(default_factory=list)
    rank: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "external_id": self.external_id, "title": self.title, "outlet": self.outlet,
            "published": self.published.iso() if self.published else None,
            "precision": self.published.precision if self.published else None,
            "snippet": self.snippet, "highlights": [[h.start, h.end] for h in self.highlights],
            "rank": round(self.rank, 4),
        }


@dataclass
class AddResult:
    """What one ``add_articles`` call did: ids newly stored and the count already present."""

    new_ids: list[str]
    duplicate: int

    @property
    def new(self) -> int:
        return len(self.new_ids)


@dataclass
class ArticleFilter:
    """Conditions for listing or exporting articles; None means no condition."""

    outlet: str | None = None
    language: str | None = None
    ids: list[str] | None = None
    since: str | None = None  # ISO prefix, compared as text on published
    until: str | None = None


@dataclass(frozen=True)
class ArticleKeys:
    """``Article.id``, ``Article.content_hash`` and ``Article.word_count``, computed together."""

    id: str
    content_hash: str
    word_count: int


def article_keys(article: Article) -> ArticleKeys:
    """The three keys of an article from one normalisation of its text (the hot path of ingest).

    Equal to the model's properties (a property test checks it): normalising ``title + '\n' +
    text`` as ``Article.id`` does gives the normalised title and text joined by one space, since
    every step (NFC across a newline, quote straightening, whitespace collapsing, case folding)
    works piece by piece; and collapsed text has exactly one space between words.
    """
    text = normalize_for_hash(article.text)
    title = normalize_for_hash(article.title) if article.title else ""
    key = f"{title} {text}" if title and text else (title or text)
    extra = (article.url or "").strip() or (article.outlet or "").strip().casefold()
    article_id = hashlib.sha256((key + "\x00" + extra).encode("utf-8")).hexdigest()[:16]
    return ArticleKeys(article_id, hashlib.sha256(text.encode("utf-8")).hexdigest(), text.count(" ") + 1 if text else 0)


def article_row(article: Article, keys: ArticleKeys, ingested_at: str) -> tuple[Any, ...]:
    """The INSERT parameters for one article, in ARTICLE_COLUMNS order."""
    published = article.published
    return (
        keys.id, keys.content_hash, article.external_id, article.source, article.fmt, article.title,
        article.text, json.dumps(article.boilerplate, ensure_ascii=False), article.outlet, article.url,
        article.author, published.iso() if published else None, published.precision if published else None,
        article.language, int(article.partial), keys.word_count, ingested_at,
    )


def row_article(row: sqlite3.Row) -> StoredArticle:
    """Rebuild a StoredArticle from a SELECT * row of ``articles``."""
    published = PartialDate.parse(row["published"]) if row["published"] else None
    article = Article(
        text=row["text"], title=row["title"], published=published, outlet=row["outlet"], url=row["url"],
        language=row["language"], author=row["author"], source=row["source"], external_id=row["external_id"],
        boilerplate=json.loads(row["boilerplate"] or "[]"), partial=bool(row["partial"]), fmt=row["fmt"],
    )
    return StoredArticle(id=row["id"], article=article, ingested_at=row["ingested_at"],
                         word_count=row["word_count"], seq=row["seq"])


CHUNK = 500  # ids per IN (...) query, well under SQLite's parameter limit


def rows_where_in(conn: sqlite3.Connection, sql: str, ids: Sequence[str], size: int = CHUNK) -> Iterator[sqlite3.Row]:
    """Rows of ``sql`` for these ids (duplicates dropped): its ``{marks}`` becomes the ``IN (?, …)``
    list, ``size`` ids per query (SQLite limits the parameters of one statement)."""
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), size):
        part = unique[start:start + size]
        yield from conn.execute(sql.format(marks=",".join("?" * len(part))), tuple(part))
