"""The `storyline` command through its entry point (subprocess) and click's CliRunner.

Subprocesses check what only the real entry point shows: exit codes, one-line errors with a
hint on stderr, plain output when stdout is not a terminal. CliRunner covers the JSON shapes.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

from storyline.cli import _register, cli, main

ROOT = Path(__file__).resolve().parents[1]
SOCHI = ROOT / "examples" / "sochi"
EXPECTED_DATES = {"000": "date unknown", "001": "date unknown", "002": "2020-09 (month)",
                  "003": "2020-09 (month)", "004": "2020-08 (month)"}


# The console script `make demo` runs; `python -m storyline` where the package is not installed.
SCRIPT = Path(sys.executable).with_name("storyline")
ENTRY = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "storyline"]


def run(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`storyline --db DB ARGS` in a subprocess (stdout is a pipe, not a terminal)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("STORYLINE_DB", None)
    return subprocess.run([*ENTRY, "--db", str(db), *args], cwd=ROOT, env=env,
                          input=stdin, capture_output=True, text=True, timeout=120, check=False)


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def cli_run(db: Path, *args: str, stdin: str | None = None) -> Ran:
    """The same entry point (`storyline.cli.main`: run_guarded, exit codes) in this process; faster."""
    out, err = io.StringIO(), io.StringIO()
    stream = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    code: int | str | None = 0
    with mock.patch.object(sys, "argv", ["storyline", "--db", str(db), *args]), \
            mock.patch.object(sys, "stdin", stream), redirect_stdout(out), redirect_stderr(err):
        try:
            main()
        except SystemExit as done:
            code = done.code
    return Ran(code if isinstance(code, int) else 1, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def invoke(runner: CliRunner, db: Path, *args: str) -> object:
    result = runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return result


def digest_rows(stdout: str) -> dict[str, str]:
    """File-name prefix → row of the plain digest's article table ('  3  002_….txt  2020-09 (month) …')."""
    rows = {}
    for line in stdout.splitlines():
        cells = line.split()
        if len(cells) > 2 and cells[0].isdigit() and cells[1][:3] in EXPECTED_DATES:
            rows[cells[1][:3]] = line
    return rows


def test_demo_digest_twice(tmp_path):
    db = tmp_path / "demo.db"
    first = run(db, "digest", str(SOCHI))
    assert first.returncode == 0, first.stderr
    rows = digest_rows(first.stdout)
    assert sorted(rows) == sorted(EXPECTED_DATES)
    for prefix, date in EXPECTED_DATES.items():
        label = next(p.name for p in SOCHI.glob(f"{prefix}_*.txt"))
        assert label in rows[prefix] and date in rows[prefix], rows[prefix]
    assert "(5 articles)" in first.stdout
    assert "\x1b[" not in first.stdout  # plain text in a pipe
    second = run(db, "digest", str(SOCHI))
    assert second.returncode == 0 and second.stdout == first.stdout
    again = cli_run(db, "ingest", str(SOCHI))
    assert again.returncode == 0
    assert again.stdout.splitlines()[0].endswith(": 0 new, 5 duplicate, 0 rejected")


