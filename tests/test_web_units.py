"""Pure parts of the web layer: language choice, dates in words, safe links, highlights, the SVG timeline."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from storyline.model import Analysis, Mention, Quantity, Sentence
from storyline.web.highlight import article_segments, snippet_segments
from storyline.web.i18n import STRINGS, Translator, format_date, format_span, negotiate
from storyline.web.render import safe_url
from storyline.web.timeline_svg import interval, render_timeline

SVG = "{http://www.w3.org/2000/svg}"


def test_negotiate_language() -> None:
    assert negotiate(None, None) == "nl"
    assert negotiate("en", "nl") == "en"
    assert negotiate("EN", None) == "en"
    assert negotiate("de", "en-US,en;q=0.8") == "en"  # an unknown ?lang= falls through
    assert negotiate(None, "de-DE, en;q=0.3, nl;q=0.7") == "nl"
    assert negotiate(None, "en;q=garbage, nl;q=0.1") == "nl"
    assert negotiate(None, "fr, de") == "nl"


def test_every_string_has_both_languages() -> None:
    for key, entry in STRINGS.items():
        assert set(entry) == {"nl", "en"}, key
        assert all(entry.values()), key
    t = Translator("en")
    assert t.count("report", 1) == "1 report" and t.count("report", 5) == "5 reports"
    assert Translator("nl").count("conflict", 2) == "2 tegenstrijdigheden"


def test_dates_in_words_keep_their_precision() -> None:
    assert format_date("2020", "nl") == "2020"
    assert format_date("2020-09", "nl") == "sep 2020"
    assert format_date("2020-09-14", "en") == "14 Sep 2020"
    assert format_date("2020-09-14T10:05", "en") == "14 Sep 2020 10:05"
    assert format_date(None, "nl") == "datum onbekend"
    assert format_span("2020-08", "2020-09", "en") == "Aug 2020 – Sep 2020"
    assert format_span(None, "2020-09", "en") == "Sep 2020"


def test_safe_url_only_allows_absolute_http_links() -> None:
    assert safe_url("https://nos.nl/artikel/1") == "https://nos.nl/artikel/1"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>",
                "//evil.example/x", "/relative", "vbscript:x", "http://", "https://a b.example/", "http://x\n.y",
                None, ""]:
        assert safe_url(bad) is None, bad


@given(st.text())
def test_safe_url_never_returns_a_non_http_scheme(text: str) -> None:
    out = safe_url(text)
    assert out is None or out.lower().startswith(("http://", "https://"))


def _analysis(text: str) -> Analysis:
    sentence = Sentence(0, 0, len(text), text)
    poetin = text.index("Poetin")
    loan = text.index("1,5 miljard dollar")
    return Analysis(
        article_id="a", language="nl", sentences=[sentence], lemmas=[[]],
        mentions=[Mention(0, poetin, poetin + 6, "Poetin", "PER", "Vladimir Poetin"),
                  Mention(0, 0, 999, "out of range", "PER", "x")],
        quantities=[Quantity(0, loan, loan + 18, "1,5 miljard dollar", "money", 1.5e9, 1.5e9, 1.5e9, "USD"),
                    Quantity(0, loan, loan + 3, "1,5", "number", 1.5, 1.5, 1.5)],
    )


def test_article_segments_cover_the_text_once_without_overlaps() -> None:
    text = "Poetin zegde een lening van 1,5 miljard dollar toe."
    segments = article_segments(text, _analysis(text))
    assert "".join(s["text"] for s in segments) == text
    marked = [(s["kind"], s["text"]) for s in segments if s["kind"]]
    assert marked == [("name", "Poetin"), ("quantity", "1,5 miljard dollar")]  # longer span wins; bad span dropped
    assert article_segments(text, None) == [{"text": text, "kind": None, "note": ""}]


def test_snippet_segments_mark_matches() -> None:
    segments = snippet_segments("… Poetin en Loekasjenko …", [(2, 8), (12, 23)])
    assert [s["text"] for s in segments if s["kind"] == "match"] == ["Poetin", "Loekasjenko"]


def test_interval_of_partial_dates() -> None:
    assert interval("2020") == (date(2020, 1, 1), date(2020, 12, 31))
    assert interval("2020-02") == (date(2020, 2, 1), date(2020, 2, 29))
    assert interval("2020-12") == (date(2020, 12, 1), date(2020, 12, 31))
    assert interval("2020-09-14T10:05") == (date(2020, 9, 14), date(2020, 9, 14))
    assert interval(None) is None and interval("soon") is None


def test_timeline_svg_draws_precision_as_width() -> None:
    entries = [
        {"time": "2020-08", "precision": "month", "description": "August 2020", "label": "Putin offers support",
         "articles": ["a4"]},
        {"time": "2020-09-14", "precision": "day", "description": "14 September 2020", "label": "Sochi meeting",
         "articles": ["a0", "a1"]},
        {"time": None, "precision": None, "description": "", "label": "undated", "articles": []},
    ]
    svg = ET.fromstring(str(render_timeline(entries, {"a0": "000", "a1": "001", "a4": "004"}, "Story", "en")))
    groups = svg.findall(f"{SVG}g")
    assert len(groups) == 3
    titles = [g.find(f"{SVG}title").text for g in groups]
    assert titles[1] == "14 September 2020: Sochi meeting (000 001)"
    month_bar = groups[0].find(f"{SVG}rect[@class='mark']")
    day_dot = groups[1].find(f"{SVG}circle[@class='mark']")
    assert month_bar is not None and float(month_bar.get("width")) > 100
    assert day_dot is not None
    assert groups[2].find(f"{SVG}text[@class='undated']") is not None


@given(st.text(max_size=80), st.text(max_size=80))
def test_timeline_svg_is_well_formed_for_any_text(label: str, description: str) -> None:
    entries = [{"time": "2020-09", "precision": "month", "description": description, "label": label,
                "articles": ["<a>"]}]
    svg = ET.fromstring(str(render_timeline(entries, {}, "<title>", "nl")))
    assert svg.find(f"{SVG}title").text == "<title>"


def test_fact_values_read_well() -> None:
    from storyline.web.render import format_value

    assert format_value(1.5e9, "USD") == "1.5 bn USD"
    assert format_value(1.25e9, "EUR") == "1.25 bn EUR"
    assert format_value(774.0) == "774"
    assert format_value(100000.0) == "100,000"
    assert format_value(80.0, "%") == "80 %"
    assert format_value(14400.0, "s") == "4 h"
    assert format_value("2020-08-09") == "2020-08-09"
    assert format_value(None) == "" and format_value(True) == ""
