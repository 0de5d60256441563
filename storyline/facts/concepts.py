"""Lemma matching for claim subjects: Dutch compounds, a few news concepts, story-level IDF.

Outlets name the same counted thing differently ("betogers", "demonstranten", "deelnemers";
"opgepakt", "arresteerde", "aangehouden"). Compound parts are matched by suffix/prefix
("presidentsverkiezingen" ~ "verkiezingsoverwinning" share "verkiezing"); a small list of concepts
that news reports count (arrests, deaths, protesters, votes, loans) covers the common predicates in
Dutch and English. Anything else must match on its lemma.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from storyline.text.translit import fold

# Concept → lemmas (lowercase; separable Dutch verbs appear as simplemma gives them, with '_').
_CONCEPTS: dict[str, tuple[str, ...]] = {
    "ARREST": ("arresteren", "arrestatie", "gearresteerd", "oppakken", "op_pakken", "opgepakt", "aanhouden",
               "aan_houden", "aangehouden", "aanhouding", "vastnemen", "vast_nemen", "opsluiten", "arrest",
               "arrested", "detain", "detained", "detention", "detainee", "custody", "apprehend"),
    "PROTESTER": ("demonstrant", "betoger", "deelnemer", "actievoerder", "demonstranten", "betogers",
                  "protester", "demonstrator", "participant", "marcher", "activist"),
    "PROTEST": ("protest", "demonstratie", "betoging", "manifestatie", "mars", "protestmars", "rally",
                "demonstration", "march"),
    "DEATH": ("dode", "dood", "doden", "omkomen", "om_komen", "sterven", "overlijden", "overleden", "slachtoffer",
              "omgekomen", "dodental", "killed", "kill", "dead", "death", "die", "died", "victim", "fatality",
              "toll"),
    "INJURY": ("gewond", "gewonde", "verwonden", "verwond", "gewonden", "injured", "injure", "injury", "wounded",
               "wound", "hurt"),
    "LOAN": ("lening", "krediet", "leningen", "loan", "credit", "kredietlijn"),
    "VOTE": ("stem", "stemmen", "vote", "votes", "ballot"),
    "PEOPLE": ("mens", "mensen", "persoon", "personen", "burger", "people", "person", "inwoner", "resident"),
    "MONEY": ("bedrag", "geld", "som", "amount", "sum", "steun", "hulp", "aid", "support", "fund", "fonds"),
    "TALK": ("gesprek", "ontmoeting", "overleg", "onderhoud", "top", "meeting", "talk", "talks", "summit"),
    "ELECTION": ("verkiezing", "verkiezingen", "election", "vote", "stembusgang", "poll"),
    "EVACUATE": ("evacueren", "evacuatie", "geëvacueerd", "evacuate", "evacuated", "evacuation"),
    "MISSING": ("vermist", "vermiste", "missing"),
}

CONCEPT_OF: dict[str, str] = {lemma: concept for concept, lemmas in _CONCEPTS.items() for lemma in lemmas}
CONCEPT_OF.update({fold(lemma.replace("_", "")): c for lemma, c in list(CONCEPT_OF.items())})
# Concepts too general to make two subjects the same on their own.
WEAK_CONCEPTS = frozenset({"PEOPLE", "MONEY"})


@lru_cache(maxsize=200_000)
def norm_lemma(lemma: str) -> str:
    """Lemma as compared: simplemma's separable-verb '_' removed, transliteration variants folded
    (loekasjenko = lukashenko), so the same word matches across outlets' spellings."""
    return fold(lemma.replace("_", "").strip("'’-"))


# A loan is money, protesters are people: the general concept is shared too (weakly).
_PARENT = {"LOAN": "MONEY", "PROTESTER": "PEOPLE"}


def concepts(lemmas: Iterable[str]) -> set[str]:
    """Concept ids of the given lemmas (raw or normalised), with their general parent concept."""
    out = set()
    for lemma in lemmas:
        c = CONCEPT_OF.get(lemma.lower()) or CONCEPT_OF.get(norm_lemma(lemma))
        if c:
            out.add(c)
            if c in _PARENT:
                out.add(_PARENT[c])
    return out


def lemmas_match(a: str, b: str) -> bool:
    """Same lemma, or Dutch compound parts: a suffix of ≥4 letters (head) or a prefix of ≥6 (modifier)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long_.endswith(short) and len(long_) - len(short) >= 3:
        return True
    if len(short) >= 6 and long_.startswith(short):
        return True
    # shared leading part of a compound: verkiezings|overwinning vs presidents|verkiezing handled above;
    # 'verkiezingsoverwinning' vs 'presidentsverkiezing' share 'verkiezing' in different positions
    if len(short) >= 8:
        for size in (8, 9, 10):
            for i in range(len(short) - size + 1):
                if short[i:i + size] in long_ and (i == 0 or i + size == len(short)):
                    return True
    return False


@dataclass
class Idf:
    """Inverse document frequency of lemmas over the sentences of one story (rarer = more telling)."""

    df: Counter[str]
    n: int
    _cache: dict[str, float] = field(default_factory=dict, repr=False)
    totals: dict[tuple[int, int], float] = field(default_factory=dict, repr=False)  # see align._total

    @classmethod
    def of(cls, sentence_lemmas: Iterable[Iterable[str]]) -> Idf:
        df: Counter[str] = Counter()
        n = 0
        for lemmas in sentence_lemmas:
            n += 1
            df.update({norm_lemma(x) for x in lemmas})
        return cls(df, n)

    def weight(self, lemma: str) -> float:
        w = self._cache.get(lemma)
        if w is None:
            w = self._cache[lemma] = math.log((self.n + 1) / (self.df.get(lemma, 0) + 0.5)) + 0.1
        return w


def weighted_overlap(a: set[str], b: set[str], idf: Idf) -> float:
    """IDF-weighted overlap of two lemma sets (0..1), compound-aware; concepts count as lemmas of weight 2."""
    if not a or not b:
        return 0.0
    # Sorted and summed exactly: a set's order follows the hash seed, and the same two sentences must
    # score the same in every run.
    shared: list[float] = []
    matched_b: set[str] = set()
    ordered_b = sorted(b)
    for x in sorted(a):
        for y in ordered_b:
            if y not in matched_b and lemmas_match(x, y):
                shared.append(_w(x, idf))
                matched_b.add(y)
                break
    wa = math.fsum(_w(x, idf) for x in a)
    wb = math.fsum(_w(y, idf) for y in b)
    return math.fsum(shared) / math.sqrt(wa * wb) if wa and wb else 0.0


def _w(lemma: str, idf: Idf) -> float:
    return 2.0 if lemma.isupper() else idf.weight(lemma)