def test_ingest_exit_codes_and_rejections(tmp_path):
    db = tmp_path / "x.db"
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "g1", "text": "Een goed bericht over Minsk."}\n{"id": "kapot", "text": \n', encoding="utf-8")
    mixed = cli_run(db, "ingest", str(good), str(tmp_path / "missing.txt"))
    assert mixed.returncode == 0, mixed.stderr
    lines = mixed.stdout.splitlines()
    assert lines[0] == "read 1 article from 1 source: 1 new, 0 duplicate, 2 rejected"
    assert any(f"{good}:2: invalid JSON" in line for line in lines)
    assert any(f"{tmp_path / 'missing.txt'}: path does not exist" in line for line in lines)

    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    nothing = cli_run(db, "ingest", str(tmp_path / "empty.txt"), "--json")
    assert nothing.returncode == 1
    assert json.loads(nothing.stdout)["rejected"][0]["source"].endswith("empty.txt")
    err = nothing.stderr.splitlines()
    assert err[0] == "error E001: no input could be read (1 rejected)" and err[1].startswith("  hint: ")
    assert len(err) == 2  # no traceback

    missing = cli_run(db, "ingest", str(tmp_path / "missing.txt"), "--json")
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["rejected"][0]["reason"].startswith("path does not exist")
    assert missing.stderr.startswith(f"error E002: path does not exist: {tmp_path / 'missing.txt'}")

    usage = cli_run(db, "ingest", "--no-such-option", str(good))
    assert usage.returncode == 2 and "No such option" in usage.stderr
    assert cli_run(db, "ingest").returncode == 2  # PATH is required


def test_stdin_ingest(tmp_path):
    db = tmp_path / "x.db"
    result = cli_run(db, "ingest", "-", "--json", stdin='{"id": "s1", "text": "Een bericht via stdin over Sotsji."}\n')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["new"] == 1


def test_errors_are_one_line_with_a_hint(tmp_path):
    db = tmp_path / "x.db"
    assert cli_run(db, "ingest", str(SOCHI / "002_4113c25ad55cc416.txt")).returncode == 0
    bad = run(db, "search", "AND (")
    assert bad.returncode == 2
    assert bad.stderr.startswith("error E030: search query is not valid") and "Traceback" not in bad.stderr
    quote = cli_run(db, "search", '"')
    assert quote.returncode == 2 and "double quote" in quote.stderr
    missing = cli_run(db, "show", "does-not-exist")
    assert missing.returncode == 3 and missing.stderr.startswith("error E020")
    nodir = cli_run(tmp_path / "no" / "such" / "dir.db", "articles")
    assert nodir.returncode == 4 and nodir.stderr.startswith("error E010")
    found = cli_run(db, "search", "Wit-Russische")
    assert found.returncode == 0 and "[Wit-Russische]" in found.stdout


def test_export_ingest_round_trip(tmp_path):
    first, second = tmp_path / "one.db", tmp_path / "two.db"
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "r1", "title": "Poetin belooft steun", "text": "Poetin belooft Loekasjenko een lening van 1,5 miljard.",
         "published": "2020-09-14T10:05", "outlet": "NOS", "url": "https://nos.nl/a", "language": "nl",
         "author": "Redactie"},
        {"id": "r2", "text": "Alleen tekst, geen datum.\n\nTweede alinea met \u201ccitaat\u201d.", "published": "2020"},
    ]) + "\n", encoding="utf-8")
    assert cli_run(first, "ingest", str(data)).returncode == 0
    assert cli_run(first, "ingest", str(SOCHI)).returncode == 0
    exported = cli_run(first, "export", "--jsonl")
    assert exported.returncode == 0
    dump = tmp_path / "dump.jsonl"
    dump.write_text(exported.stdout, encoding="utf-8")
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(records) == 7 and {"id", "title", "text", "published", "outlet", "url", "language"} <= set(records[0])
    assert records[0]["published"] == "2020-09-14T10:05" and records[1]["published"] == "2020"

    back = cli_run(second, "ingest", str(dump), "--json")
    assert back.returncode == 0 and json.loads(back.stdout)["new"] == 7
    again = [json.loads(line) for line in cli_run(second, "export").stdout.splitlines()]
    # Everything but the boilerplate lines survives (the JSONL reader does not read them back yet).
    assert [{**r, "boilerplate": []} for r in again] == [{**r, "boilerplate": []} for r in records]
    assert [r["storyline_id"] for r in again] == [r["storyline_id"] for r in records]
    assert cli_run(first, "ingest", str(dump), "--json").stdout.count('"new": 0') == 1  # same ids: duplicates


def test_every_command_has_help_with_examples(runner, tmp_path):
    names = sorted(cli.commands)
    assert {"ingest", "digest", "articles", "show", "search", "export"} <= set(names)
    for name in ["ingest", "digest", "articles", "show", "search", "export"]:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Examples:" in result.output, name
        assert "storyline " + name in result.output, name
    assert "Exit codes:" in runner.invoke(cli, ["ingest", "--help"]).output


