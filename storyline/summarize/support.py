"""Support of a summary sentence: every article that states the same content, with its sentence.

Two sentences state the same content when their content words, weighted by how rare they are
in the story (a name that every sentence carries says little), overlap strongly: the harmonic
mean of the idf-weighted share of each sentence's folded lemmas found in the other, or when they
give agreeing values of a fact the facts stage aligned across outlets ("1,5 miljard dollar" and
"1,3 miljard euro" for the same loan). Sentences whose numbers disagree otherwise do not support
each other: that is a conflict for the facts stage, not support.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

SUPPORT_THRESHOLD = 0.25  # idf-weighted word overlap (F1) from which another outlet states the same content
COMMON_MIN = 8  # a word is "topic" when it is in more than max(8, a tenth of the) sentences
NEAR_COPY = 0.8  # word overlap (topic words included) of a copy or a lightly edited copy
ENTITY_WEIGHT = 0.5  # names are what the story is about; a shared predicate makes the same statement
FACT_PREFIX = "$fact"  # concept of a fact the facts stage aligned across outlets (see core._fact_concepts)
FACT_SUPPORT = 0.5  # score of two sentences that give agreeing values of the same aligned fact


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
        self.idf = {u: math.log(1 + n / len(ks)) * (ENTITY_WEIGHT if u.startswith("@") else 1.0)
                    for u, ks in self.postings.items()}
        self._norms: dict[int, float] = {}
        # Words in more than a tenth of the story's sentences are its topic (the main names, "president"):
        # they count in a sentence's mass but sharing them does not make two sentences say the same.
        limit = max(COMMON_MIN, n // 10)
        self.common = frozenset(u for u, ks in self.postings.items() if len(ks) > limit)

    def _mass(self, k: int) -> float:
        found = self._norms.get(k)
        if found is None:
            found = self.mass(self.sentences[k].unigrams)
            self._norms[k] = found
        return found

    def mass(self, unigrams: frozenset[str]) -> float:
        """Total idf weight of a set of concepts."""
        idf = self.idf
        return sum(idf.get(u, 0.0) for u in unigrams)

    def overlap(self, a: SentenceInfo, b: SentenceInfo, mass_a: float | None = None,
                mass_b: float | None = None, topic: bool = False) -> float:
        """Harmonic mean of the idf-weighted share of each sentence's words that the other one has.

        Shared topic words count only with ``topic`` (for repetition: two sentences that say the
        same about the main names repeat each other, but do not state the same fact).
        """
        both = a.unigrams & b.unigrams
        shared = self.mass(both if topic else both - self.common)
        if shared <= 0:
            return 0.0
        ma = mass_a if mass_a is not None else self.mass(a.unigrams)
        mb = mass_b if mass_b is not None else self.mass(b.unigrams)
        return 2 * shared / (ma + mb or 1.0)  # F1 of the two idf-weighted shares

    def similarity(self, a: SentenceInfo, b: SentenceInfo, mass_a: float, mass_b: float) -> float:
        """Same-content score of two sentences in [0, 1]; 0 when their numbers disagree."""
        common_numbers = a.numbers & b.numbers
        if a.numbers and b.numbers and not common_numbers:
            return 0.0
        if any(n.startswith(FACT_PREFIX) for n in common_numbers):
            return max(FACT_SUPPORT, self.overlap(a, b, mass_a, mass_b))  # the same fact, agreeing values
        score = self.overlap(a, b, mass_a, mass_b)
        if score < SUPPORT_THRESHOLD:  # a (near) copy states the same, even when all its words are topic words
            copy = self.overlap(a, b, mass_a, mass_b, topic=True)
            if copy >= NEAR_COPY:
                score = copy
        return score

    def _matrices(self) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        """Sentence-by-word incidence (topic words left out), idf-weighted copy, and sentence masses."""
        cols_of = [u for u in self.postings if u not in self.common]
        lengths = np.array([len(self.postings[u]) for u in cols_of], dtype=np.int64)
        rows = np.fromiter((k for u in cols_of for k in self.postings[u]), dtype=np.int64, count=int(lengths.sum()))
        cols = np.repeat(np.arange(len(cols_of), dtype=np.int64), lengths)
        idf = np.array([self.idf[u] for u in cols_of], dtype=np.float64)
        shape = (len(self.sentences), len(cols_of))
        x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        weighted = sparse.csr_matrix((idf[cols], (rows, cols)), shape=shape)
        masses = np.array([self._mass(k) for k in range(len(self.sentences))])
        return x, weighted, masses

    def outlet_counts(self, rows: Sequence[int], threshold: float = SUPPORT_THRESHOLD) -> list[int]:
        """For each sentence ``rows[i]`` (positions in this index), how many other articles have a
        sentence stating the same content.

        One sparse product over the whole story: the shared idf mass of every query with every
        sentence, F1 = 2 * shared / (mass_query + mass_sentence); topic words are not shared mass
        (as in ``overlap``), which also keeps the product sparse.
        """
        if not rows or not self.sentences:
            return [0] * len(rows)
        x, weighted, masses = self._matrices()
        picked = np.asarray(rows, dtype=np.int64)
        shared = (weighted[picked] @ x.T).tocsr()
        items = np.array([info.item for info in self.sentences])
        out = []
        for r, k in enumerate(picked):
            lo, hi = shared.indptr[r], shared.indptr[r + 1]
            cols, vals = shared.indices[lo:hi], shared.data[lo:hi]
            f1 = 2 * vals / (masses[k] + masses[cols])
            hit = np.unique(items[cols[f1 >= threshold]])
            out.append(int(hit.size - np.count_nonzero(hit == self.sentences[k].item)))
        return out

    def supporters(self, query: SentenceInfo, threshold: float = SUPPORT_THRESHOLD) -> list[Match]:
        """The best sentence of each other article that states the content of ``query``, best first."""
        touched: set[int] = set()
        for u in query.unigrams:
            touched.update(self.postings.get(u, ()))
        mass_q = self.mass(query.unigrams)
        best: dict[int, Match] = {}
        for k in touched:
            info = self.sentences[k]
            if info.item == query.item:
                continue
            score = self.similarity(query, info, mass_q, self._mass(k))
            if score < threshold:
                continue
            held = best.get(info.item)
            if held is None or score > held.score:
                best[info.item] = Match(info.item, info.sentence, score, info.start, info.end)
        return sorted(best.values(), key=lambda m: -m.score)
