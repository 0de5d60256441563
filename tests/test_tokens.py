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


def test_tokenize_fast_path_matches_plain_regex_scan() -> None:
    """The findall-with-gaps fast path gives the same tokens and spans as scanning with match objects."""
    from storyline.text.tokens import _TOKEN

    texts = ["Zie https://nos.nl/a of mail info@dpg.nl, #nieuws @nos\u00a0 en  www.nu.nl.",
             "De U.S. Army kocht 1,5 mln. F-35's\tvoor €100.000 om 14:30 (o.a. in Sotsji)…",
             "  leading\u2003and trailing whitespace \n", "", "a"]
    for text in texts:
        expected = [(m.group(), m.start() + 7, m.end() + 7) for m in _TOKEN.finditer(text)]
        assert [(t.text, t.start, t.end) for t in tokenize(text, offset=7)] == expected


def test_load_dictionaries_skips_unlemmatised_languages() -> None:
    """Preloading ignores languages simplemma is not used for (no ValueError) and changes no lemma."""
    from storyline.text.tokens import load_dictionaries

    before = lemmatize("huizen", "nl")
    load_dictionaries(frozenset({"nl", "xx"}))
    assert lemmatize("huizen", "nl") == before == "huis"


def test_possessive_shortcut_keeps_splits() -> None:
    """Sentences with quote marks but no token ending in 's skip the possessive pass; the others still split."""
    assert [t.text for t in tokenize(",,Het kan niet'', zei Jansen.")][:4] == [",", ",", "Het", "kan"]
    assert [t.text for t in tokenize("Rutte'S plan en Jansen's-plan")] == ["Rutte", "'S", "plan", "en", "Jansen's-plan"]
    assert [t.text for t in tokenize("Zei Jansen\u2019s.")] == ["Zei", "Jansen", "\u2019s", "."]
