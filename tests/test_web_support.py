"""Shared helpers of the web tests (no tests here): real stores built from the seed reports.

Stories are what the pipeline stores; where a test needs one before clustering has run, it is
stored through the store's own API with the real ingested article ids (``put_story``).
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

from storyline.model import Event, PartialDate, Story
from storyline.pipeline import ingest
from storyline.settings import Settings
from storyline.store import Store
from storyline.text import analyze

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
    """A fresh store file with the five seed reports ingested by the real pipeline, and their analyses."""
    settings = replace(Settings(), db=str(tmp_path / "web.db"), ingest_token=token)
    store = Store(settings.db)
    report = ingest([str(SEEDS)], store, settings)
    assert report.new == 5, report.to_dict()
    analyses = [analyze(s.article) for s in store.get_articles(report.ids)]
    for analysis, article_id in zip(analyses, report.ids, strict=True):
        analysis.article_id = article_id
    store.put_analyses(analyses, version="test")
    return store, settings, report.ids


def put_seed_story(store: Store, ids: list[str]) -> str:
    """Store the seed story (all five reports, two events) and return its id."""
    story = Story(id="sochi-test", title="Loekasjenko kan rekenen op steun van Rusland", articles=list(ids),
                  events=[Event("e1", "Sochi meeting", PartialDate(2020, 9), ids[:4], "September 2020"),
                          Event("e2", "Putin offers support", PartialDate(2020, 8), ids[4:], "August 2020")])
    store.put_story(story)
    return story.id


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
