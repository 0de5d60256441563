"""Support of a summary sentence: every article that states the same content, with its sentence.

Two sentences state the same content when their content words, weighted by how rare they are
in the story (a name that every sentence carries says little), overlap strongly: an idf-weighted
cosine over folded lemmas, plus the share of adjacent word pairs they have in common. Sentences
whose numbers disagree (1,5 vs 1,3 miljard) do not support each other: that is a conflict for
the facts stage, not support.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

SUPPORT_THRESHOLD = 0.3  # similarity from which another outlet's sentence states the same content


@dataclass
class SentenceInfo:
    """What support detection needs of one source sentence."""

    item: int
    sentence: int
    unigrams: frozenset[str]
    bigrams: frozenset[str]
    numbers: frozenset[str]
    start: int
    end: int


@dataclass
class Match:
    """The best supporting sentence of one article for one summary sentence."""

    item: int
    sentence: int
    score: float
    start: int
    end: int


class SupportIndex:
    """Inverted index over every usable sentence of a story, with within-story idf weights."""

    def __init__(self, sentences: Sequence[SentenceInfo]) -> None:
        self.sentences = list(sentences)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for k, info in enumerate(self.sentences):
            for u in info.unigrams:
                self.postings[u].append(k)
        n = max(len(self.sentences), 1)
        self.idf = {u: math.log(1 + n / len(ks)) for u, ks in self.postings.items()}
        self._norms: dict[int, float] = {}

    def _norm(self, k: int) -> float:
        found = self._norms.get(k)
        if found is None:
            found = math.sqrt(sum(self.idf.get(u, 0.0) ** 2 for u in self.sentences[k].unigrams)) or 1.0
            self._norms[k] = found
        return found

    def similarity(self, a: SentenceInfo, b: SentenceInfo, norm_a: float, norm_b: float) -> float:
        """Same-content score of two sentences in [0, 1]; 0 when their numbers disagree."""
        if a.numbers and b.numbers and not (a.numbers & b.numbers):
            return 0.0
        shared = a.unigrams & b.unigrams
        cos = sum(self.idf.get(u, 0.0) ** 2 for u in shared) / (norm_a * norm_b)
        if a.bigrams and b.bigrams:
            pairs = len(a.bigrams & b.bigrams) / math.sqrt(len(a.bigrams) * len(b.bigrams))
            return 0.7 * cos + 0.3 * pairs
        return cos

    def supporters(self, query: SentenceInfo, threshold: float = SUPPORT_THRESHOLD) -> list[Match]:
        """The best sentence of each other article that states the content of ``query``, best first."""
        touched: set[int] = set()
        for u in query.unigrams:
            touched.update(self.postings.get(u, ()))
        norm_q = math.sqrt(sum(self.idf.get(u, 0.0) ** 2 for u in query.unigrams)) or 1.0
        best: dict[int, Match] = {}
        for k in touched:
            info = self.sentences[k]
            if info.item == query.item:
                continue
            score = self.similarity(query, info, norm_q, self._norm(k))
            if score < threshold:
                continue
            held = best.get(info.item)
            if held is None or score > held.score:
                best[info.item] = Match(info.item, info.sentence, score, info.start, info.end)
        return sorted(best.values(), key=lambda m: -m.score)
