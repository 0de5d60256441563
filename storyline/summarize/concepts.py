"""Concepts of a sentence and their weight in the story: what many outlets say weighs most.

A concept is a content lemma or a pair of adjacent content lemmas, with transliteration
variants folded (Loekasjenko/Lukashenko), names mapped to their entity, amounts to their value.
Its weight counts the distinct articles that contain it (document frequency), each article
counting more when the concept is in its lead; kept only when at least ``min_df`` articles share
it: centrality across outlets, not within one article (the concept-coverage model of Gillick &
Favre, 2009, with position-weighted concepts).
"""

from __future__ import annotations

import itertools
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

# Words that are content words to a lemmatizer but say nothing about what happened: weekdays and
# relative days, small numerals, light and reporting verbs. They stay in the text, not in concepts.
LIGHT_WORDS: frozenset[str] = frozenset("""
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag vandaag gisteren morgen vanavond
vanochtend monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
één twee drie one two three first eerste gaan komen blijven laten zeggen krijgen maken staan liggen
houden geven nemen zien vinden lijken go come get make take give keep say tell see seem become
volgens according nieuw new verder further ervan erop erin ervoor erover eraan ermee
""".split())  # noqa: SIM905

MIN_DF_SCALE = 0.6  # min_df = 1 + MIN_DF_SCALE * log2(articles): 2 for a few articles, 3 for ten, 6 for 300
CONCEPT_LEAD = 3.0  # a concept in a report's lead counts up to 4x: leads state what the story is about


@lru_cache(maxsize=200_000)
def fold(lemma: str) -> str:
    """Spelling-insensitive form of a lemma: transliteration variants and doubled letters folded."""
    low = lemma.lower().replace("\u2019", "'")
    if low[:1].isdigit():
        return low
    low = low.removesuffix("'s")
    out = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group(0)], low)
    return re.sub(r"(.)\1+", r"\1", out)


MIN_PART = 5  # shortest word accepted as the head or tail of a compound ('grondwet' in 'grondwetshervorming')


def compound_parts(concepts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """For long words of the story, the story's words they start or end with: Dutch writes
    'presidentsverkiezing' where another outlet writes 'verkiezing', 'oppositieleider' for 'oppositie'.

    Only words that occur on their own in the story count as parts, so nothing is guessed.
    """
    vocab = {c for c in concepts if " " not in c and c[:1] not in "@#" and not c[:1].isdigit()}
    out: dict[str, tuple[str, ...]] = {}
    for word in vocab:
        if len(word) < 2 * MIN_PART:
            continue
        found = [word[:k] for k in range(MIN_PART, len(word) - 2) if word[:k] in vocab]
        found += [word[k:] for k in range(3, len(word) - MIN_PART + 1) if word[k:] in vocab]
        if found:
            out[word] = tuple(found)
    return out


def entity_concept(key: str, head: str | None, kind: str) -> str:
    """Concept of a named entity: persons by folded surname (Poetin = Putin), others by folded key."""
    if kind == "PER":
        name = head or key.split()[-1]
        return "@" + fold(name)
    return "@" + fold(key)


def is_number(lemma: str) -> bool:
    """True for a numeric token such as '1,5', '774' or '100.000'."""
    return bool(_NUMBER.match(lemma))


def sentence_concepts(lemmas: Sequence[str], entities: dict[str, str] | None = None) -> frozenset[str]:
    """Unigram and adjacent-pair concepts of one sentence's content lemmas (folded).

    ``entities`` maps a folded lemma of a name in this sentence to its entity concept, so that
    'Belarussische', 'Wit-Rusland' and 'Belarus' become one concept when text analysis linked them.
    """
    folded = [fold(x) for x in lemmas if (len(x) > 1 or x.isdigit()) and x not in LIGHT_WORDS]
    if entities:
        mapped: list[str] = []
        for x in folded:
            x = entities.get(x, x)
            if not mapped or mapped[-1] != x or not x.startswith("@"):
                mapped.append(x)
        folded = mapped
    out = set(folded)
    out.update(a + " " + b for a, b in itertools.pairwise(folded))
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


RARE_CONCEPT_SHARE = 0.005  # concepts fewer than min_df articles state: a tie-breaker that fills the budget (DUC-neutral)


def concept_weights(per_article: Sequence[Iterable[frozenset[str]]]) -> ConceptWeights:
    """Weights from the concept sets of every sentence of every article (articles as documents).

    A concept counts when at least ``min_df`` articles contain it: 1 for a single article, 2 for a
    few, growing slowly with the story (3 from ten articles) so that a story of hundreds of
    articles keeps only what is widely reported.
    """
    df: Counter[str] = Counter()
    value: dict[str, float] = {}  # per concept, summed over articles: 1 + CONCEPT_LEAD / (first sentence + 1)
    for sentences in per_article:
        seen: dict[str, float] = {}
        for k, concepts in enumerate(sentences):
            v = 1.0 + CONCEPT_LEAD / (k + 1)
            for c in concepts:
                if c not in seen:
                    seen[c] = v
        df.update(seen.keys())
        for c, v in seen.items():
            value[c] = value.get(c, 0.0) + v
    n = len(per_article)
    min_df = 1 if n == 1 else max(2, round(1 + math.log2(max(n, 1)) * MIN_DF_SCALE))
    # Below min_df a concept still weighs a little: once what outlets share is covered, the budget
    # goes to the important details only some report, not to nothing.
    weights = {concept: value[concept] * (1.0 if count >= min_df else RARE_CONCEPT_SHARE)
               for concept, count in df.items()}
    return ConceptWeights(weights, n, min_df)
