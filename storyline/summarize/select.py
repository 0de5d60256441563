"""Budgeted sentence selection: greedy maximum coverage of weighted concepts, lazily evaluated.

Each step takes the candidate with the best ratio of new concept weight (what it adds that the
summary does not cover yet) times its prior (lead position, discourse) to its length, skipping
near-paraphrases of chosen sentences and anything that would break the budget. Gains only
shrink as the summary grows, so a heap of stale upper bounds (lazy greedy) keeps this fast on
thousands of candidates.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline.summarize.concepts import ConceptWeights

LENGTH_EXPONENT = 0.7  # gain per word^0.7: favours dense sentences without starving long informative ones
MAX_OVERLAP = 0.25  # idf-weighted word overlap above which a candidate repeats a chosen sentence
ANTECEDENT_PENALTY = 0.5  # prior factor for "Ook zei hij…" sentences whose antecedent is not chosen


@dataclass
class Candidate:
    """A source sentence that may enter the summary."""

    item: int  # index of the article in the story
    sentence: int  # Sentence.index in that article
    text: str  # as shown (possibly trimmed)
    start: int  # character offsets of ``text`` in Article.text
    end: int
    words: int
    concepts: frozenset[str]
    unigrams: frozenset[str]
    prior: float  # position prior (≥ 1 for leads)
    needs_antecedent: bool = False
    not_first: bool = False


@dataclass
class Budget:
    """A summary's length limit: words (always) and optionally a number of sentences."""

    words: int
    sentences: int | None = None


def select(candidates: Sequence[Candidate], weights: ConceptWeights, budget: Budget,
           similar: Callable[[Candidate, Candidate], float]) -> list[int]:
    """Indices of the chosen candidates in the order they were picked (most valuable first).

    ``similar`` scores how much two candidates say the same thing (0..1); above MAX_OVERLAP the
    later one is a repetition and is skipped.
    """
    covered: set[str] = set()
    chosen: list[int] = []
    chosen_keys: set[tuple[int, int]] = set()
    used = 0
    by_key = {(c.item, c.sentence): i for i, c in enumerate(candidates)}

    def score(i: int) -> float:
        c = candidates[i]
        gain = weights.of(c.concepts - covered) if covered else weights.of(c.concepts)
        prior = c.prior
        if c.needs_antecedent and (c.item, c.sentence - 1) not in chosen_keys:
            prior *= ANTECEDENT_PENALTY
        return gain * prior / max(c.words, 1) ** LENGTH_EXPONENT

    heap = [(-score(i), i) for i in range(len(candidates))]
    heapq.heapify(heap)
    while heap:
        if budget.sentences is not None and len(chosen) >= budget.sentences:
            break
        if used >= budget.words:
            break
        _neg, i = heapq.heappop(heap)
        c = candidates[i]
        if (c.item, c.sentence) in chosen_keys:
            continue
        if used + c.words > budget.words:
            continue
        fresh = score(i)
        if heap and fresh < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-fresh, i))
            continue
        if fresh <= 0 and chosen:
            break
        if any(similar(c, candidates[j]) > MAX_OVERLAP for j in chosen):
            continue
        chosen.append(i)
        chosen_keys.add((c.item, c.sentence))
        covered.update(c.concepts)
        used += c.words
        follower = by_key.get((c.item, c.sentence + 1))
        if follower is not None and candidates[follower].needs_antecedent:
            heapq.heappush(heap, (-score(follower), follower))
    return chosen
