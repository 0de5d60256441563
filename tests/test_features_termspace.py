"""``TermSpace`` (numpy gathers over numbered terms) gives what the dict forms give: ``dots`` what
``dot`` gives, to rounding; ``strongest`` what ``heapq.nlargest`` gives."""

from __future__ import annotations

import heapq
import random
from operator import itemgetter

import pytest

from storyline.stories.features import TermSpace, dot, strongest


def _vector(rng: random.Random, vocabulary: list[str], size: int) -> dict[str, float]:
    return {t: rng.uniform(0.01, 3.0) for t in rng.sample(vocabulary, size)}


def test_dots_match_dot_for_many_vectors_and_a_growing_vocabulary() -> None:
    rng = random.Random(5)
    space = TermSpace()
    vocabulary = [f"t{i}" for i in range(20_000)]  # more terms than the first scratch row holds
    for _ in range(30):
        a = _vector(rng, vocabulary[:2000], rng.randint(1, 300))
        others = [_vector(rng, vocabulary[: rng.choice([2000, 20_000])], rng.randint(1, 600)) for _ in range(8)]
        got = space.dots(space.encode(a), [space.encode(b) for b in others])
        assert got == pytest.approx([dot(a, b) for b in others], rel=1e-12, abs=1e-15)
        assert any(g > 0 for g in got)  # shared terms were found, not only zeros


def test_empty_vectors_and_no_others() -> None:
    space = TermSpace()
    a = space.encode({"x": 1.0, "y": 2.0})
    empty = space.encode({})
    assert space.dots(a, []) == []
    assert space.dots(a, [empty, space.encode({"y": 0.5}), empty]) == [0.0, 1.0, 0.0]
    assert space.dots(empty, [a]) == [0.0]


def test_the_scratch_row_is_clean_after_each_call() -> None:
    space = TermSpace()
    a, b = space.encode({"x": 1.0}), space.encode({"y": 1.0})
    assert space.dots(a, [space.encode({"x": 2.0})]) == [2.0]
    assert space.dots(b, [space.encode({"x": 2.0})]) == [0.0]  # nothing of ``a`` was left behind


def test_encoding_again_after_keys_were_added_keeps_the_old_numbers() -> None:
    space = TermSpace()
    centroid = {"a": 1.0, "b": 2.0}
    first = space.encode(centroid)
    space.encode({"z": 1.0})  # another vector numbers a new term meanwhile
    centroid["b"] += 1.0
    centroid["c"] = 4.0
    centroid["z"] = 0.5
    again = space.encode(centroid, first)
    fresh = space.encode(centroid)
    assert again.ids.tolist() == fresh.ids.tolist() == [0, 1, 3, 2]
    assert again.values.tolist() == [1.0, 3.0, 4.0, 0.5]


def test_strongest_is_what_nlargest_gives_ties_in_term_order() -> None:
    rng = random.Random(9)
    space = TermSpace()
    for size in (0, 1, 5, 16, 40, 600):
        terms = {f"t{i}": float(rng.choice([0.5, 1.0, 1.5, rng.random()])) for i in range(size)}
        assert strongest(terms, space.encode(terms), 16) == heapq.nlargest(16, terms.items(), key=itemgetter(1))
