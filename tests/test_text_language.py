"""Language detection: stopword profile for clear text, lingua for short text, foreign lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.text.language import detect_language, is_foreign, profile_scores


def test_clear_languages_by_profile() -> None:
    assert detect_language("De president heeft maandag gezegd dat het land niet zal toegeven aan de druk.") == "nl"
    assert detect_language("The president said on Monday that the country would not give in to the pressure.") == "en"
    assert detect_language("Der Präsident hat am Montag gesagt, dass das Land nicht nachgeben wird.") == "de"
    assert detect_language("Le président a dit lundi que le pays ne céderait pas à la pression.") == "fr"


def test_short_text_falls_back_to_lingua() -> None:
    assert detect_language("Goedemorgen allemaal, lekker weertje", fallback=False) is None
    assert detect_language("Goedemorgen allemaal, lekker weertje") == "nl"
    assert detect_language("Breaking news tonight") == "en"


def test_nothing_to_judge() -> None:
    assert detect_language("") is None
    assert detect_language("12345 !!! 🙂") is None


def test_foreign_line_needs_clear_evidence() -> None:
    assert is_foreign("From another point of view. Voices from Belarus", "nl") == "en"
    assert is_foreign("Uniestaat", "nl") is None
    assert is_foreign("Bekoelde relatie", "nl") is None
    assert is_foreign("Poetin en Loekasjenko in Sotsji", "nl") is None
    assert profile_scores("the the de")["en"] == 2


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    result = detect_language(text, fallback=False)
    assert result is None or len(result) == 2


def test_profile_scores_cache_returns_fresh_counts() -> None:
    """The whole-text cache gives equal, independent dicts; limits still cut the text."""
    text = "De man zei dat het niet waar was, but the man said it was true. " * 10
    first = profile_scores(text, limit=None)
    first["nl"] = -1  # a caller changing its dict must not change the next answer
    again = profile_scores(text, limit=None)
    assert again["nl"] > 0 and again == profile_scores(text, limit=len(text))
    assert profile_scores(text, limit=30) == profile_scores(text[:30], limit=None)
    assert sum(profile_scores(text, limit=30).values()) < sum(again.values())
