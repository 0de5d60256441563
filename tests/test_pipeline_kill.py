"""SIGKILL in the middle of an ingest (a real subprocess) leaves a consistent database; the next run completes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from storyline.pipeline import ingest
from storyline.settings import Settings
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]
N = 3000
BATCH = 500  # pipeline.BATCH_SIZE: every committed state holds whole batches


def committed(db: Path) -> int:
    """Articles committed so far, read from outside the ingesting process."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def test_sigkill_mid_ingest_then_resume(tmp_path):
    data = tmp_path / "many.jsonl"
    words = ["de", "het", "een", "protest", "president", "lening", "Minsk", "Sotsji", "Rusland", "steun", "oppositie", "verkiezing"]
    with data.open("w", encoding="utf-8") as out:
        for i in range(N):
            body = " ".join(words[(i * 7 + k) % len(words)] for k in range(80))
            out.write(json.dumps({"id": f"k{i}", "title": f"Bericht {i}", "text": f"Nummer {i}. {body}"}) + "\n")
    db = tmp_path / "kill.db"
    command = [sys.executable, "-m", "storyline", "--db", str(db), "ingest", str(data)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while committed(db) < 2 * BATCH:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()!r}"
            assert time.monotonic() < deadline, "no batch was committed within 120 s"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    at_kill = committed(db)
    assert 2 * BATCH <= at_kill < N, "the process must die mid-ingest for this test to mean anything"
    assert at_kill % BATCH == 0, "a partly written batch is visible"

    with Store(db) as store:
        assert store.writer.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.fts_in_sync()
        assert store.count_articles() == at_kill

    rerun = subprocess.run(command + ["--json"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["read"] == N and report["new"] == N - at_kill and report["duplicate"] == at_kill

    with Store(db) as store:
        assert store.count_articles() == N
        assert store.writer.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.fts_in_sync()
        assert [h.external_id for h in store.search(f"Nummer {N - 1}", limit=1)] == [f"k{N - 1}"]
        # The file is now recorded as read completely: a third run does not parse it again.
        third = ingest([str(data)], store, Settings())
        assert (third.skipped_sources, third.read, third.new) == (1, N, 0)
