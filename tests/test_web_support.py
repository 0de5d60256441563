"""Shared helpers of the web tests (no tests here): real stores built from the seed reports.

The seed reports go through the real pipeline: ingest, analysis, clustering (``storyline.digest``),
as `storyline digest examples/sochi` does; the web then shows what that stored.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import httpx

from storyline.digest import build_digest
from storyline.pipeline import ingest
from storyline.settings import Settings
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "sochi"
ARTIFACTS = ROOT / "test-artifacts"
TOKEN = "test-token-7f3a"

EVIL_TITLE = '<script>alert("t")</script>"><img src=x onerror=alert(1)>'
EVIL_TEXT = ('Poetin zei <script>alert("body")</script> en "><img src=x onerror=alert(2)> tegen '
             'Loekasjenko in Sotsji. Er werden 774 mensen opgepakt.')
EVIL_ARTICLE = {"id": "evil-1", "title": EVIL_TITLE, "text": EVIL_TEXT, "outlet": '<b onmouseover="x()">Evil</b>',
                "url": "javascript:alert(3)", "published": "2020-09-15", "language": "nl"}


def seed_store(tmp_path: Path, token: str | None = TOKEN) -> tuple[Store, Settings, list[str]]:
    """A fresh store file with the five seed reports ingested, analysed and clustered by the real pipeline."""
    settings = replace(Settings(), db=str(tmp_path / "web.db"), ingest_token=token)
    store = Store(settings.db)
    report = ingest([str(SEEDS)], store, settings)
    assert report.new == 5, report.to_dict()
    build_digest(store, report.ids)  # what `storyline digest examples/sochi` does: analyses and stories
    return store, settings, report.ids


def seed_story(store: Store, ids: list[str]) -> str:
    """The id of the story the clusterer put the seed reports in (they form one story)."""
    [story_id] = set(store.stories_of(ids)[ids[0]])
    return story_id


def drop_last_article(store: Store, story_id: str) -> list[str]:
    """Change a stored story as another process could (one article less); returns its old article list."""
    story = store.get_story(story_id)
    old = list(story.articles)
    story.articles = old[:-1]
    store.put_story(story)
    return old


def restore_articles(store: Store, story_id: str, articles: list[str]) -> None:
    story = store.get_story(story_id)
    story.articles = articles
    store.put_story(story)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A real `storyline serve` subprocess on a free 127.0.0.1 port; stopped by ``stop()``."""

    def __init__(self, db: str, token: str | None = None, extra_env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
        if token:
            env["STORYLINE_INGEST_TOKEN"] = token
        env.update(extra_env or {})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "storyline", "--db", db, "serve", "--port", str(self.port)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(ROOT),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"storyline serve exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(self.base + "/stories.json", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("storyline serve did not answer within 60 s")

    def stop(self) -> str:
        """Stop the server (SIGTERM, then SIGKILL) and return what it wrote on stderr."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""


def jsonl(records: list[dict]) -> bytes:
    """Records as a JSON Lines body."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
