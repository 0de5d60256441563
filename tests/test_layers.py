"""Imports point down only, per the layer table of CONTRIBUTING.md; nothing imports cli or web.

Every module under storyline/ is parsed (not imported) and each ``storyline.*`` import it makes,
at module level or inside a function, is checked against the layer of both sides.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "storyline"

# Top-level part of the package → layer (CONTRIBUTING.md, "Layout and layers").
LAYERS: dict[str, int] = {
    "__init__": 1, "model": 1, "errors": 1, "settings": 1,
    "ingest": 2, "text": 2,
    "dedupe": 3, "stories": 3,
    "facts": 4, "summarize": 4, "timeline": 4,
    "store": 5, "pipeline": 5, "digest": 5,
    "render": 6, "cli": 6, "web": 6,
    "data": 6,  # package data and the scripts that build it (e.g. build_gazetteer.py): tools, on top
}
TOP_ONLY = {"cli", "web", "data"}  # nothing outside them may import these
ENTRY_POINTS = {"__main__"}  # `python -m storyline` runs the CLI


@dataclass(frozen=True)
class Import:
    module: str  # importing module, dotted
    part: str  # top-level part it belongs to
    target: str  # imported storyline module, dotted
    line: int


def part_of(dotted: str) -> str:
    """'storyline.store.db' → 'store'; 'storyline' → '__init__'."""
    pieces = dotted.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> list[Import]:
    """Every storyline import in one file, relative imports resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                targets = [".".join(base + ([node.module] if node.module else []))]
            elif node.module:
                targets = [node.module]
        for target in targets:
            if target == "storyline" or target.startswith("storyline."):
                out.append(Import(name, part_of(name), target, node.lineno))
    return out


def all_imports() -> list[Import]:
    return [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in imports_of(path)]


def violations(imports: list[Import]) -> list[str]:
    """Human-readable list of imports that point up a layer or into cli/web from outside."""
    bad = []
    for imp in imports:
        source, target = imp.part, part_of(imp.target)
        if source in ENTRY_POINTS:
            continue
        where = f"{imp.module}:{imp.line} imports {imp.target}"
        if source not in LAYERS:
            bad.append(f"{where}: '{source}' has no layer; add it to CONTRIBUTING.md and tests/test_layers.py")
        elif target not in LAYERS:
            bad.append(f"{where}: '{target}' has no layer")
        elif target in TOP_ONLY and source != target:
            bad.append(f"{where}: nothing may import {target}")
        elif LAYERS[target] > LAYERS[source]:
            bad.append(f"{where}: layer {LAYERS[source]} ({source}) must not import layer {LAYERS[target]} ({target})")
    return bad


def test_imports_point_down_only():
    imports = all_imports()
    assert len(imports) > 20, "the scan found too few imports; is PACKAGE right?"
    assert violations(imports) == []


@pytest.mark.parametrize("source, target, ok", [
    ("storyline.store.db", "storyline.errors", True),
    ("storyline.timeline", "storyline.facts.compare", True),  # same layer
    ("storyline.model", "storyline.store", False),
    ("storyline.text.language", "storyline.stories", False),
    ("storyline.pipeline", "storyline.render.text", False),
    ("storyline.render.text", "storyline.cli.output", False),
    ("storyline.web.app", "storyline.cli", False),
    ("storyline.cli.articles", "storyline.render.text", True),
    ("storyline.newthing", "storyline.model", False),
    ("storyline.text.gazetteer", "storyline.data.build_gazetteer", False),
])
def test_the_checker_itself(source, target, ok):
    found = violations([Import(source, part_of(source), target, 1)])
    assert (found == []) is ok, found


def test_relative_imports_are_resolved(tmp_path, monkeypatch):
    pkg = tmp_path / "storyline" / "store"
    pkg.mkdir(parents=True)
    (pkg / "x.py").write_text("from ..render import text\nfrom . import db\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path / "storyline")
    targets = [i.target for i in imports_of(pkg / "x.py")]
    assert targets == ["storyline.render", "storyline.store"]
