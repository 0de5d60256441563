"""Sentence splitter: abbreviations, initials, quotes, headlines, paragraphs, exact spans, foreign lines."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.sentences import split_sentences

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "sochi"


def texts(text: str, language: str | None = "nl") -> list[str]:
    return [s.text for s in split_sentences(text, language)]


@pytest.mark.parametrize("text, expected", [
    ("Hij kreeg ca. 5 mln. euro van dhr. Jansen. Daarna ging hij weg.",
     ["Hij kreeg ca. 5 mln. euro van dhr. Jansen.", "Daarna ging hij weg."]),
    ("Het kost 1,2 mld. De regering betaalt.", ["Het kost 1,2 mld.", "De regering betaalt."]),
    ("Er waren o.a. Belgen bij. J. de Vries was er ook.",
     ["Er waren o.a. Belgen bij.", "J. de Vries was er ook."]),
    ("Dat gebeurde op 14 aug. 2020 in Minsk. Het regende.",
     ["Dat gebeurde op 14 aug. 2020 in Minsk.", "Het regende."]),
    ("Mr. Smith went to the U.S. The talks failed.", ["Mr. Smith went to the U.S.", "The talks failed."]),
    ("Mr. Smith lives in the U.S. since 2001.", ["Mr. Smith lives in the U.S. since 2001."]),
    ("Prof. dr. A.B. Jansen sprak. Niemand luisterde.", ["Prof. dr. A.B. Jansen sprak.", "Niemand luisterde."]),
])
def test_abbreviations_and_initials(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_quotes_stay_with_their_sentence() -> None:
    got = texts("Hij zei: \u2018Het spijt me.\u2019 Daarna vertrok hij. \u201cWe gaan door!\u201d, riep ze.")
    assert got == ["Hij zei: \u2018Het spijt me.\u2019", "Daarna vertrok hij.", "\u201cWe gaan door!\u201d, riep ze."]


def test_quote_spanning_two_sentences_keeps_marks_at_its_ends() -> None:
    got = texts('Sugar zei: "We waren gek. Maar we wonnen." Dat klopt.')
    assert got == ['Sugar zei: "We waren gek.', 'Maar we wonnen."', "Dat klopt."]


def test_headline_without_stop_and_paragraphs() -> None:
    text = "Bekoelde relatie\n\nLoekasjenko is afhankelijk van Rusland. Hij weet dat.\n\nOppositie\nDe oppositie protesteert"
    sents = split_sentences(text, "nl")
    assert [s.text for s in sents] == ["Bekoelde relatie", "Loekasjenko is afhankelijk van Rusland.", "Hij weet dat.",
                                       "Oppositie", "De oppositie protesteert"]
    assert [s.paragraph for s in sents] == [0, 1, 1, 2, 3]


def test_hard_wrapped_text_joins_lines() -> None:
    text = "The president said on Monday that the\ntalks would go on for a while and that\nthey were useful.\n\nNext paragraph."
    assert texts(text, "en") == ["The president said on Monday that the\ntalks would go on for a while and that\nthey were useful.",
                                 "Next paragraph."]


def test_spans_are_exact_and_ordered_on_seeds() -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sents = split_sentences(text)
        assert sents, path
        for i, s in enumerate(sents):
            assert s.index == i and text[s.start:s.end] == s.text and s.text == s.text.strip()
        assert all(a.end <= b.start for a, b in itertools.pairwise(sents))


def test_embedded_english_tweet_is_foreign() -> None:
    text = ("Loekasjenko ontmoette Poetin maandag in Sotsji. De politie arresteerde demonstranten.\n\n"
            "From another point of view. pic.twitter.com/x — Voices from Belarus (@VoicesBelarus) 14 september 2020\n\n"
            "De onderhandelingen worden met wantrouwen gevolgd.")
    sents = split_sentences(text)
    foreign = [s for s in sents if s.foreign]
    assert foreign and all(s.language == "en" and "from" in s.text.lower() for s in foreign)
    assert all(s.language == "nl" for s in sents if not s.foreign)
    assert not any(s.foreign for s in split_sentences("Uniestaat\n\nDe Russische president zweeg.", "nl"))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_and_spans_hold(text: str) -> None:
    for s in split_sentences(text, "nl"):
        assert text[s.start:s.end] == s.text and s.text


def test_huge_sentence_and_lone_quotes() -> None:
    big = "woord " * 20000 + "'\u201c\u2019 . ! ?"
    sents = split_sentences(big, "nl")
    assert sents and sum(len(s.text) for s in sents) <= len(big)


def test_dutch_newspaper_quote_marks() -> None:
    got = texts("Tien corporaties doen mee (zie kader). ,,Mijn ambitie is groot'', zegt Huibers. Dat klopt.")
    assert got == ["Tien corporaties doen mee (zie kader).", ",,Mijn ambitie is groot'', zegt Huibers.", "Dat klopt."]


def test_foreign_shortcut_gives_the_same_sentences(monkeypatch) -> None:
    """The substring bound that skips profiling only skips spans that cannot be foreign."""
    from storyline.text import sentences as sentences_module

    text = ("Hij zei: \"This is the end of the world and the rest.\" Daarna ging hij naar huis.\n\n"
            "The end. Het eind is daar en de rest van het verhaal, zei de man.\nDas ist der Weg und die Welt.\n"
            "De minister was er niet bij en de premier ook niet. Thereby theory: thesis.")
    fast = [(s.start, s.end, s.language, s.foreign) for s in split_sentences(text, "nl")]
    monkeypatch.setattr(sentences_module._HitBound, "may_hold_two", lambda self, start, end: True)
    slow = [(s.start, s.end, s.language, s.foreign) for s in split_sentences(text, "nl")]
    assert fast == slow and any(f for *_, f in fast)
