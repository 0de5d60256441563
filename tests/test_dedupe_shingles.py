"""The fast shingle cutter of dedupe gives exactly the shingles of the plain definition (so MinHash signatures,
and with them the near-duplicate groups, are unchanged)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.dedupe import _WORD, shingles
from storyline.model import normalize_for_hash


def _plain(text: str, size: int) -> set[bytes]:
    """The definition: every run of ``size`` normalised words, joined by one space, as UTF-8."""
    words = _WORD.findall(normalize_for_hash(text))
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


WORDS = st.sampled_from(["de", "Poetin", "één", "café", "naïef", "Łódź", "北京", "x", "1,5", "—", "''", "\u00a0",
                         "\n", "  ", "A.", "Lukashenko’s", "ß", "İstanbul", "e\u0301", "🙂"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join), st.integers(min_value=1, max_value=6))
def test_shingles_match_the_plain_definition(text: str, size: int) -> None:
    assert shingles(text, size) == _plain(text, size)


def test_shingles_of_a_real_sentence() -> None:
    text = "Rusland geeft Loekasjenko een lening van 1,5 miljard dollar, zei Poetin in Sotsji."
    assert shingles(text) == _plain(text, 5) and len(shingles(text)) == len(_WORD.findall(text.lower())) - 4
