"""Boilerplate lines are set aside, ordinary news sentences are not; NFC and paragraphs."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.normalize import boilerplate_kind, clean_inline, normalize_text


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Beeld EPA", "photo credit"),
        ("Foto ANP", "photo credit"),
        ("Foto: Reuters", "photo credit"),
        ("© Reuters", "photo credit"),
        ("Beeld Hollandse Hoogte / Jan de Vries", "photo credit"),
        ("Loekasjenko en Poetin ontmoetten elkaar maandag in Sotsji. Beeld EPA", "photo caption"),
        ("Demonstranten in Minsk, zondag. Foto AFP", "photo caption"),
        ("De president bij aankomst. (Foto: ANP)", "photo caption"),
        ("Agenten voeren een man af. © Reuters", "photo caption"),
        ("From another point of view. pic.twitter.com/eRbdLfuI1W — Voices (@VoicesBelarus) 14 september 2020",
         "tweet"),
        ("Wat een dag. — Jan Jansen (@janjansen) 14 september 2020", "tweet"),
        ("https://twitter.com/someone/status/1305553454345", "tweet"),
        ("Je gebruikt een adblocker. Wij begrijpen dat, maar onze journalistiek kost geld.", "notice"),
        ("Wij zien dat je een adblocker gebruikt", "notice"),
        ("Please disable your ad blocker to continue reading", "notice"),
        ("Lees ook: Wat wil Poetin met Wit-Rusland?", "notice"),
        ("LEES OOK", "notice"),
        ("Bekijk ook: de beelden van de betoging", "notice"),
        ("Advertentie", "notice"),
        ("Deze website maakt gebruik van cookies. Door verder te gaan accepteer je ons cookiebeleid.",
         "cookie notice"),
        ("Door Marieke Dijkstra", "byline"),
        ("Door Jan van der Berg en Piet de Vries", "byline"),
        ("By John Smith", "byline"),
        ("Van onze correspondent in Moskou", "byline"),
        ("Van onze verslaggeefster", "byline"),
        ("Van onze redactie buitenland", "byline"),
        ("From our Moscow correspondent", "byline"),
    ],
)
def test_boilerplate_kinds(line: str, kind: str | None) -> None:
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Uniestaat",
        "Oppositie",
        "Rusland gaat de Belarussische president Loekasjenko ondersteunen met een lening van 1,3 miljard euro.",
        "Door de protesten staat Loekasjenko onder druk.",
        "Van onze correspondent hoorden we dat het rustig was.",
        "Door Poetin gesteund, blijft Loekasjenko zitten.",
        "Beeld je in dat je in Minsk woont.",
        "Het beeld dat de president schetste, klopte niet.",
        "Foto's van de betoging gingen het hele land rond.",
        "Advertentiekosten stegen vorig jaar met 5 procent.",
        "Lees de volledige verklaring van het Kremlin hieronder.",
        "De koekjes (cookies) van oma waren beroemd.",
        "Steeds meer Nederlanders gebruiken een adblocker, blijkt uit onderzoek.",
        "Hij noemde Rusland maandag ‘een grote broer’ met wie Belarus een ‘gemeenschappelijk vaderland’ deelt.",
        "De oppositie - met leider Tichanovskaja (38) - wil nieuwe verkiezingen.",
    ],
)
def test_news_lines_are_not_boilerplate(line: str) -> None:
    assert boilerplate_kind(line) is None


def test_normalize_text_keeps_paragraphs_and_order() -> None:
    raw = "Eerste alinea.\nnog steeds de eerste.\n\n\n\nBeeld EPA\n\nTweede alinea.  \n\nLees ook: iets\n"
    clean = normalize_text(raw)
    assert clean.text == "Eerste alinea.\nnog steeds de eerste.\n\nTweede alinea."
    assert clean.boilerplate == ["Beeld EPA", "Lees ook: iets"]


def test_normalize_text_nfc_quotes_kept_and_author() -> None:
    raw = unicodedata.normalize("NFD", "Door Anna de Wit\n\n‘Het Oekraïense leger’, zei hij.")
    clean = normalize_text(raw)
    assert clean.text == "‘Het Oekraïense leger’, zei hij."
    assert unicodedata.is_normalized("NFC", clean.text)
    assert clean.author == "Anna de Wit"


def test_clean_inline() -> None:
    assert clean_inline("  Kop \n over\ttwee regels ") == "Kop over twee regels"
    assert clean_inline("   ") is None and clean_inline(None) is None
    assert clean_inline(12) == "12"


@pytest.mark.parametrize(
    "line",
    [
        "Dit is een zin. Beeld " + "A" * 60 + " !",  # took 15 s with an ambiguous credit pattern
        ("Zin. Foto A" + "a" * 30 + " ") * 10 + "!",
        "Beeld " + "Aa/" * 40 + "!",
        "— " + "a" * 70 + " (@" + "a" * 15 + "x",
        "Je " + "a " * 200 + "adblocker",
    ],
)
def test_boilerplate_rules_are_linear_on_adversarial_lines(line: str) -> None:
    import time

    start = time.process_time()  # CPU time: the shared CI cores make wall time noisy
    boilerplate_kind(line)
    assert time.process_time() - start < 0.5  # the quadratic pattern this guards against took 15 s


_PIECES = list("aAbBeE .,!?:/©@()—-'’\"\t") + ["Beeld", "Foto", "EPA", "pic.twitter.com/x", "Lees ook", "Door",
                                                 "\n", "\n\n", "\r\n", "e\u0301"]
_LINE = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@given(_LINE)
@settings(max_examples=300)  # hypothesis' per-example deadline also catches slow (backtracking) rules
def test_normalize_text_is_idempotent_and_loses_nothing(raw: str) -> None:
    clean = normalize_text(raw)
    again = normalize_text(clean.text)
    assert again.text == clean.text and again.boilerplate == []
    assert "\n\n\n" not in clean.text and clean.text == clean.text.strip()
    kept_words = sorted((clean.text + " " + " ".join(clean.boilerplate)).split())
    assert kept_words == sorted(unicodedata.normalize("NFC", raw.replace("\ufeff", "").replace("\x00", "")).split())


def test_penn_treebank_quotes_become_plain_quotes_that_analysis_attributes() -> None:
    from storyline.model import Article
    from storyline.text import analyze

    raw = "Strawberry left the hospital on Friday. ``I'm really feeling good,'' said Strawberry at home."
    clean = normalize_text(raw).text
    assert clean == "Strawberry left the hospital on Friday. \"I'm really feeling good,\" said Strawberry at home."
    quotes = analyze(Article(text=clean, language="en")).quotes
    assert [(q.speaker, q.text) for q in quotes] == [("Strawberry", "I'm really feeling good,")]
    # without a double backtick two apostrophes are left alone (a 12'' record)
    assert normalize_text("Een 12'' plaat van de band.").text == "Een 12'' plaat van de band."
