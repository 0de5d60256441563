"""Boilerplate lines are set aside, ordinary news sentences are not; NFC and paragraphs."""

from __future__ import annotations

import unicodedata

import pytest

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
        ("From another point of view. pic.twitter.com/eRbdLfuI1W — Voices from Belarus (@VoicesBelarus) "
         "14 september 2020", "tweet"),
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
