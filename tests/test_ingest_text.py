"""Plain-text reader: the five seed reports, headlines, paragraphs, Unicode normalisation."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from storyline.ingest import expand_inputs, read_inputs, read_source
from storyline.ingest.text import read_text, split_title
from storyline.model import Article, PartialDate, Rejected
from storyline.settings import Settings

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "sochi"
SETTINGS = Settings()


def _articles(paths: list[str]) -> list[Article]:
    items = list(read_inputs(paths, SETTINGS))
    assert not [i for i in items if isinstance(i, Rejected)], items
    return [i for i in items if isinstance(i, Article)]


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed examples missing at {SEEDS}")
    return {a.external_id: a for a in _articles([str(SEEDS)])}


def test_seed_folder_gives_five_articles_sorted(seeds: dict[str, Article]) -> None:
    sources, rejected = expand_inputs([str(SEEDS)], SETTINGS)
    assert rejected == []
    assert [s.name for s in sources] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(seeds) == 5


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("000_", None), ("001_", None), ("002_", "2020-09"), ("003_", "2020-09"), ("004_", "2020-08")],
)
def test_seed_dates_keep_month_precision(seeds: dict[str, Article], prefix: str, expected: str | None) -> None:
    article = next(a for name, a in seeds.items() if name.startswith(prefix))
    if expected is None:
        assert article.published is None
    else:
        assert article.published == PartialDate.parse(expected)
        assert article.published.precision == "month"
        assert not article.text.lstrip().startswith("date")  # header removed from the body


def test_seed_source_and_external_id(seeds: dict[str, Article]) -> None:
    for name, article in seeds.items():
        assert name.endswith(".txt")
        assert article.source.endswith(name)
        assert article.fmt == "text"
        assert article.outlet is None  # the files name no outlet


def test_seed_001_caption_and_tweet_are_boilerplate(seeds: dict[str, Article]) -> None:
    article = next(a for name, a in seeds.items() if name.startswith("001_"))
    assert article.title is None  # a caption is not a headline
    assert "Beeld EPA" not in article.text
    assert "pic.twitter.com" not in article.text
    assert "@VoicesBelarus" not in article.text
    assert any(line.endswith("Beeld EPA") for line in article.boilerplate)
    assert any("pic.twitter.com" in line for line in article.boilerplate)
    assert len(article.boilerplate) == 2
    assert article.text.startswith("Rusland gaat de Belarussische president")
    # Subheadings and curly quotes stay in the text, paragraphs stay separated.
    assert "\n\nUniestaat\n\n" in article.text
    assert "‘een grote broer’" in article.text


def test_seed_bodies_keep_paragraphs(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        assert "\n\n" in article.text
        assert "\n\n\n" not in article.text
        assert article.text == article.text.strip()


def test_headline_becomes_title() -> None:
    text = "Poetin belooft Loekasjenko steun\n\nDe Russische president heeft maandag steun toegezegd.\n"
    [article] = list(read_text(text, "a.txt", "a.txt"))
    assert isinstance(article, Article)
    assert article.title == "Poetin belooft Loekasjenko steun"
    assert article.text == "De Russische president heeft maandag steun toegezegd."


@pytest.mark.parametrize(
    "text",
    [
        "Dit is een gewone zin met een punt aan het eind.\n\nEn een tweede alinea.",  # final full stop
        "Een kop zonder witregel\nDirect gevolgd door tekst.",  # no blank line after it
        " ".join(["woord"] * 40) + "\n\nTweede alinea.",  # too long for a headline
        "Alleen een regel zonder rest",  # nothing after it
    ],
)
def test_non_headlines_stay_in_text(text: str) -> None:
    title, body = split_title(text)
    assert title is None
    assert body == text


def test_header_with_full_date_and_title() -> None:
    text = " date 2020-09-14 Kop van het bericht\n\nDe tekst van het bericht zelf."
    [article] = list(read_text(text, "x.txt", "x.txt"))
    assert isinstance(article, Article)
    assert article.published == PartialDate(2020, 9, 14)
    assert article.published.precision == "day"
    assert article.title == "Kop van het bericht"


def test_text_is_nfc_and_crlf_unified(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Het Oekraïense leger en de Belgische premier.\r\n\r\nTweede alinea.")
    path = tmp_path / "nfd.txt"
    path.write_bytes(decomposed.encode("utf-8"))
    [source], _ = expand_inputs([str(path)], SETTINGS)
    [article] = list(read_source(source, SETTINGS))
    assert isinstance(article, Article)
    assert "Oekraïense" in article.text and unicodedata.is_normalized("NFC", article.text)
    assert "\r" not in article.text
    assert article.text.endswith("\n\nTweede alinea.")


def test_text_with_only_boilerplate_is_rejected() -> None:
    [item] = list(read_text("Foto ANP\n\npic.twitter.com/abc123\n", "b.txt", "b.txt"))
    assert isinstance(item, Rejected)
    assert "boilerplate" in item.reason


def test_stdin_source_reads_text() -> None:
    import io

    [source], _ = expand_inputs(["-"], SETTINGS)
    assert source.kind == "stdin"
    [article] = list(read_source(source, SETTINGS, stdin=io.BytesIO(b" date 2021 Een bericht uit stdin.")))
    assert isinstance(article, Article)
    assert article.source == "stdin"
    assert article.published == PartialDate(2021)
    assert article.text == "Een bericht uit stdin."
