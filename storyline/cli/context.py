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
from storyline.text.parallel import iter_analyses, raise_first_error

_STORE_KEY = "storyline.store"


def settings_from(ctx: click.Context) -> Settings:
    """Settings from the environment, with --db and --jobs from the command line."""
    settings = Settings.from_env()
    given = ctx.find_root().obj or {}
    if given.get("db"):
        settings = dataclasses.replace(settings, db=given["db"])
    if given.get("jobs"):
        settings = dataclasses.replace(settings, jobs=given["jobs"])
    return settings


def _remember_jobs(ctx: click.Context, _param: click.Parameter, value: int | None) -> int | None:
    """Keep --jobs where settings_from finds it (commands need no extra parameter)."""
    if value:
        ctx.find_root().ensure_object(dict)["jobs"] = value
    return value


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=None, expose_value=False, callback=_remember_jobs,
    help="Processes that analyse articles in parallel (default: one per CPU, or STORYLINE_JOBS; 1 = no workers).")


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
    jobs = settings_from(ctx).jobs
    results = raise_first_error(progress(iter_analyses(articles, jobs), total=len(articles), label="analysing"))
    return [AnalyzedArticle(a, r) for a, r in zip(articles, results)], rejected
