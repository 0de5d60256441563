"""What every data command needs from the group: the settings and the open store (layer 6)."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence

import click
from rich.console import Console

from storyline.cli.output import progress
from storyline.errors import StorylineError
from storyline.ingest import read_inputs
from storyline.model import AnalyzedArticle, Article, Rejected
from storyline.settings import Settings
from storyline.store import Store
from storyline.text import analyze

_STORE_KEY = "storyline.store"


def settings_from(ctx: click.Context) -> Settings:
    """Settings from the environment, with --db from the command line."""
    settings = Settings.from_env()
    db = (ctx.find_root().obj or {}).get("db")
    return dataclasses.replace(settings, db=db) if db else settings


def open_store(ctx: click.Context) -> Store:
    """Open (and migrate) the database named by --db / STORYLINE_DB, once per invocation; closed at the end."""
    root = ctx.find_root()
    store = root.meta.get(_STORE_KEY)
    if store is None:
        store = Store(settings_from(ctx).db)
        root.meta[_STORE_KEY] = store
        root.call_on_close(store.close)
    return store


def stdout_is_terminal() -> bool:
    """True when human output should be dressed up with rich (stdout is a tty)."""
    return sys.stdout.isatty()


def terminal() -> Console:
    """A rich console on stdout."""
    return Console(highlight=False)


def read_articles(ctx: click.Context, paths: Sequence[str]) -> tuple[list[Article], list[Rejected]]:
    """Read the inputs without storing them; E001 when none yields an article (rejections are returned)."""
    articles: list[Article] = []
    rejected: list[Rejected] = []
    for item in read_inputs(list(paths), settings_from(ctx)):
        if isinstance(item, Rejected):
            rejected.append(item)
        else:
            articles.append(item)
    if not articles:
        raise StorylineError("E001", rejected=len(rejected))
    return articles, rejected


def read_analyzed(ctx: click.Context, paths: Sequence[str]) -> tuple[list[AnalyzedArticle], list[Rejected]]:
    """Read and analyse the inputs (no database), with a progress bar on a terminal."""
    articles, rejected = read_articles(ctx, paths)
    items = [AnalyzedArticle(a, analyze(a)) for a in progress(articles, total=len(articles), label="analysing")]
    return items, rejected
