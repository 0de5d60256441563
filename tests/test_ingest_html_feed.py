"""HTML article pages and RSS/Atom feeds, including malformed HTML and XML."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest import read_bytes, read_inputs
from storyline.ingest.html import read_html
from storyline.ingest.markup import html_to_text
from storyline.model import Article, PartialDate, Rejected
from storyline.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SETTINGS = Settings()


def _items(name: str) -> list[Article | Rejected]:
    return list(read_inputs([str(FIXTURES / name)], SETTINGS))


def test_html_article_page() -> None:
    [article] = _items("article_nl.html")
    assert isinstance(article, Article)
    assert article.fmt == "html"
    assert article.title == "Poetin zegt Loekasjenko steun toe in Sotsji"
    assert article.outlet == "De Voorbeeldkrant"
    assert article.author == "Marieke Dijkstra"
    assert article.url == "https://voorbeeldkrant.example/buitenland/poetin-steun-loekasjenko"
    assert article.published == PartialDate(2020, 9, 14, 21, 5)
    assert article.language == "nl"
    assert article.external_id == "article_nl.html"
    assert article.text.startswith("De Russische president Vladimir Poetin")
    assert article.text.count("\n\n") == 2  # three paragraphs
    assert "‘oudere broer’" in article.text  # entity decoded, curly quotes kept
    for leak in ("cookies", "Meest gelezen", "Home", "Alle rechten", "Lees ook", "Beeld AFP", "Poetin zegt Loekasjenko steun toe"):
        assert leak not in article.text, leak
    assert any(line.startswith("Lees ook") for line in article.boilerplate)


def test_html_outlet_falls_back_to_domain() -> None:
    page = ("<html><head><title>Kop</title></head><body><article><p>" + "Een zin over de gebeurtenis in Minsk. " * 8
            + "</p></article></body></html>")
    [article] = list(read_html(page, "https://www.krant.example/x", "https://www.krant.example/x",
                               url="https://www.krant.example/x"))
    assert isinstance(article, Article)
    assert article.outlet == "krant.example"
    assert article.published is None  # no date on the page: not guessed


def test_malformed_html_best_effort() -> None:
    page = ("<html><body><div><p>Een vrij lange zin over iets dat in Sotsji is gebeurd, met genoeg woorden"
            " om als tekst te tellen.<b>niet gesloten <div>meer tekst &amp; zo <p>nog een stuk</span></td>")
    [article] = list(read_bytes(page.encode(), "broken.html", "broken.html"))
    assert isinstance(article, Article)
    assert "Sotsji" in article.text and "& zo" in article.text


def test_html_without_article_text_rejected() -> None:
    for page in ("<html><head><title>Leeg</title></head><body><nav>Home</nav></body></html>", "<<<>>>"):
        [item] = list(read_bytes(page.encode(), "empty.html", "empty.html"))
        assert isinstance(item, Rejected)
        assert "no article text" in item.reason


def test_html_to_text_paragraphs() -> None:
    assert html_to_text("<p>Een.</p><p>Twee<br>drie.</p>") == "Een.\n\nTwee\ndrie."
    assert html_to_text("geen html") == "geen html"
    assert html_to_text("<ul><li>a</li><li><p>b</p></li></ul>") == "a\n\nb"
    assert html_to_text("<p>Een</p>losse tekst<p>Twee\n  regels in de bron</p>") == \
        "Een\n\nlosse tekst\n\nTwee regels in de bron"
    assert html_to_text("<p>a < b en <i>c</i></p>") == "a < b en c"


def test_dutch_rss_feed() -> None:
    items = _items("nos_nl.rss")
    assert all(isinstance(i, Article) for i in items)
    full, summary_only, undated = items
    assert isinstance(full, Article) and isinstance(summary_only, Article) and isinstance(undated, Article)
    assert full.published == PartialDate(2020, 9, 14, 19, 45)  # 'ma, 14 sep 2020 19:45:00 +0200'
    assert full.partial is False
    assert full.title == "Poetin zegt Loekasjenko lening toe"
    assert full.author == "Anna Jansen"
    assert full.outlet == "Wereldnieuws — Het Voorbeeldblad"
    assert full.language == "nl"
    assert full.external_id == "vb-1001"
    assert full.url == "https://voorbeeldblad.example/nieuws/1001"
    assert full.source.endswith("nos_nl.rss#1")
    assert full.text.count("\n\n") == 1 and "Beeld EPA" not in full.text
    assert summary_only.partial is True
    assert summary_only.published == PartialDate(2020, 9, 13)  # day precision, no invented midnight
    assert undated.published is None


def test_atom_feed() -> None:
    first, second = _items("world.atom")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.published == PartialDate(2020, 9, 14, 17, 30)
    assert first.partial is False and first.author == "John Smith" and first.language == "en"
    assert first.text.startswith("Russian President Vladimir Putin") and "<p>" not in first.text
    assert second.partial is True
    assert second.published == PartialDate(2020, 9, 13, 20, 0)  # only <updated>
    assert first.outlet == "Example World News"


def test_malformed_xml_without_items_rejected() -> None:
    [item] = list(read_bytes(b"<?xml version='1.0'?>\n<rss><channel><title>x</title>\n<<<", "bad.xml", "bad.xml"))
    assert isinstance(item, Rejected)
    assert item.reason.startswith("malformed XML")


def test_malformed_xml_items_recovered_with_a_rejection() -> None:
    data = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Blad</title>"
            b"<item><title>A & B</title><description>Een bericht over Minsk.</description></item>"
            b"</channel></rss>")
    items = list(read_bytes(data, "loose.rss", "loose.rss"))
    rejections = [i for i in items if isinstance(i, Rejected)]
    articles = [i for i in items if isinstance(i, Article)]
    assert len(rejections) == 1 and "read best effort" in rejections[0].reason
    assert [a.title for a in articles] == ["A & B"]


def test_xml_that_is_not_a_feed() -> None:
    [item] = list(read_bytes(b"<?xml version='1.0'?><note><to>Jan</to></note>", "note.xml", "note.xml"))
    assert isinstance(item, Rejected)
    assert "not an RSS or Atom feed" in item.reason
