"""The fast shingle cutter and signature of dedupe give exactly the plain definition and datasketch (so MinHash signatures,
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


def test_signature_is_what_datasketch_minhash_computes() -> None:
    import zlib

    import numpy as np
    from datasketch import MinHash

    from storyline.dedupe import _TEMPLATE, NUM_PERM, SEED, minhash

    text = " ".join(f"woord{i % 37} één{i % 11}" for i in range(120)) + " Poetin lening Sotsji"
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, permutations=_TEMPLATE.permutations,
                scheme=_TEMPLATE.scheme)
    m.update_batch(list(shingles(text)))
    sig = minhash(text)
    assert sig is not None and np.array_equal(sig.hashvalues, m.hashvalues) and sig.jaccard(minhash(text)) == 1.0
    assert minhash("te kort om iets te zeggen") is None
