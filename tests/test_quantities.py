"""Quantities in Dutch and English text (storyline.text.quantities)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Quantity, Sentence
from storyline.text.quantities import find_quantities

YEAR_S = 31_556_952


def one_sentence(text: str) -> list[Sentence]:
    return [Sentence(index=0, start=0, end=len(text), text=text)]


def quantities(text: str, language: str = "nl") -> list[Quantity]:
    return find_quantities(text, one_sentence(text), language)


def only(text: str, language: str = "nl") -> Quantity:
    found = quantities(text, language)
    assert len(found) == 1, [q.text for q in found]
    q = found[0]
    assert text[q.start:q.end] == q.text
    return q


@pytest.mark.parametrize(("text", "kind", "value", "low", "high", "unit", "qualifier", "counts"), [
    ("een lening van 1,5 miljard dollar", "money", 1.5e9, 1.5e9, 1.5e9, "USD", "exact", "lening"),
    ("een lening van 1,3 miljard euro.", "money", 1.3e9, 1.3e9, 1.3e9, "EUR", "exact", "lening"),
    ("De politie arresteerde bijna duizend demonstranten.", "count", 1000, 900, 1000, None, "almost",
     "demonstranten"),
    ("Zeker 774 deelnemers aan het protest", "count", 774, 774, None, None, "at_least", "deelnemers"),
    ("meer dan honderdduizend mensen", "count", 100_000, 100_000, None, None, "more_than", "mensen"),
    ("meer dan 100.000 Wit-Russen", "count", 100_000, 100_000, None, None, "more_than", "Wit-Russen"),
    ("hij zei na 4 uur niets", "duration", 14_400, 14_400, 14_400, "s", "exact", None),
    ("de circa vier uur durende gesprekken", "duration", 14_400, 12_960, 15_840, "s", "approx", "gesprekken"),
    ("met 80 procent van de stemmen", "percent", 80, 80, 80, "%", "exact", "stemmen"),
    ("eind juli werden 33 Russen opgepakt", "count", 33, 33, 33, None, "exact", "Russen"),
    ("hij liet tientallen Russen oppakken", "count", None, 20, 99, None, "vague", "Russen"),
    ("honderden agenten", "count", None, 200, 999, None, "vague", "agenten"),
    ("al 26 jaar aan de macht", "duration", 26 * YEAR_S, 26 * YEAR_S, 26 * YEAR_S, "s", "exact", None),
    ("de 66-jarige Lukashenko", "age", 66, 66, 66, "year", "exact", "Lukashenko"),
    ("een half miljard euro", "money", 5e8, 5e8, 5e8, "EUR", "exact", None),
    ("tweeënhalf miljoen mensen", "count", 2.5e6, 2.5e6, 2.5e6, None, "exact", "mensen"),
    ("500 à 600 agenten", "count", None, 500, 600, None, "range", "agenten"),
    ("500 tot 600 miljoen euro", "money", None, 5e8, 6e8, "EUR", "range", None),
    ("tussen 500 en 600 mensen", "count", None, 500, 600, None, "range", "mensen"),
    ("zo'n 300 mensen", "count", 300, 270, 330, None, "approx", "mensen"),
    ("ruim 40 procent", "percent", 40, 40, None, "%", "more_than", None),
    ("€ 3,5 mld. schuld", "money", 3.5e9, 3.5e9, 3.5e9, "EUR", "exact", "schuld"),
    ("drie dagen", "duration", 3 * 86_400, 3 * 86_400, 3 * 86_400, "s", "exact", None),
])
def test_dutch_quantities(text: str, kind: str, value: float | None, low: float | None,
                          high: float | None, unit: str | None, qualifier: str, counts: str | None) -> None:
    q = only(text)
    assert (q.kind, q.unit, q.qualifier, q.counts) == (kind, unit, qualifier, counts)
    assert q.value == (pytest.approx(value) if value is not None else None)
    assert q.low == (pytest.approx(low) if low is not None else None)
    assert q.high == (pytest.approx(high) if high is not None else None)


@pytest.mark.parametrize(("text", "kind", "value", "low", "high", "unit", "counts"), [
    ("a $1.5 billion loan", "money", 1.5e9, 1.5e9, 1.5e9, "USD", "loan"),
    ("a loan of 1.5bn euros", "money", 1.5e9, 1.5e9, 1.5e9, "EUR", "loan"),
    ("at least 1,000 people", "count", 1000, 1000, None, None, "people"),
    ("3.5 million voters", "count", 3.5e6, 3.5e6, 3.5e6, None, "voters"),
    ("four hours of talks", "duration", 14_400, 14_400, 14_400, "s", None),
    ("tens of thousands of protesters", "count", None, 20_000, 99_000, None, "protesters"),
    ("more than 80 percent of the vote", "percent", 80, 80, None, "%", "vote"),
    ("the sixth week", "ordinal", 6, 6, 6, None, "week"),
    ("it would take between 60 and 90 days", "duration", None, 60 * 86_400, 90 * 86_400, "s", None),
    ("a 3 to 5 percent rise", "percent", None, 3, 5, "%", "rise"),
])
def test_english_quantities(text: str, kind: str, value: float | None, low: float | None,
                            high: float | None, unit: str | None, counts: str | None) -> None:
    q = only(text, "en")
    assert (q.kind, q.unit, q.counts) == (kind, unit, counts)
    assert q.value == (pytest.approx(value) if value is not None else None)
    assert q.low == (pytest.approx(low) if low is not None else None)
    assert q.high == (pytest.approx(high) if high is not None else None)


def test_ordinals_keep_what_they_count() -> None:
    q = only("voor de zesde week op rij")
    assert (q.kind, q.value, q.counts) == ("ordinal", 6, "week")
    q = only("voor het vijfde weekend op een rij")
    assert (q.kind, q.value, q.counts) == ("ordinal", 5, "weekend")


def test_counts_lemmas_include_head_and_verb() -> None:
    q = quantities("Zondag werden 774 betogers opgepakt, van wie 500 in de hoofdstad Minsk.")
    assert [x.value for x in q] == [774, 500]
    assert q[0].counts == "betogers"
    assert q[0].counts_lemmas[0] == "betoger" and "oppakken" in q[0].counts_lemmas
    assert q[1].counts == "betogers"  # "van wie 500" inherits what the 774 counted


@pytest.mark.parametrize("text", [
    "de G7 vergadert", "een Boeing 737 stortte neer", "COVID-19 houdt aan", "file op de A12",
    "bel 020-1234567", "Ajax won met 2-1", "in 2020 was het rustig", "sinds 1994 regeert hij",
    "op 9 augustus 2020", "om 4 uur begint het", "om 10.30 uur", "in de jaren '80",
    "het 4G-netwerk", "artikel 5 van het verdrag", "een lening", "de eerste keer was een",
])
def test_numbers_in_names_codes_dates_are_not_quantities(text: str) -> None:
    found = [q for q in quantities(text) if q.kind != "ordinal"]
    assert found == [], [q.text for q in found]


def test_spans_point_into_text_and_sentence_index() -> None:
    text = "Eerste zin zonder getal. Daarna kwamen 33 Russen en 1,5 miljard dollar."
    sentences = [Sentence(0, 0, 24, text[:24]), Sentence(1, 25, len(text), text[25:])]
    found = find_quantities(text, sentences, "nl")
    assert [(q.sentence, q.text) for q in found if q.kind != "ordinal"] == [
        (1, "33"), (1, "1,5 miljard dollar")]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["nl", "en", "xx", ""]))
def test_never_raises_on_random_text(text: str, language: str) -> None:
    for q in find_quantities(text, one_sentence(text), language):
        assert text[q.start:q.end] == q.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["1", ",", ".", "5", " ", "miljard", "€", "$", "-", "bijna", "tot",
                                 "à", "procent", "%", "uur", "'", "tientallen", "een", "half"]),
                max_size=30))
def test_never_raises_on_number_like_soup(parts: list[str]) -> None:
    text = "".join(parts)
    for q in find_quantities(text, one_sentence(text), "nl"):
        assert q.start < q.end


@pytest.mark.parametrize("text", [
    "1" * 400, "1,5,3", "€", "$$$", "1.2.3.4.5.6.7.8.9", "meer dan", "tientallen of of of",
    "١٢٣ ४५६ 七八九", "\x00\ud7ff1,5",
])
def test_bad_input(text: str) -> None:
    find_quantities(text, one_sentence(text), "nl")
    find_quantities(text, [], "en")


def test_large_input_runs_in_bounded_time() -> None:
    chunk = "Zondag werden 774 betogers opgepakt, van wie 500 in Minsk en 1,5 miljard dollar geleend "
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    t0 = time.process_time()
    found = find_quantities(text, one_sentence(text), "nl")
    assert time.process_time() - t0 < 2.0
    assert len(found) > 1000
    for digits in ("1" * 100_000, "1," * 50_000, "a1" * 50_000):
        t0 = time.process_time()
        find_quantities(digits, one_sentence(digits), "nl")
        assert time.process_time() - t0 < 1.0


@pytest.mark.parametrize("text", [
    "in de Tweede Kamer", "de jaren negentig", "de Hongerwinter van 1944-1945",
    "de lijst:\n1. Henk van Gerven (SP) 2. André Rouvoet",
])
def test_names_decades_year_ranges_and_list_numbers_are_not_quantities(text: str) -> None:
    assert quantities(text) == [], [q.text for q in quantities(text)]


def test_a_count_at_the_end_of_a_sentence_is_kept() -> None:
    assert [q.value for q in quantities("Het aantal doden steeg naar 12. De politie zweeg.")] == [12]


def test_rate_is_not_what_is_counted() -> None:
    q = only("zo'n 7000 euro per vierkante meter")
    assert (q.kind, q.unit, q.counts, q.qualifier) == ("money", "EUR", None, "approx")


def test_half_before_a_unit() -> None:
    q = only("u moet een half uur wachten")
    assert (q.kind, q.value) == ("duration", 1800)


def test_english_adverb_first_is_not_an_ordinal() -> None:
    assert quantities("he first observed the decline", "en") == []


def test_name_modifiers_are_skipped_to_the_counted_noun() -> None:
    q = only("30 percent of North Korean children", "en")
    assert q.counts == "children"
    q = only("honderden Russische soldaten")
    assert q.counts == "soldaten"
    q = only("200 Amsterdammers gingen de straat op")
    assert q.counts == "Amsterdammers"


def test_english_over_a_duration_is_a_span() -> None:
    q = only("a decline over three years", "en")
    assert (q.kind, q.qualifier, q.low, q.high) == ("duration", "exact", 3 * YEAR_S, 3 * YEAR_S)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["774", "1,5", "100.000", " ", "\n", "(", "miljard", "dollar", "euro", "bijna",
                                 "duizend", "honderdduizend", "tientallen", "Russen", "een", "half", "uur",
                                 "procent", "zesde", "week", "meer", "dan", "zo'n", "€", "-", "600", "à", "tot",
                                 "tweeënhalf", "miljoen", "mensen", "van", "wie", ",", "."]), max_size=30))
def test_anchored_search_finds_what_a_full_scan_finds(parts: list[str]) -> None:
    """The anchor shortcut must give the same quantities as scanning every position."""
    from unittest import mock

    from storyline.text import quantities as module

    text = " ".join(parts)
    fast = find_quantities(text, one_sentence(text), "nl")
    with mock.patch.object(module, "_candidates", lambda t, lang: list(module._CANDIDATE.finditer(t))):
        slow = find_quantities(text, one_sentence(text), "nl")
    assert fast == slow


def test_first_and_third_are_ordinals_and_idioms_are_not_counts() -> None:
    assert [(q.kind, q.value, q.counts) for q in quantities("het eerste gesprek, voor de derde keer")] == [
        ("ordinal", 1, "gesprek"), ("ordinal", 3, "keer")]
    assert [q.text for q in quantities("het gesprek onder vier ogen, in één adem")] == []


def test_vague_amount_of_something() -> None:
    q = only("Het land heeft miljarden aan leningen uitstaan.")
    assert (q.kind, q.low, q.high, q.counts) == ("count", 2e9, 999e9, "leningen")
