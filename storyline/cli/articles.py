"""`storyline articles`, `show`, `search`, `export`: look into the store (layer 6)."""

from __future__ import annotations

import json
from typing import Any

import click

from storyline.cli.context import open_store, stdout_is_terminal, terminal
from storyline.cli.output import emit_json, json_option
from storyline.model import PartialDate
from storyline.render.terminal import print_lines, print_search, print_table
from storyline.render.text import article_lines, articles_table, search_lines, table_lines
from storyline.store import ArticleFilter, StoredArticle

# Fields written by `export` — the article schema of ARCHITECTURE.md plus author/partial/boilerplate.
# ``id`` is the id the input gave (file name, JSONL id), so a re-ingest keeps it; ``storyline_id``
# is the stable article id (the same again after re-ingest).
EXPORT_FIELDS = ("title", "text", "published", "outlet", "url", "language", "author", "partial", "boilerplate")


def _filters(outlet: str | None, language: str | None, since: str | None = None,
             until: str | None = None) -> ArticleFilter:
    for value in (since, until):
        if value is not None:
            try:
                PartialDate.parse(value)
            except ValueError as error:
                raise click.BadParameter(f"{value!r} is not a date like 2020, 2020-09 or 2020-09-14") from error
    return ArticleFilter(outlet=outlet, language=language.lower() if language else None, since=since, until=until)


since_option = click.option("--since", metavar="DATE", help="Only published on or after DATE (2020, 2020-09, …).")
until_option = click.option("--until", metavar="DATE", help="Only published up to and including DATE.")


def list_record(stored: StoredArticle) -> dict[str, Any]:
    """The JSON of an article in a list: everything except the text and boilerplate."""
    d = stored.to_dict()
    d.pop("text", None)
    d.pop("boilerplate", None)
    d["label"] = stored.label
    return d


def export_record(stored: StoredArticle) -> dict[str, Any]:
    """One exported article: the JSONL article schema, readable again by `storyline ingest`."""
    d = stored.article.to_dict()
    out: dict[str, Any] = {"id": stored.article.external_id or stored.id}
    out.update({k: d[k] for k in EXPORT_FIELDS})
    out["storyline_id"] = stored.id
    return out


@click.command("articles", epilog="""\b
Examples:
  storyline articles                             the first 50 articles, in arrival order
  storyline articles --outlet Trouw --limit 10
  storyline articles --language nl --offset 50 --json
  storyline articles --since 2020-08 --until 2020-09   published in August or September 2020
Articles without a date are left out as soon as --since or --until is given.
""")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="How many to list.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0), help="How many to skip first.")
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--language", help="Only this language code, e.g. nl or en.")
@since_option
@until_option
@json_option
@click.pass_context
def articles_command(ctx: click.Context, limit: int, offset: int, outlet: str | None, language: str | None,
                     since: str | None, until: str | None, as_json: bool) -> None:
    """List stored articles in arrival order: id, label, date with precision, outlet, language, words, title."""
    store = open_store(ctx)
    where = _filters(outlet, language, since, until)
    page = store.list_articles(where, limit=limit, offset=offset)
    total = store.count_articles(where)
    if as_json:
        emit_json({"total": total, "limit": limit, "offset": offset, "articles": [list_record(s) for s in page]})
        return
    footer = f"{len(page)} of {total} article{'s' if total != 1 else ''}" + (f" (from {offset + 1})" if offset else "")
    if stdout_is_terminal():
        console = terminal()
        if page:
            print_table(console, articles_table(page))
        console.print(footer)
        return
    if page:
        for line in table_lines(articles_table(page)):
            click.echo(line)
    click.echo(footer)


@click.command("show", epilog="""\b
Examples:
  storyline show 002_4113c25ad55cc416.txt        by file name (or JSONL id)
  storyline show 3f9a0c1e                        by the start of the article id
  storyline show 3f9a0c1e2b7d4e61 --json
""")
@click.argument("article_id", metavar="ID")
@json_option
@click.pass_context
def show_command(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """Show one article: its metadata, text, and the boilerplate lines kept out of the text.

    ID is the article id, its first characters (at least 4), or the id the input gave it
    (file name, JSONL id). Exits with 3 when no article matches (E020).
    """
    stored = open_store(ctx).get_article(article_id)
    if as_json:
        emit_json(stored.to_dict())
    elif stdout_is_terminal():
        print_lines(terminal(), article_lines(stored))
    else:
        for line in article_lines(stored):
            click.echo(line)


@click.command("search", epilog="""\b
Examples:
  storyline search Loekasjenko                   articles with this word (any diacritics)
  storyline search 'Poetin AND lening'           both words
  storyline search '"Wit-Russische president"'   a phrase
  storyline search 'Sotsj*' --limit 5 --json     a prefix
Plain words must all occur; FTS5 syntax (AND, OR, NOT, "phrases", prefix*, NEAR) is used as given.
A malformed query exits with 2 and says why (E030).
""")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="How many hits.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0), help="How many hits to skip.")
@json_option
@click.pass_context
def search_command(ctx: click.Context, query: tuple[str, ...], limit: int, offset: int, as_json: bool) -> None:
    """Full-text search over titles and texts, best match first, with a snippet around each match."""
    text = " ".join(query)
    hits = open_store(ctx).search(text, limit=limit, offset=offset)
    if as_json:
        emit_json({"query": text, "limit": limit, "offset": offset, "hits": [h.to_dict() for h in hits]})
    elif stdout_is_terminal():
        print_search(terminal(), text, hits)
    else:
        for line in search_lines(text, hits):
            click.echo(line)


@click.command("export", epilog="""\b
Examples:
  storyline export > all.jsonl                   every article, one JSON object a line
  storyline export --outlet Trouw --json         a JSON array
  storyline export > all.jsonl && storyline --db copy.db ingest all.jsonl   (round trip)
""")
@click.option("--jsonl", "fmt", flag_value="jsonl", default=True, help="JSON Lines, one article a line (default).")
@click.option("--json", "fmt", flag_value="json", help="One JSON array.")
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--language", help="Only this language code.")
@since_option
@until_option
@click.pass_context
def export_command(ctx: click.Context, fmt: str, outlet: str | None, language: str | None, since: str | None,
                   until: str | None) -> None:
    """Write stored articles to stdout in the article schema (id, title, text, published, outlet, url,
    language, …), in arrival order; `storyline ingest` reads the output back to the same ids."""
    records = (export_record(s) for s in open_store(ctx).iter_articles(_filters(outlet, language, since, until)))
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    emit_json(list(records))


COMMANDS = [articles_command, show_command, search_command, export_command]
