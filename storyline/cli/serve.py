"""`storyline serve`: the web app and JSON API on 127.0.0.1 (layer 6)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import replace

import click

from storyline.settings import Settings
from storyline.store import Store

APP_FACTORY = "storyline.web.app:app_from_env"
EPILOG = """\b
Examples:
  storyline serve                              http://127.0.0.1:8000 on ./storyline.db
  storyline --db news.db serve --port 8080     another database and port
  STORYLINE_INGEST_TOKEN=s3cret storyline serve
        enables POST /api/articles with 'Authorization: Bearer s3cret'
"""


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve", epilog=EPILOG)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only loopback by default; anything else exposes the store.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--access-log/--no-access-log", default=False, show_default=True, help="Log every request.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, access_log: bool) -> None:
    """Serve the stories as web pages and JSON (every page has a .json twin; API at /openapi.json)."""
    # Imported here so that other commands do not pay for loading the web stack at start-up.
    import uvicorn

    settings = replace(Settings.from_env(), db=ctx.obj["db"])
    # cli and web are sibling surfaces (tests/test_layers.py): the app is named, not imported, and
    # built by its factory from the environment, where --db is passed on.
    os.environ["STORYLINE_DB"] = settings.db
    Store(settings.db).close()  # fail here with a one-line E010/E011, not inside the server
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    ingest_state = "enabled (bearer token)" if settings.ingest_token else "disabled"
    click.echo(f"storyline: serving {settings.db} on http://{host}:{port}/  (POST /api/articles {ingest_state})",
               err=True)
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, log_level="warning", access_log=access_log,
                server_header=False)


COMMANDS = [serve]
