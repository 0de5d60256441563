"""Fast candidate positions for the phrase finders: where a word from a list starts.

Python's regex engine tries every alternative at every position of a text, which is slow for
patterns with hundreds of alternatives. The finders instead look up a few anchor words with
``str.find`` (C speed) and run their detailed pattern only at those places.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=4)
def lower_same_length(text: str) -> str | None:
    """``text`` lowercased when that keeps every character at its offset, else None.

    Cached for the last few texts: the quantity and time finders (and the sentence splitter) each
    lowercase the same article text."""
    low = text.lower()
    return low if len(low) == len(text) else None


def word_starts(low: str, words: Iterable[str]) -> list[int]:
    """Sorted start offsets in ``low`` where one of ``words`` begins a word (no letter/digit before)."""
    found: set[int] = set()
    for word in words:
        pos = low.find(word)
        while pos != -1:
            if pos == 0 or not low[pos - 1].isalnum():
                found.add(pos)
            pos = low.find(word, pos + 1)
    return sorted(found)
