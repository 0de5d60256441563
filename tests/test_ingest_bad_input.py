"""Bad input at the door: every case is a Rejected with a reason a user can act on, never an exception."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from storyline.ingest import expand_inputs, read_inputs, read_source
from storyline.ingest.decode import decode_bytes
from storyline.model import Article, Rejected
from storyline.settings import Settings

SETTINGS = Settings()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _read_one_path(path: Path, settings: Settings = SETTINGS) -> list[Article | Rejected]:
    sources, rejected = expand_inputs([str(path)], settings)
    assert rejected == []
    return [item for source in sources for item in read_source(source, settings)]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    [item] = _read_one_path(path)
    assert isinstance(item, Rejected)
    assert item.source == str(path)
    assert item.reason.startswith("empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"  \n\t\r\n  ")
    [item] = _read_one_path(path)
    assert isinstance(item, Rejected) and item.reason.startswith("empty")


def test_binary_png_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"  # a wrong extension must not fool the check
    path.write_bytes(PNG + bytes(range(256)))
    [item] = _read_one_path(path)
    assert isinstance(item, Rejected)
    assert item.reason.startswith("binary file")
    assert "PNG" in item.reason


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "data"
    path.write_bytes(b"abc\x00def\x00" * 50)
    [item] = _read_one_path(path)
    assert isinstance(item, Rejected) and item.reason.startswith("binary file")


def test_oversized_file_rejected_without_reading(tmp_path: Path) -> None:
    settings = Settings(max_input_bytes=1000)
    path = tmp_path / "big.txt"
    path.write_bytes(b"Een lange zin. " * 100)  # 1,500 bytes
    [item] = _read_one_path(path, settings)
    assert isinstance(item, Rejected)
    assert item.reason.startswith("too large (1500 bytes > limit 1000)")
    # Exactly at the limit is still read.
    path.write_bytes(b"x" * 999 + b".")
    [ok] = _read_one_path(path, settings)
    assert isinstance(ok, Article)


def test_oversized_stdin_rejected() -> None:
    settings = Settings(max_input_bytes=100)
    [source], _ = expand_inputs(["-"], settings)
    [item] = list(read_source(source, settings, stdin=io.BytesIO(b"a" * 500)))
    assert isinstance(item, Rejected) and item.reason.startswith("too large")


def test_invalid_utf8_is_read_as_cp1252(tmp_path: Path) -> None:
    text = "Het ministerie van Financiën zegt dat de coördinatie “beter” moet, aldus de heer Caër."
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode("cp1252"))
    [article] = _read_one_path(path)
    assert isinstance(article, Article)
    assert article.text == text
    assert "ë" in article.text and "\ufffd" not in article.text


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Een bericht over Oekraïne.".encode("utf-16"))
    [article] = _read_one_path(path)
    assert isinstance(article, Article)
    assert article.text == "Een bericht over Oekraïne."


def test_decode_prefers_utf8_and_strips_bom() -> None:
    decoded = decode_bytes("\ufeffCafé".encode("utf-8"))
    assert decoded.text == "Café"  # type: ignore[union-attr]


def test_missing_path_and_empty_glob(tmp_path: Path) -> None:
    sources, rejected = expand_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.none"), "ftp://x/y"], SETTINGS)
    assert sources == []
    reasons = [r.reason for r in rejected]
    assert reasons[0].startswith("path does not exist")
    assert reasons[1] == "no file matches this pattern"
    assert "http" in reasons[2]


def test_hidden_files_skipped_and_glob_expanded(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("Verborgen bericht.")
    (tmp_path / ".hidden.txt").write_text("Verborgen.")
    (tmp_path / "b.txt").write_text("Bericht b.")
    (tmp_path / "sub" / "a.txt").write_text("Bericht a.")
    sources, rejected = expand_inputs([str(tmp_path)], SETTINGS)
    assert rejected == []
    assert [s.name for s in sources] == ["b.txt", "a.txt"]  # files of a folder, then its subfolders
    globbed, _ = expand_inputs([str(tmp_path / "**" / "*.txt"), str(tmp_path / "b.txt")], SETTINGS)
    assert sorted(s.name for s in globbed) == ["a.txt", "b.txt"]  # no duplicates, no hidden files


def test_files_sharing_a_name_are_named_by_the_path_that_tells_them_apart(tmp_path: Path) -> None:
    for folder in ("d1", "d2", "x/d1"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "C1").write_text(f"Bericht uit {folder}.")
    (tmp_path / "d2" / "C2").write_text("Een ander bericht.")
    sources, rejected = expand_inputs([str(tmp_path / "d1"), str(tmp_path / "d2"), str(tmp_path / "x")], SETTINGS)
    assert rejected == []
    assert [s.name for s in sources] == ["tmp/d1/C1".replace("tmp", tmp_path.name), "d2/C1", "C2", "x/d1/C1"]
    # a name no other input shares stays the file name; the same file twice is read once
    again, _ = expand_inputs([str(tmp_path / "d2"), str(tmp_path / "d2" / "C1")], SETTINGS)
    assert [s.name for s in again] == ["C1", "C2"]


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Bericht.")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    sources, rejected = expand_inputs([str(tmp_path)], SETTINGS)
    assert rejected == [] and [s.name for s in sources] == ["a.txt"]


def test_a_bad_file_does_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_bytes(b"")
    (tmp_path / "2.png").write_bytes(PNG)
    (tmp_path / "3.txt").write_text("Een goed bericht.")
    items = list(read_inputs([str(tmp_path), str(tmp_path / "missing")], SETTINGS))
    assert [type(i).__name__ for i in items] == ["Rejected", "Rejected", "Rejected", "Article"]


def test_unreadable_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Geheim.")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: file permissions are not enforced")
        [item] = _read_one_path(path)
        assert isinstance(item, Rejected) and "permission denied" in item.reason
    finally:
        path.chmod(0o600)


def test_directory_with_10000_files(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_bytes(b" date 2020-09 Bericht nummer %d over Sotsji." % i)
    start = time.perf_counter()
    sources, rejected = expand_inputs([str(folder)], SETTINGS)
    expanded = time.perf_counter() - start
    assert rejected == [] and len(sources) == 10_000
    assert sources[0].name == "00000.txt" and sources[-1].name == "09999.txt"
    assert expanded < 5.0, f"expanding 10,000 files took {expanded:.2f} s"
    count = 0
    for source in sources:
        for item in read_source(source, SETTINGS):
            assert isinstance(item, Article)
            count += 1
    elapsed = time.perf_counter() - start
    assert count == 10_000
    assert elapsed < 30.0, f"reading 10,000 small files took {elapsed:.1f} s"  # ~1 s when idle
