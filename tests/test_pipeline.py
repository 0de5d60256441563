"""pipeline.ingest on real files and a real SQLite database: counts, idempotence, skips, digest."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from storyline.model import PartialDate
from storyline.pipeline import fill_leads, ingest, list_digest
from storyline.settings import Settings
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]
SOCHI = ROOT / "examples" / "sochi"
SETTINGS = Settings()


def write_jsonl(path: Path, n: int, start: int = 0, broken_line: int | None = None) -> Path:
    lines = []
    for i in range(start, start + n):
        lines.append(json.dumps({"id": f"a{i}", "title": f"Bericht {i}", "published": "2020-09-14",
                                 "outlet": "Testkrant", "text": f"Dit is bericht nummer {i} over Sotsji en Minsk."}))
        if broken_line is not None and len(lines) == broken_line - 1:
            lines.append('{"id": "kapot", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.db") as s:
        yield s


def test_seeds_are_read_with_partial_dates(store):
    report = ingest([str(SOCHI)], store, SETTINGS)
    assert (report.read, report.new, report.duplicate, report.rejected) == (5, 5, 0, [])
    digest = list_digest(store, report.ids)
    assert len(digest.stories) == 1
    dates = {a.label: a.published for a in digest.stories[0].articles}
    assert sorted(dates) == sorted(p.name for p in SOCHI.glob("*.txt"))
    by_prefix = {label[:3]: date for label, date in dates.items()}
    assert by_prefix == {"000": None, "001": None, "002": PartialDate(2020, 9), "003": PartialDate(2020, 9),
                         "004": PartialDate(2020, 8)}
    assert all(a.language == "nl" and a.word_count > 200 for a in digest.stories[0].articles)


def test_reingest_is_a_noop_across_runs(tmp_path):
    path = tmp_path / "p.db"
    with Store(path) as s:
        first = ingest([str(SOCHI)], s, SETTINGS)
    with Store(path) as s:
        second = ingest([str(SOCHI)], s, SETTINGS)
        assert s.count_articles() == 5
    assert (second.read, second.new, second.duplicate) == (5, 0, 5)
    assert second.ids == first.ids  # the digest of the second run shows the same articles
    assert second.skipped_sources == 5  # unchanged files were not parsed again


def test_reread_and_copies_are_duplicates_too(store, tmp_path):
    ingest([str(SOCHI)], store, SETTINGS)
    forced = ingest([str(SOCHI)], store, SETTINGS, reread=True)
    assert (forced.new, forced.duplicate, forced.skipped_sources) == (0, 5, 0)
    copy = tmp_path / "copy"
    shutil.copytree(SOCHI, copy)
    copied = ingest([str(copy)], store, SETTINGS)
    assert (copied.read, copied.new, copied.duplicate, copied.skipped_sources) == (5, 0, 5, 0)
    assert store.count_articles() == 5


def test_changed_file_is_read_again(store, tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", 10)
    assert ingest([str(data)], store, SETTINGS).new == 10
    write_jsonl(data, 12)  # two more lines: size and mtime change
    os.utime(data, ns=(1, 1))
    again = ingest([str(data)], store, SETTINGS)
    assert (again.read, again.new, again.duplicate, again.skipped_sources) == (12, 2, 10, 0)


def test_same_article_twice_in_one_run(store, tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", 3)
    b = write_jsonl(tmp_path / "b.jsonl", 3, start=2)  # a2 again, then a3, a4
    report = ingest([str(a), str(b)], store, SETTINGS, batch_size=2)
    assert (report.read, report.new, report.duplicate) == (6, 5, 1)
    assert len(report.ids) == len(set(report.ids)) == 5
    assert sorted(report.new_ids) == sorted(report.ids)


def test_rejections_are_reported_and_replayed(store, tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", 5, broken_line=3)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    report = ingest([str(data), str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")], store, SETTINGS)
    assert report.read == 5 and report.new == 5
    where = sorted((Path(r.source).name, r.line) for r in report.rejected)
    assert where == [("a.jsonl", 3), ("empty.txt", None), ("missing.txt", None)]
    assert all(r.reason for r in report.rejected)
    again = ingest([str(data)], store, SETTINGS)  # skipped file: its rejection is reported again
    assert again.skipped_sources == 1
    assert again.rejected == [r for r in report.rejected if r.source == str(data)]


def test_nothing_read(store, tmp_path):
    report = ingest([str(tmp_path / "nope")], store, SETTINGS)
    assert report.nothing_read and len(report.rejected) == 1


def test_stdin_and_progress_hook(store):
    seen: list[int] = []

    def progress(items, total=None, label=""):
        seen.append(total)
        yield from items

    body = io.BytesIO(json.dumps({"title": "Uit stdin", "text": "Een bericht via de pijp over Minsk."}).encode())
    report = ingest(["-"], store, SETTINGS, progress=progress, stdin=body)
    assert report.new == 1 and seen == [1]
    assert store.get_article(report.ids[0]).article.title == "Uit stdin"


def test_batches_commit_separately(store, tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", 25)
    counts: list[int] = []
    original = store.add_prepared

    def spy(prepared):
        counts.append(len(prepared.rows))
        return original(prepared)

    store.add_prepared = spy  # type: ignore[method-assign]
    ingest([str(data)], store, SETTINGS, batch_size=10)
    assert counts == [10, 10, 5]


def test_digest_keeps_input_order_and_detects_language(store, tmp_path):
    data = tmp_path / "mixed.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in [
        {"id": "en1", "text": "The president of the country said that he would not resign, and the crowd was angry."},
        {"id": "nl1", "text": "De president van het land zei dat hij niet zou aftreden en dat de menigte boos was."},
    ]) + "\n", encoding="utf-8")
    report = ingest([str(data)], store, SETTINGS)
    digest = list_digest(store, list(reversed(report.ids)), report.rejected)
    assert [(a.label, a.language) for a in digest.stories[0].articles] == [("nl1", "nl"), ("en1", "en")]
    assert store.get_article("en1").article.language == "en"  # stored for filters
    assert list_digest(store, []).stories == []


def test_two_writers_on_one_file_count_each_article_once(tmp_path):
    """Two stores (two connections, as two processes would have) ingest overlapping inputs at once."""
    import threading

    path = tmp_path / "shared.db"
    Store(path).close()  # migrated once; both then open the same file
    a = write_jsonl(tmp_path / "a.jsonl", 1200)
    b = write_jsonl(tmp_path / "b.jsonl", 1200, start=600)
    reports = {}

    def run(name: str, data: Path) -> None:
        with Store(path) as s:
            reports[name] = ingest([str(data)], s, SETTINGS, batch_size=100)

    threads = [threading.Thread(target=run, args=(n, d)) for n, d in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert reports["a"].new + reports["b"].new == 1800
    assert reports["a"].duplicate + reports["b"].duplicate == 600
    with Store(path) as s:
        assert s.count_articles() == 1800 and s.fts_in_sync()


def test_fill_leads_only_where_there_is_no_title(store, tmp_path):
    data = tmp_path / "t.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in [
        {"id": "t1", "title": "Een kop", "text": "Tekst met een kop erboven."},
        {"id": "t2", "text": " ".join(f"woord{i}" for i in range(30))},
    ]) + "\n", encoding="utf-8")
    digest = list_digest(store, ingest([str(data)], store, SETTINGS).ids)
    for a in digest.stories[0].articles:
        a.lead = ""
    fill_leads(store, digest)
    leads = {a.label: a.lead for a in digest.stories[0].articles}
    assert leads == {"t1": "", "t2": " ".join(f"woord{i}" for i in range(12)) + "…"}
