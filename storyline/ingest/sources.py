"""Command-line inputs → a flat, sorted list of sources to read (layer 2).

Files, folders (recursively, sorted, hidden entries skipped), globs, ``-`` for stdin and
http(s) URLs. A path that does not exist becomes a Rejected with the reason, never an exception.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from storyline.model import Rejected
from storyline.settings import Settings

SourceKind = Literal["file", "stdin", "url"]
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class InputSource:
    """One thing to read: a file path, stdin, or a URL; ``name`` is what to call it in output."""

    kind: SourceKind
    location: str
    name: str

    def __str__(self) -> str:
        return self.location


def is_url(text: str) -> bool:
    """True for http(s) URLs (the only schemes storyline fetches)."""
    return text[:8].lower().startswith(("http://", "https://"))


def expand_inputs(inputs: Sequence[str], settings: Settings) -> tuple[list[InputSource], list[Rejected]]:
    """Expand paths, folders, globs, '-' and URLs into sources (in the given order, folders sorted).

    The same file named twice is read once. ``settings`` is accepted for symmetry with the
    readers (limits are applied when reading, not here).
    """
    del settings  # limits apply when reading
    sources: list[InputSource] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()

    def add(source: InputSource) -> None:
        key = source.location if source.kind != "file" else os.path.normpath(source.location)
        if key not in seen:
            seen.add(key)
            sources.append(source)

    for raw in inputs:
        item = raw.strip() if isinstance(raw, str) else ""
        if not item:
            rejected.append(Rejected(repr(raw), "empty input name"))
        elif item == "-":
            add(InputSource("stdin", "-", "stdin"))
        elif is_url(item):
            add(InputSource("url", item, item))
        elif os.path.isdir(item):
            for path in _walk(item, rejected):
                add(InputSource("file", path, os.path.basename(path)))
        elif os.path.exists(item):
            add(InputSource("file", item, os.path.basename(item)))
        elif _GLOB_CHARS & set(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                rejected.append(Rejected(item, "no file matches this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match, rejected):
                        add(InputSource("file", path, os.path.basename(path)))
                elif not _is_hidden_path(match):
                    add(InputSource("file", match, os.path.basename(match)))
        elif "://" in item[:12]:
            rejected.append(Rejected(item, "only http:// and https:// URLs can be fetched"))
        else:
            rejected.append(Rejected(item, "path does not exist; check the spelling"))
    return _distinct_names(sources), rejected


def _distinct_names(sources: list[InputSource]) -> list[InputSource]:
    """Files that share a name (``C1`` in two folders) are named by the shortest trailing part of
    their path that tells them apart (``d30001t/C1``, ``d30002t/C1``): a name is what output cites,
    so two articles must never be cited alike. Other names stay the file name."""
    by_name: dict[str, list[int]] = {}
    for i, source in enumerate(sources):
        if source.kind == "file":
            by_name.setdefault(source.name, []).append(i)
    out = list(sources)
    for group in (g for g in by_name.values() if len(g) > 1):
        parts = [os.path.normpath(sources[i].location).split(os.sep) for i in group]
        for i, own in zip(group, parts, strict=True):
            name = sources[i].location  # one file under two spellings of its path: keep it whole
            for depth in range(2, len(own) + 1):
                if all(other[-depth:] != own[-depth:] for other in parts if other is not own):
                    name = "/".join(own[-depth:])
                    break
            out[i] = InputSource("file", sources[i].location, name)
    return out


def _is_hidden_path(path: str) -> bool:
    """True when the file name starts with a dot (hidden on Unix)."""
    return os.path.basename(path).startswith(".")


def _walk(folder: str, rejected: list[Rejected]) -> list[str]:
    """All non-hidden files below ``folder``, depth first, each directory's entries sorted by name.

    A folder that cannot be listed is added to ``rejected`` with the reason.
    """
    out: list[str] = []
    stack = [folder]
    visited: set[str] = set()
    while stack:
        current = stack.pop()
        real = os.path.realpath(current)
        if real in visited:  # a symlink back up the tree: read each folder once
            continue
        visited.add(real)
        try:
            with os.scandir(current) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            rejected.append(Rejected(current, f"cannot list the folder: {exc.strerror or exc}"))
            continue
        subdirs: list[str] = []
        for entry in entries:
            try:
                if entry.is_dir():
                    subdirs.append(entry.path)
                elif entry.is_file():
                    out.append(entry.path)
            except OSError:
                continue
        stack.extend(reversed(subdirs))
    return out
