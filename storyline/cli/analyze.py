"""`storyline analyze`: show what text analysis finds in the inputs (layer 6, no store needed)."""

from __future__ import annotations

from typing import Any

import click

from storyline.cli.context import jobs_option, read_analyzed
from storyline.cli.output import emit_json, json_option
from storyline.model import Rejected
from storyline.text.report import AnalysisReport, link_analyzed


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def report_lines(report: AnalysisReport, rejected: list[Rejected]) -> list[str]:
    """Plain-text lines for humans: per article its sentences and findings, then the entities."""
    data = report.to_dict()
    lines: list[str] = []
    for art in data["articles"]:
        lines.append(f"== {art['label']}  ({art['id']}, language {art['language'] or '?'}, "
                     f"{len(art['sentences'])} sentences)")
        for note in art["notes"]:
            lines.append(f"  note: {note}")
        foreign = [s for s in art["sentences"] if s["foreign"]]
        for s in foreign:
            lines.append(f"  foreign [{s['language']}] #{s['index']}: {s['text'][:80]}")
        names = {}
        for m in art["mentions"]:
            names.setdefault((m["key"], m["type"]), []).append(m["text"])
        if names:
            lines.append("  mentions: " + "; ".join(
                f"{key} {typ}" + (f" ({', '.join(sorted(set(v) - {key}))})" if set(v) - {key} else "")
                + f" x{len(v)}" for (key, typ), v in names.items()))
        for q in art["quantities"]:
            rng = f"[{_number(q['low'])}, {_number(q['high'])}]"
            lines.append(f"  quantity #{q['sentence']}: {q['text']!r} = {_number(q['value'])} {q['unit'] or ''} "
                         f"{q['kind']} {rng} {q['qualifier'] or ''} counts={q['counts'] or '-'}".rstrip())
        for t in art["times"]:
            lines.append(f"  time #{t['sentence']}: {t['text']!r} = {t['value'] or '?'} {t.get('description') or ''}")
        for q in art["quotes"]:
            lines.append(f"  quote #{q['sentence']}: {q['text'][:70]!r} — {q['speaker'] or '?'}")
    lines.append("")
    lines.append(f"entities ({len(data['entities'])}):")
    for e in data["entities"]:
        extra = f"; adjectives {', '.join(e['adjectives'])}" if e["adjectives"] else ""
        lines.append(f"  {e['id']} {e['type']:4} {e['name']}: {', '.join(e['variants']) or '-'}{extra} "
                     f"[{len(e['articles'])} article{'s' if len(e['articles']) != 1 else ''}]")
    for r in rejected:
        lines.append(f"rejected: {r}")
    return lines


@click.command("analyze", epilog="""\b
Examples:
  storyline analyze examples/sochi                 sentences, names, numbers, dates, quotes per article
  storyline analyze examples/sochi --json          the same as JSON, with entities across the articles
  storyline analyze news.jsonl feed.xml --json
""")
@click.argument("paths", nargs=-1, required=True)
@json_option
@jobs_option
@click.pass_context
def analyze_command(ctx: click.Context, paths: tuple[str, ...], as_json: bool) -> None:
    """Analyse the inputs (no database): language, sentences, name mentions, quantities, time
    expressions and quotes per article, and the entities linked across all of them."""
    items, rejected = read_analyzed(ctx, paths)
    report = link_analyzed(items)
    if as_json:
        data: dict[str, Any] = report.to_dict()
        data["rejected"] = [{"source": r.source, "line": r.line, "reason": r.reason} for r in rejected]
        emit_json(data)
        return
    for line in report_lines(report, rejected):
        click.echo(line)


COMMANDS = [analyze_command]
