"""`storyline ingest` and `storyline digest`: read inputs into the store, show what they tell (layer 6)."""

from __future__ import annotations

import click

from storyline.cli.context import jobs_option, open_store, settings_from, stdout_is_terminal, terminal
from storyline.cli.output import emit_json, json_option, progress
from storyline.digest import build_digest
from storyline.errors import StorylineError
from storyline.pipeline import IngestReport, fill_leads, ingest
from storyline.render.terminal import print_digest
from storyline.render.text import digest_lines, ingest_lines

EXIT_CODES = """\b
Exit codes:
  0  at least one article was read (some inputs may still be rejected)
  1  nothing could be read (E001); every rejection is listed with its reason
  2  usage error: a bad option, or none of the paths exists (E002)
  4  the database cannot be opened (E010, E011)
"""

INPUTS_HELP = """\b
PATH is a file, a folder (read recursively), a glob ('news/*.jsonl', quoted), - for stdin,
or an http(s) URL of an article or a feed. Formats: plain text (optionally starting with
' date YYYY-MM'), JSON Lines / JSON arrays of articles, HTML pages, RSS and Atom feeds.
"""


def _run_ingest(ctx: click.Context, paths: tuple[str, ...], reread: bool) -> IngestReport:
    store = open_store(ctx)
    return ingest(list(paths), store, settings_from(ctx), progress=progress, reread=reread)


def _fail_if_nothing_read(report: IngestReport) -> None:
    """E002 (usage, exit 2) when no input path exists at all; E001 (exit 1) when nothing could be read."""
    if not report.nothing_read:
        return
    if report.sources == 0 and report.rejected:
        raise StorylineError("E002", path=report.rejected[0].source)
    raise StorylineError("E001", rejected=len(report.rejected))


@click.command("ingest", epilog=INPUTS_HELP + """\b
Examples:
  storyline ingest examples/sochi                read five text files
  storyline ingest 'archive/*.jsonl' --json      a glob, JSON report on stdout
  curl -s https://example.org/rss | storyline ingest -
  storyline --db news.db ingest https://example.org/feed.xml
Ingesting the same article again is a no-op; unchanged files are not parsed again (--reread forces it).

""" + EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--reread", is_flag=True, help="Parse files again even when unchanged since the last ingest.")
@json_option
@click.pass_context
def ingest_command(ctx: click.Context, paths: tuple[str, ...], reread: bool, as_json: bool) -> None:
    """Read articles from files, folders, globs, stdin or URLs into the database.

    Prints a summary at the end: how many were read, new, duplicate and rejected, with the path
    and reason of every rejection. A progress bar is shown on a terminal only.
    """
    report = _run_ingest(ctx, paths, reread)
    if as_json:
        emit_json(report.to_dict())
    else:
        for line in ingest_lines(report):
            click.echo(line)
    _fail_if_nothing_read(report)


@click.command("digest", epilog=INPUTS_HELP + """\b
Examples:
  storyline digest examples/sochi                ingest (if needed) and show the five seed reports
  storyline digest news/ --json                  the digest as JSON
  storyline --db sochi.db digest examples/sochi/003_*.txt

""" + EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--reread", is_flag=True, help="Parse files again even when unchanged since the last ingest.")
@json_option
@jobs_option
@click.pass_context
def digest_command(ctx: click.Context, paths: tuple[str, ...], reread: bool, as_json: bool) -> None:
    """Ingest the inputs (what is stored already is skipped) and print the digest of their stories.

    Per story: its articles with their label (input id or file name), outlet, date and its
    precision ('date unknown' when the source gives none), title, language and length; then the
    cited summary, the timeline, the facts side by side with their verdicts, events and names.
    """
    report = _run_ingest(ctx, paths, reread)
    _fail_if_nothing_read(report)
    store = open_store(ctx)
    digest = build_digest(store, report.ids, report.rejected, jobs=settings_from(ctx).jobs)
    fill_leads(store, digest)
    if as_json:
        emit_json(digest.to_dict())
    elif stdout_is_terminal():
        print_digest(terminal(), digest)
    else:
        for line in digest_lines(digest):
            click.echo(line)


COMMANDS = [ingest_command, digest_command]
