"""`storyline facts PATH... [--json]`: the seed story's facts table and timeline, JSON shape, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import _register, cli

ROOT = Path(__file__).resolve().parents[1]
SOCHI = ROOT / "examples" / "sochi"


def invoke(*args: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    _register()
    return CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), *args], catch_exceptions=False)


def test_json_has_facts_conflicts_first_and_timeline(tmp_path: Path) -> None:
    result = invoke("facts", str(SOCHI), "--json", tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"facts", "timeline"}
    first = data["facts"][0]
    assert set(first) >= {"id", "kind", "subject", "verdict", "reason", "values"}
    assert first["verdict"] == "conflict"
    assert {"article", "text", "value", "unit", "low", "high", "sentence"} <= set(first["values"][0])
    assert {v["article"] for v in first["values"]} >= {"001_62fcb3cfc53ec9e0.txt", "002_4113c25ad55cc416.txt"}
    assert set(data["timeline"][0]) >= {"time", "precision", "label", "articles"}
    verdicts = [f["verdict"] for f in data["facts"]]
    assert verdicts.index("single-source") > verdicts.index("agree")


def test_human_output_shows_the_table_and_the_timeline(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "storyline", "--db", str(tmp_path / "x.db"), "facts", str(SOCHI)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("FACTS  5 reports")
    assert "CONFLICT" in lines[2]
    assert '"774 betogers"' in out.stdout and '"bijna duizend demonstranten"' in out.stdout
    assert "TIMELINE" in out.stdout and "late July 2020" in out.stdout
    assert out.stdout.index("late July 2020") < out.stdout.index("a Monday in September 2020")


def test_nothing_readable_is_error_e001(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "storyline", "--db", str(tmp_path / "x.db"), "facts", str(empty)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 1
    assert "E001" in out.stderr


def test_help_has_examples(tmp_path: Path) -> None:
    result = invoke("facts", "--help", tmp_path=tmp_path)
    assert "Examples:" in result.output and "--json" in result.output
