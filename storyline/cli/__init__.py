"""The `storyline` command: a thin surface over the library (layer 6).

Each command group lives in its own module and registers itself on ``main`` below; commands
parse input, call one library function, and hand the result to ``storyline.cli.output``.
"""

from __future__ import annotations

import click

from storyline import __version__
from storyline.cli.output import run_guarded

EPILOG = """\b
Examples:
  storyline digest examples/sochi          ingest the five seed reports and print their digest
  storyline ingest news/ feed.xml --json   ingest a folder and a feed, print a JSON report
  storyline search 'Poetin AND lening'     full-text search with snippets
"""


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="storyline")
@click.option("--db", envvar="STORYLINE_DB", default="storyline.db", show_default=True,
              type=click.Path(dir_okay=False), help="SQLite database file (or set STORYLINE_DB).")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """storyline: many news reports in, one story out — facts side by side, every sentence cited."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


def _register() -> None:
    """Attach every command module's commands to the group (one import per module)."""
    import importlib

    for name in COMMAND_MODULES:
        module = importlib.import_module(f"storyline.cli.{name}")
        for command in module.COMMANDS:
            cli.add_command(command)


# Command modules, each exposing COMMANDS = [click.Command, ...]. Add yours here.
COMMAND_MODULES: list[str] = ["ingest", "articles", "facts", "analyze", "serve", "summarize", "cluster"]


def main() -> None:
    """Entry point of the console script and `python -m storyline`."""
    _register()
    run_guarded(cli)
