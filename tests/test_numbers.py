"""Numerals and number words in Dutch and English (storyline.text.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.numbers import parse_number_word, parse_numeral, parse_ordinal


@pytest.mark.parametrize(("token", "language", "value"), [
    ("774", "nl", 774), ("100.000", "nl", 100_000), ("1,5", "nl", 1.5), ("1,25", "nl", 1.25),
    ("1.000.000,5", "nl", 1_000_000.5), ("1.5", "en", 1.5), ("1,000", "en", 1000),
    ("1,000,000.5", "en", 1_000_000.5), ("1,500", "nl", 1.5), ("1.5", "nl", 1.5),
])
def test_parse_numeral(token: str, language: str, value: float) -> None:
    assert parse_numeral(token, language) == pytest.approx(value)


@pytest.mark.parametrize("token", ["1,5,3", "1.000,000,5", "", "abc", "1" * 400, "12.34.56"])
def test_parse_numeral_rejects_malformed(token: str) -> None:
    assert parse_numeral(token, "nl") is None


@pytest.mark.parametrize(("word", "language", "value"), [
    ("honderdduizend", "nl", 100_000), ("tweeënhalf", "nl", 2.5), ("eenentwintig", "nl", 21),
    ("tweehonderdvijftig", "nl", 250), ("drieduizendvijfhonderd", "nl", 3500), ("anderhalf", "nl", 1.5),
    ("vier", "nl", 4), ("zeventien", "nl", 17), ("negentig", "nl", 90), ("duizend", "nl", 1000),
    ("twenty-five", "en", 25), ("two hundred and fifty", "en", 250), ("thousand", "en", 1000),
])
def test_parse_number_word(word: str, language: str, value: float) -> None:
    assert parse_number_word(word, language) == pytest.approx(value)


@pytest.mark.parametrize("word", ["en", "tweedrie", "tienen", "rode", "a", "halfje"])
def test_parse_number_word_rejects_non_numbers(word: str) -> None:
    assert parse_number_word(word, "nl") is None


@pytest.mark.parametrize(("word", "language", "value"), [
    ("zesde", "nl", 6), ("vijfde", "nl", 5), ("eerste", "nl", 1), ("derde", "nl", 3),
    ("eenentwintigste", "nl", 21), ("honderdste", "nl", 100), ("achtste", "nl", 8), ("6e", "nl", 6),
    ("21st", "en", 21), ("sixth", "en", 6), ("twenty-first", "en", 21),
])
def test_parse_ordinal(word: str, language: str, value: int) -> None:
    assert parse_ordinal(word, language) == value


@pytest.mark.parametrize("word", ["rode", "zijde", "beste", "vrede", "weekend"])
def test_parse_ordinal_rejects_words(word: str) -> None:
    assert parse_ordinal(word, "nl") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["nl", "en", "de", ""]))
def test_parsers_never_raise(text: str, language: str) -> None:
    parse_numeral(text, language)
    parse_number_word(text, language)
    parse_ordinal(text, language)
