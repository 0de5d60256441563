"""Tokens with spans, lemmas with simplemma clean-ups, content lemmas, stopwords."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.tokens import content_lemmas, is_stopword, lemmatize, tokenize


def test_spans_and_possessive_split() -> None:
    text = "Loekasjenko\u2019s ordetroepen, auto's en U.S. kosten 1,5 miljard."
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    words = [t.text for t in toks]
    assert words[:3] == ["Loekasjenko", "\u2019s", "ordetroepen"]
    assert "auto's" in words and "U.S." in words and "1,5" in words


def test_lemma_cleanups() -> None:
    assert lemmatize("aangehouden", "nl") == "aanhouden"  # simplemma gives aan_houden
    assert lemmatize("Belarussische", "nl") == "belarussisch"  # simplemma gives Belarus
    assert lemmatize("Russische", "nl") == "russisch"
    assert lemmatize("spraken", "nl") == "spreken"
    assert lemmatize("leningen", "nl") == "lening"
    assert lemmatize("talks", "en") == "talk"
    assert lemmatize("Wort", "xx") == "wort"


def test_content_lemmas_drop_stopwords_and_punctuation() -> None:
    got = content_lemmas("De Belarussische demonstranten werden door de politie aangehouden.", "nl")
    assert got == ["belarussisch", "demonstrant", "politie", "aanhouden"]
    assert content_lemmas("The protesters were arrested by the police.", "en") == ["protester", "arrest", "police"]


def test_stopwords() -> None:
    assert is_stopword("De", "nl") and is_stopword("the", "en") and not is_stopword("lening", "nl")
    assert not is_stopword("de", None)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    content_lemmas(text, "nl")
    content_lemmas(text, "en")
