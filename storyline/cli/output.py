"""Output options shared by every command: --json, progress bars, errors as one line + hint."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

from storyline.errors import EXIT_FAILED, StorylineError

T = TypeVar("T")

json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON on stdout.")


def emit_json(data: Any) -> None:
    """Write one JSON document to stdout (UTF-8, not ASCII-escaped, stable key order)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def _default(obj: Any) -> Any:
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if hasattr(obj, "iso"):
        return obj.iso()
    if isinstance(obj, set | frozenset):
        return sorted(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def progress(items: Iterable[T], total: int | None = None, label: str = "") -> Iterator[T]:
    """Yield items with a progress bar on stderr when it is a terminal; silently otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


def _stderr_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


def fail(error: StorylineError) -> None:
    """Print a coded error as one line plus its hint on stderr and exit with its code."""
    click.echo(f"error {error.code}: {error.message}", err=True)
    click.echo(f"  hint: {error.hint}", err=True)
    sys.exit(error.exit_code)


def run_guarded(command: Callable[..., Any]) -> None:
    """Run a click command; turn StorylineError into a one-line message and a documented exit code."""
    try:
        command(standalone_mode=False)
    except StorylineError as error:
        fail(error)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_FAILED)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    else:
        sys.exit(0)