def test_json_shapes(runner, tmp_path):
    db = tmp_path / "j.db"
    digest = json.loads(invoke(runner, db, "digest", str(SOCHI), "--json").output)
    assert len(digest["stories"]) == 1  # the five seeds are one story
    articles = sorted(digest["stories"][0]["articles"], key=lambda a: a["label"])
    assert [(a["label"][:3], a["published"], a["precision"]) for a in articles] == [
        ("000", None, None), ("001", None, None), ("002", "2020-09", "month"), ("003", "2020-09", "month"),
        ("004", "2020-08", "month")]
    assert digest["articles"] == 5 and digest["rejected"] == []

    listed = json.loads(invoke(runner, db, "articles", "--limit", "2", "--offset", "1", "--json").output)
    assert listed["total"] == 5 and [a["label"][:3] for a in listed["articles"]] == ["001", "002"]
    assert "text" not in listed["articles"][0]
    none = json.loads(invoke(runner, db, "articles", "--outlet", "Nobody", "--json").output)
    assert none["total"] == 0 and none["articles"] == []

    shown = json.loads(invoke(runner, db, "show", articles[2]["id"][:8], "--json").output)
    assert shown["id"] == articles[2]["id"] and shown["precision"] == "month" and len(shown["text"]) > 1000

    hits = json.loads(invoke(runner, db, "search", "Sotsji", "--limit", "3", "--json").output)
    assert 1 <= len(hits["hits"]) <= 3
    hit = hits["hits"][0]
    assert all(hit["snippet"][a:b].lower() == "sotsji" for a, b in hit["highlights"])

    august = json.loads(invoke(runner, db, "articles", "--since", "2020-08", "--until", "2020-08", "--json").output)
    assert [a["label"][:3] for a in august["articles"]] == ["004"]
    later = json.loads(invoke(runner, db, "articles", "--since", "2020-09", "--json").output)
    assert sorted(a["label"][:3] for a in later["articles"]) == ["002", "003"]
    bad_date = runner.invoke(cli, ["--db", str(db), "articles", "--since", "2020-13"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output

    plain = invoke(runner, db, "articles").output
    assert plain.splitlines()[-1] == "5 of 5 articles"
    shown_plain = invoke(runner, db, "show", articles[3]["label"]).output
    assert "date:     2020-09 (month)" in shown_plain


def test_files_sharing_a_name_are_cited_apart(runner, tmp_path):
    """Two folders of reports named C1, C2 (as DUC ships them): every output names each apart."""
    texts = {"a": ["Poetin ontving Loekasjenko maandag in Sotsji en beloofde hem een lening van 1,5 miljard dollar.",
                   "Loekasjenko kreeg in Sotsji van Poetin een lening van 1,5 miljard dollar toegezegd.",
                   "In Sotsji beloofde Poetin maandag Loekasjenko een lening van 1,5 miljard dollar."],
             "b": ["Het kabinet presenteert dinsdag de begroting met meer geld voor onderwijs en zorg.",
                   "Op Prinsjesdag maakt het kabinet de begroting bekend: meer geld voor zorg en onderwijs."]}
    for folder, reports in texts.items():
        (tmp_path / folder).mkdir()
        for n, text in enumerate(reports, 1):
            (tmp_path / folder / f"C{n}").write_text(text, encoding="utf-8")
    inputs = [str(tmp_path / "a"), str(tmp_path / "b")]
    clustered = json.loads(invoke(runner, tmp_path / "c.db", "cluster", *inputs, "--json").output)
    cited = [a for s in clustered["stories"] for a in s["articles"]]
    assert sorted(cited) == ["C3", "a/C1", "a/C2", "b/C1", "b/C2"]
    digest = json.loads(invoke(runner, tmp_path / "d.db", "digest", *inputs, "--json").output)
    labels = [sorted(a["label"] for a in s["articles"]) for s in digest["stories"]]
    assert labels == [["C3", "a/C1", "a/C2"], ["b/C1", "b/C2"]]  # undated: the most reported story first
    shown = json.loads(invoke(runner, tmp_path / "d.db", "show", "b/C2", "--json").output)
    assert "Prinsjesdag" in shown["text"]


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Testkrant</title><link>http://127.0.0.1/</link>
<item><title>Poetin ontvangt Loekasjenko</title><link>http://127.0.0.1/a1</link>
<pubDate>ma, 14 sep 2020 10:00:00 +0200</pubDate>
<description>Poetin ontving de Wit-Russische president Loekasjenko maandag in Sotsji en beloofde een lening.</description>
</item>
<item><title>Demonstraties in Minsk</title><link>http://127.0.0.1/a2</link>
<description>Ook zondag gingen in Minsk weer tienduizenden mensen de straat op tegen Loekasjenko.</description>
</item>
</channel></rss>
"""


@pytest.fixture
def feed_server():
    """A real HTTP server on 127.0.0.1 serving one RSS feed at /feed.xml (404 elsewhere)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/feed.xml":
                self.send_error(404)
                return
            body = FEED.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_digest_of_a_feed_url_over_http(tmp_path, feed_server):
    db = tmp_path / "feed.db"
    result = cli_run(db, "digest", f"{feed_server}/feed.xml", f"{feed_server}/missing.xml")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "Poetin ontvangt Loekasjenko" in line and "words" not in line
               and line.split()[0].isdigit())  # the article table's row, not a heading
    assert "2020-09-14T10:00 (minute)" in row and "(summary only)" in row
    assert any("Demonstraties in Minsk" in line and "date unknown" in line for line in lines)
    assert any(line.startswith(f"  {feed_server}/missing.xml") and "404" in line for line in lines)
    again = json.loads(cli_run(db, "ingest", f"{feed_server}/feed.xml", "--json").stdout)
    assert (again["read"], again["new"], again["duplicate"]) == (2, 0, 2)
