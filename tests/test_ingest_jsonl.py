"""JSONL / JSON reader: schema, aliases, broken lines reported with file:line, the real DPG export."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from storyline.ingest import read_inputs
from storyline.ingest.jsonl import read_json
from storyline.model import Article, PartialDate, Rejected
from storyline.settings import Settings

SETTINGS = Settings()
DPG = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "dpgmedia2019" / \
    "dpgMedia2019-articles-byarticle-all.jsonl"


def _split(items: list[Article | Rejected]) -> tuple[list[Article], list[Rejected]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejected)]


def test_broken_line_reported_and_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": 1, "title": "Een", "text": "Eerste bericht.", "published": "2020-09"}),
        '{"id": 2, "title": "Twee", "text": "kapot',
        "",
        json.dumps({"id": 3, "title": "Drie", "text": "Derde bericht."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, rejected = _split(list(read_inputs([str(path)], SETTINGS)))
    assert [a.external_id for a in articles] == ["1", "3"]
    [bad] = rejected
    assert bad.source == str(path) and bad.line == 2
    assert str(bad).startswith(f"{path}:2: invalid JSON")
    assert articles[0].source == f"{path}:1" and articles[1].source == f"{path}:4"
    assert articles[0].published == PartialDate(2020, 9)


def test_aliases_of_common_exports() -> None:
    record = {
        "_id": "abc", "headline": "Kop", "body": "De tekst.\n\nBeeld ANP", "published_at": "2019-02-21 10:30:00",
        "publisher": "vk", "link": "https://example.nl/a", "lang": "nl-NL", "authors": ["A. Auteur", "B. Auteur"],
    }
    [article] = list(read_json(json.dumps(record), "x.jsonl", "x.jsonl"))
    assert isinstance(article, Article)
    assert (article.external_id, article.title, article.text) == ("abc", "Kop", "De tekst.")
    assert article.boilerplate == ["Beeld ANP"]
    assert article.published == PartialDate(2019, 2, 21, 10, 30)
    assert (article.outlet, article.url, article.language) == ("vk", "https://example.nl/a", "nl")
    assert article.author == "A. Auteur, B. Auteur"
    assert article.fmt == "json"


def test_source_object_and_content_alias() -> None:
    record = {"source": {"id": None, "name": "NOS"}, "content": "Tekst.", "date": "2020-09-14T18:30:00+02:00"}
    [article] = list(read_json(json.dumps(record), "n.json", "n.json"))
    assert isinstance(article, Article)
    assert article.outlet == "NOS"
    assert article.published == PartialDate(2020, 9, 14, 18, 30)
    assert article.external_id == "n.json:1"  # no id: file name and line


def test_html_in_text_field_and_wordpress_shape() -> None:
    record = {"id": 3, "title": {"rendered": "Kop &amp; meer"}, "content": {"rendered": "<p>Een.</p><p>Twee.</p>"}}
    [article] = list(read_json(json.dumps(record), "wp.json", "wp.json"))
    assert isinstance(article, Article)
    assert article.text == "Een.\n\nTwee."
    assert article.title == "Kop & meer"
    [plain] = list(read_json(json.dumps({"text": "Als a < b en c > d, dan geldt dat."}), "p.json", "p.json"))
    assert isinstance(plain, Article) and plain.text == "Als a < b en c > d, dan geldt dat."


@pytest.mark.parametrize(
    ("document", "ids"),
    [
        ('[{"id": 7, "text": "a."}, {"id": 8, "text": "b."}]', ["7", "8"]),
        ('{\n  "id": 9,\n  "text": "Een mooi opgemaakt object."\n}', ["9"]),
        ('{"articles": [{"id": "x", "text": "a."}]}', ["x"]),
    ],
)
def test_json_documents(document: str, ids: list[str]) -> None:
    articles, rejected = _split(list(read_json(document, "d.json", "d.json")))
    assert rejected == []
    assert [a.external_id for a in articles] == ids


def test_bad_records_name_the_problem() -> None:
    text = "\n".join([json.dumps({"id": 5, "title": "leeg", "text": ""}), "[1, 2]", json.dumps({"id": 6, "text": 12})])
    items = list(read_json(text, "r.jsonl", "r.jsonl"))
    assert all(isinstance(i, Rejected) for i in items)
    assert [i.line for i in items] == [1, 2, 3]  # type: ignore[union-attr]
    assert "article 5 has no text" in items[0].reason  # type: ignore[union-attr]
    assert "expected a JSON object" in items[1].reason  # type: ignore[union-attr]
    assert "must be a string" in items[2].reason  # type: ignore[union-attr]


def test_broken_json_array_reports_line() -> None:
    [bad] = list(read_json('[\n{"id": 1, "text": "a."},\n{"id": 2 "text": "b."}\n]', "a.json", "a.json"))
    assert isinstance(bad, Rejected) and bad.line == 3 and bad.reason.startswith("invalid JSON")


def test_dpg_export(tmp_path: Path) -> None:
    if not DPG.exists():
        pytest.skip(f"evaluation data not found at {DPG} (see ../shared/data/README.md)")
    start = time.perf_counter()
    articles, rejected = _split(list(read_inputs([str(DPG)], SETTINGS)))
    elapsed = time.perf_counter() - start
    raw = [json.loads(line) for line in DPG.read_text(encoding="utf-8").splitlines() if line.strip()]
    empty = [r for r in raw if not r["text"].strip()]
    assert len(articles) + len(rejected) == len(raw) == 1438
    assert len(rejected) == len(empty)  # only the records without text are rejected, each with its line
    assert all(r.line is not None and "has no text" in r.reason for r in rejected)
    assert all(isinstance(a.external_id, str) and a.external_id.isdigit() for a in articles)
    assert all(a.published is not None and a.published.precision == "day" for a in articles)
    assert len({a.external_id for a in articles}) == len(articles)
    assert len(articles) / elapsed > 2000, f"parse rate {len(articles) / elapsed:.0f} articles/s"
