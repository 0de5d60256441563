"""`storyline cluster`: group the inputs into stories and events and print them (layer 6, no store)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import click

from storyline.cli.context import jobs_option, read_analyzed
from storyline.cli.output import emit_json, json_option
from storyline.model import Story
from storyline.stories.build import build_stories


def stories_json(stories: list[Story], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Stories as the documented JSON shape, article ids replaced by the ids users gave."""
    def name(aid: str) -> str:
        return labels.get(aid, aid)

    return [{
        "id": s.id,
        "title": s.title,
        "articles": [name(a) for a in s.articles],
        "events": [{"id": e.id, "label": e.label, "label_kind": e.label_kind,
                    "label_source": dict(asdict(e.label_source), article=name(e.label_source.article))
                    if e.label_source else None,
                    "time": e.time.iso() if e.time else None,
                    "time_description": e.time_description, "articles": [name(a) for a in e.articles]}
                   for e in s.events],
        "duplicates": [[name(a) for a in g] for g in s.duplicates],
    } for s in stories]


@click.command("cluster", epilog="""\b
Examples:
  storyline cluster examples/sochi            the seed reports: one story, two events
  storyline cluster news.jsonl --json         stories of a JSONL file (ids from its `id` field)
  storyline cluster a.txt b.txt feed.xml
""")
@click.argument("paths", nargs=-1, required=True)
@json_option
@jobs_option
@click.pass_context
def cluster_command(ctx: click.Context, paths: tuple[str, ...], as_json: bool) -> None:
    """Group the inputs into stories (and events inside each story); near-duplicates are listed
    with their original instead of counting as another source."""
    items, rejected = read_analyzed(ctx, paths)
    labels = {it.id: it.article.label for it in items}
    data = stories_json(build_stories(items), labels)
    if as_json:
        emit_json({"stories": data,
                   "rejected": [{"source": r.source, "line": r.line, "reason": r.reason} for r in rejected]})
        return
    for s in data:
        click.echo(f"{s['id']}  {s['title'] or '(untitled)'}  ({len(s['articles'])} articles)")
        for e in s["events"]:
            when = e["time"] or "undated"
            click.echo(f"  {when:<10} {e['label']}")
            for a in e["articles"]:
                click.echo(f"      {a}")
        for g in s["duplicates"]:
            click.echo(f"  {g[0]} also published as: {', '.join(g[1:])}")
    for r in rejected:
        click.echo(f"rejected: {r}", err=True)


COMMANDS = [cluster_command]
