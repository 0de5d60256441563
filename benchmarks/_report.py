"""Shared helpers for benchmarks: machine description and writing one section of docs/BENCHMARKS.md.

Each benchmark owns one section, delimited by ``<!-- bench:NAME -->`` … ``<!-- /bench:NAME -->``;
re-running a benchmark replaces only its own section, so the file always holds the latest figures
of every benchmark with the command that produced them.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "BENCHMARKS.md"
BASELINE = ROOT / "benchmarks" / "baseline.json"
DATA = Path(os.environ.get("STORYLINE_DATA", ROOT.parent / "shared" / "data"))
SEEDS = Path(os.environ.get("STORYLINE_SEEDS", ROOT.parent / "shared" / "seeds"))

_HEADER = """# Benchmarks

Latest figures of every benchmark, each with the command that produced it, the machine, and the
baselines run side by side in the same run. Regenerate a section with its command; quality floors
that CI enforces live in `benchmarks/baseline.json`.
"""


def machine() -> str:
    """One line describing this machine and the code version."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or "unknown CPU"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        commit = "?"
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GiB, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, commit {commit or '?'}")


def peak_rss_mb() -> float:
    """Peak resident memory of this process (and its waited-for children) in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def write_section(name: str, title: str, command: str, body: str) -> None:
    """Replace (or append) the section NAME of docs/BENCHMARKS.md with fresh figures."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else _HEADER
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (f"<!-- bench:{name} -->\n## {title}\n\n"
               f"Command: `{command}`  \nRun: {stamp} on {machine()}\n\n{body.strip()}\n<!-- /bench:{name} -->")
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    tmp = DOC.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(DOC)


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table; floats get 3 decimals."""
    def cell(v: object) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(out)


def load_baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
