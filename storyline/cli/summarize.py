"""`storyline summarize`: treat the inputs as one story and print its cited summary (layer 6, no store)."""

from __future__ import annotations

import click

from storyline.cli.context import jobs_option, read_analyzed
from storyline.cli.output import emit_json, json_option
from storyline.facts import analyse_story
from storyline.summarize import summarize
from storyline.summarize.cited import cited_summary, summary_lines


@click.command("summarize", epilog="""\b
Examples:
  storyline summarize examples/sochi                 a 100-word summary of the five seed reports
  storyline summarize examples/sochi --words 60      a shorter one
  storyline summarize news.jsonl --sentences 3 --json
""")
@click.argument("paths", nargs=-1, required=True)
@click.option("--words", "words", type=click.IntRange(min=1), default=100, show_default=True,
              help="Length budget in words (never exceeded).")
@click.option("--sentences", type=click.IntRange(min=1), default=None, help="At most this many sentences.")
@json_option
@jobs_option
@click.pass_context
def summarize_command(ctx: click.Context, paths: tuple[str, ...], words: int, sentences: int | None,
                      as_json: bool) -> None:
    """Summarize the inputs as one story: source sentences chosen for what most outlets report,
    each followed by every article that states the same content."""
    items, rejected = read_analyzed(ctx, paths)
    claims = analyse_story(items)  # what the digest does: facts decide repetition and support
    data = cited_summary(summarize(items, words=words, sentences=sentences, claims=claims), items)
    if as_json:
        data["rejected"] = [{"source": r.source, "line": r.line, "reason": r.reason} for r in rejected]
        emit_json(data)
        return
    for line in summary_lines(data):
        click.echo(line)
    for r in rejected:
        click.echo(f"rejected: {r}", err=True)


COMMANDS = [summarize_command]
