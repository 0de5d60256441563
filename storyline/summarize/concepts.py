"""Concepts of a sentence and their weight in the story: what many outlets say weighs most.

A concept is a content lemma or a pair of adjacent content lemmas, with transliteration
variants folded (Loekasjenko/Lukashenko). Its weight is the number of distinct articles that
contain it (document frequency), kept only when at least ``min_df`` articles share it: centrality
across outlets, not within one article (the concept-coverage model of Gillick & Favre, 2009).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Dutch/German transliterations of Russian names onto the English spelling, longest first.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("tsj", "ch"), ("sj", "sh"), ("zj", "zh"), ("oe", "u"), ("kh", "h"), ("ij", "y"), ("j", "y"),
    ("w", "v"), ("x", "ks"), ("ck", "k"), ("c", "k"),
)
_FOLD_RE = re.compile("|".join(a for a, _ in _FOLDS))
_FOLD_MAP = dict(_FOLDS)
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")

BIGRAM_WEIGHT = 1.0  # a shared pair of content words says more than a shared word; weighed once each
MIN_DF_SCALE = 0.6  # min_df = 1 + MIN_DF_SCALE * log2(articles): 2 for a few articles, 3 for ten, 6 for 300
DF_EXPONENT = 1.0
CONCEPT_LEAD = 3.0  # a concept in a report's lead counts up to 4x: leads state what the story is about


@lru_cache(maxsize=200_000)
def fold(lemma: str) -> str:
    """Spelling-insensitive form of a lemma: transliteration variants and doubled letters folded."""
    low = lemma.lower().replace("\u2019", "'")
    if low.endswith("'s"):
        low = low[:-2]
    out = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group(0)], low)
    return re.sub(r"(.)\1+", r"\1", out)


def is_number(lemma: str) -> bool:
    """True for a numeric token such as '1,5', '774' or '100.000'."""
    return bool(_NUMBER.match(lemma))


def sentence_concepts(lemmas: Sequence[str]) -> frozenset[str]:
    """Unigram and adjacent-pair concepts of one sentence's content lemmas (folded)."""
    folded = [fold(x) for x in lemmas if len(x) > 1 or x.isdigit()]
    out = set(folded)
    out.update(a + " " + b for a, b in zip(folded, folded[1:], strict=False))
    return frozenset(out)


@dataclass
class ConceptWeights:
    """Per-concept weights of a story (document frequency over articles, thresholded)."""

    weights: dict[str, float]
    articles: int
    min_df: int

    def of(self, concepts: Iterable[str]) -> float:
        """Total weight of ``concepts`` (each counted once)."""
        w = self.weights
        return sum(w.get(c, 0.0) for c in concepts)


def concept_weights(per_article: Sequence[Iterable[frozenset[str]]]) -> ConceptWeights:
    """Weights from the concept sets of every sentence of every article (articles as documents).

    A concept counts when at least ``min_df`` articles contain it: 1 for a single article, 2 for a
    few, growing slowly with the story (3 from ten articles) so that a story of hundreds of
    articles keeps only what is widely reported.
    """
    df: Counter[str] = Counter()
    pos: dict[str, float] = {}
    for sentences in per_article:
        seen: dict[str, float] = {}
        for k, concepts in enumerate(sentences):
            v = 1.0 + CONCEPT_LEAD / (k + 1)
            for c in concepts:
                if c not in seen:
                    seen[c] = v
        df.update(seen.keys())
        for c, v in seen.items():
            pos[c] = pos.get(c, 0.0) + v
    n = len(per_article)
    min_df = 1 if n == 1 else max(2, round(1 + math.log2(max(n, 1)) * MIN_DF_SCALE))
    weights: dict[str, float] = {}
    for concept, count in df.items():
        if count < min_df:
            continue
        weights[concept] = (pos[concept] if CONCEPT_LEAD else float(count)) ** DF_EXPONENT * (BIGRAM_WEIGHT if " " in concept else 1.0)
    return ConceptWeights(weights, n, min_df)
