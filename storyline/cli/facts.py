"""`storyline facts`: the inputs as one story — facts side by side with verdicts, and the timeline (layer 6)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import click

from storyline.cli.context import jobs_option, read_analyzed
from storyline.cli.output import emit_json, json_option
from storyline.model import AnalyzedArticle, Fact, TimelineEntry
from storyline.timeline import StoryFacts, facts_and_timeline

_MARK = {"conflict": "✗ CONFLICT", "compatible": "~ COMPATIBLE", "agree": "✓ AGREE", "single-source": "· SINGLE"}


def short_labels(labels: Sequence[str]) -> dict[str, str]:
    """Short names for article labels in a table: '000' for '000_c21658cd86badd4b.txt' when unique."""
    heads = {lab: re.split(r"[_.\s]", lab, maxsplit=1)[0] or lab for lab in labels}
    if len(set(heads.values())) == len(set(labels)):
        return heads
    return {lab: lab for lab in labels}


SINGLE_SOURCE_SHOWN = 30


def fact_lines(facts: Sequence[Fact], names: dict[str, str]) -> list[str]:
    """The facts table as plain lines: verdict and subject, each article's quoted value, the reason.
    Single-source facts take one line each, the first SINGLE_SOURCE_SHOWN of them (--json has all)."""
    lines: list[str] = []
    singles = [f for f in facts if f.verdict == "single-source"]
    for fact in facts:
        if fact.verdict == "single-source":
            continue
        lines.append(f"  {_MARK.get(fact.verdict, fact.verdict):13} {fact.kind:8} {fact.subject}")
        for v in fact.values:
            lines.append(f"      {names.get(v.article, v.article):>6}  \"{' '.join(v.text.split())}\"")
        reason = fact.reason
        for long, short in names.items():
            reason = reason.replace(long, short)
        lines.append(f"      {reason}")
    if singles:
        lines += ["", "  ONLY ONE SOURCE SAYS"]
        for fact in singles[:SINGLE_SOURCE_SHOWN]:
            v = fact.values[0]
            text = " ".join(v.text.split())
            text = text if len(text) <= 80 else text[:80].rsplit(" ", 1)[0] + " …"
            lines.append(f"  {names.get(v.article, v.article):>6}  {fact.kind:8} \"{text}\"  ({fact.subject})")
        if len(singles) > SINGLE_SOURCE_SHOWN:
            lines.append(f"  … and {len(singles) - SINGLE_SOURCE_SHOWN} more (--json lists them all)")
    return lines


def timeline_lines(entries: Sequence[TimelineEntry], names: dict[str, str]) -> list[str]:
    """The timeline as plain lines: when (in words, at the precision known), what, which articles."""
    width = max((len(e.description) for e in entries), default=0)
    width = min(width, 46)
    lines = []
    for e in entries:
        cited = " ".join(names.get(a, a) for a in e.articles)
        lines.append(f"  {e.description:{width}}  {e.label}  [{cited}]")
    return lines


def report_lines(result: StoryFacts, items: Sequence[AnalyzedArticle]) -> list[str]:
    """Everything `storyline facts` prints for people."""
    names = short_labels([it.article.label for it in items])
    conflicts = sum(f.verdict == "conflict" for f in result.facts)
    plural = "" if conflicts == 1 else "s"
    lines = [f"FACTS  {len(items)} reports · {len(result.facts)} facts · {conflicts} conflict{plural} between sources",
             ""]
    lines += fact_lines(result.facts, names) or ["  (no checkable figures, dates or quotes)"]
    lines += ["", "TIMELINE", ""]
    lines += timeline_lines(result.timeline, names) or ["  (no dated events)"]
    if result.notes:
        lines += ["", "NOTES"] + [f"  {n}" for n in result.notes]
    return lines


@click.command("facts", epilog="""\b
PATH is a file, a folder, a quoted glob, - for stdin, or a URL (see `storyline ingest --help`).
All inputs are treated as one story; nothing is stored.

\b
Examples:
  storyline facts examples/sochi                 the seed story: conflicts first, then the timeline
  storyline facts examples/sochi --json          {"facts": [...], "timeline": [...]}
  storyline facts a.txt b.txt c.txt

\b
Verdicts: conflict (two outlets' values cannot both be true), compatible (the wordings
overlap: "zeker 774" and "bijna duizend"), agree (the same figure after normalising
numerals, units, scale and currency), single-source (one outlet only).
""")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@json_option
@jobs_option
@click.pass_context
def facts_command(ctx: click.Context, paths: tuple[str, ...], as_json: bool) -> None:
    """Put what each outlet reports side by side: agree / compatible / conflict / single-source, and the timeline."""
    items, rejected = read_analyzed(ctx, paths)
    result = facts_and_timeline(items)
    if as_json:
        data = result.to_dict()
        data["rejected"] = [{"source": r.source, "line": r.line, "reason": r.reason} for r in rejected]
        emit_json(data)
        return
    for line in report_lines(result, items):
        click.echo(line)
    for r in rejected:
        click.echo(f"rejected: {r}", err=True)


COMMANDS = [facts_command]
