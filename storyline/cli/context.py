"""What every data command needs from the group: the settings and the open store (layer 6)."""

from __future__ import annotations

import dataclasses
import sys

import click
from rich.console import Console

from storyline.settings import Settings
from storyline.store import Store

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
