"""Persistence (layer 5): a SQLite store of articles, their analyses, stories and state.

``Store(path)`` opens (and migrates) the file; its methods are the whole query API. Use it as a
context manager, or call ``close()``. See ``db.py`` for the connection rules.

    with Store("storyline.db") as store:
        store.add_articles(articles)                  # AddResult(new_ids, duplicate); idempotent
        store.get_article("002_4113c25ad55cc416.txt")  # id, unique id prefix or external id
        store.list_articles(ArticleFilter(outlet="NOS"), limit=50)
        store.search('Poetin AND lening')             # [SearchHit] with snippet + highlights; E030
        store.put_analyses(analyses, version="1"); store.get_analyses(ids, version="1")
        store.put_story(story); store.get_story(id); store.stories_of(article_ids)
        store.put_value("clusterer", state); store.get_value("clusterer")
        with store.atomic(): ...                      # one transaction; nested = savepoint
"""

from __future__ import annotations

from typing import Self

from storyline.store.articles import ArticleQueries, PreparedBatch, fts_query, prepare_articles
from storyline.store.db import Database
from storyline.store.inputs import FileStamp, InputQueries, InputRecord
from storyline.store.migrations import SCHEMA_VERSION
from storyline.store.rows import (
    AddResult,
    ArticleFilter,
    ArticleKeys,
    Highlight,
    SearchHit,
    StoredArticle,
    article_keys,
)
from storyline.store.state import StateQueries, story_from_dict, story_to_dict


class Store(ArticleQueries, StateQueries, InputQueries, Database):
    """The storyline database: articles (+FTS5), analyses, stories, kv. One writer, readers per thread."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "ArticleFilter",
    "ArticleKeys",
    "FileStamp",
    "Highlight",
    "InputRecord",
    "PreparedBatch",
    "SearchHit",
    "Store",
    "StoredArticle",
    "article_keys",
    "fts_query",
    "prepare_articles",
    "story_from_dict",
    "story_to_dict",
]
