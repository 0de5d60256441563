"""`storyline summarize`: the inputs as one story, printed with citations; JSON shape; errors."""

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
SCRIPT = Path(sys.executable).with_name("storyline")
ENTRY = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "storyline"]


def invoke(*args: str):  # type: ignore[no-untyped-def]
    _register()
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_json_shape_and_budget() -> None:
    result = invoke("summarize", str(SOCHI), "--words", "80", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["headline"] and data["language"] == "nl"
    assert 0 < data["words"] <= 80
    assert sum(len(s["text"].split()) for s in data["summary"]) <= 80
    labels = {p.name for p in SOCHI.glob("*.txt")}
    for s in data["summary"]:
        assert s["articles"] and set(s["articles"]) <= labels
        assert s["articles"][0] == s["support"][0]["article"]
        for ref in s["support"]:
            assert set(ref) >= {"article", "sentence", "text"}
            assert isinstance(ref["sentence"], int) and ref["text"]
            source = (SOCHI / ref["article"]).read_text(encoding="utf-8")
            assert ref["text"] in source  # the supporting sentence is really in that article
    assert any(len(s["articles"]) >= 2 for s in data["summary"])
    assert data["rejected"] == []


def test_sentences_option() -> None:
    data = json.loads(invoke("summarize", str(SOCHI), "--sentences", "2", "--json").output)
    assert len(data["summary"]) == 2


def test_human_output_lists_citations() -> None:
    result = invoke("summarize", str(SOCHI / "000_c21658cd86badd4b.txt"), str(SOCHI / "002_4113c25ad55cc416.txt"))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0]  # headline
    assert any(line.strip().startswith("[") and "000_c21658cd86badd4b.txt" in line for line in lines)


def test_unreadable_inputs_exit_with_a_coded_error(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*ENTRY, "summarize", str(tmp_path / "missing.txt")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "error E" in done.stderr and "hint:" in done.stderr
