"""Facts side by side (layer 4): what each outlet reports, where they agree and where they contradict.

``extract_facts(items)`` takes the analysed articles of one story and returns its facts, conflicts
first, then compatible and agreeing facts, then single-source ones. Steps: reference dates (inferred
for undated articles), claims per article (claims.py), alignment across articles (align.py), verdict
and reason per fact (verdict.py, compare.py, bounds.py, rates.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.facts.align import align, own_variant
from storyline.facts.claims import Claim, article_claims
from storyline.facts.concepts import Idf
from storyline.facts.dating import ReferenceDate, reference_dates, resolved_times
from storyline.facts.verdict import fact_id, judge, subject_of
from storyline.model import AnalyzedArticle, Fact, FactValue, TimeExpr

__all__ = ["StoryClaims", "analyse_story", "extract_facts"]

_ORDER = {"conflict": 0, "compatible": 1, "agree": 2, "single-source": 3}
_KIND_ORDER = {"count": 0, "money": 1, "percent": 2, "date": 3, "duration": 4, "quote": 5, "ordinal": 6, "age": 7}


@dataclass
class StoryClaims:
    """Everything facts and the timeline share: reference dates, resolved times, claims and their facts."""

    references: dict[str, ReferenceDate]
    times: dict[str, list[TimeExpr]]
    claims: list[Claim]
    groups: list[list[Claim]]
    facts: list[Fact]


def analyse_story(items: Sequence[AnalyzedArticle]) -> StoryClaims:
    """Claims of every article, aligned into facts with verdicts (the work behind extract_facts)."""
    refs = reference_dates(items)
    ids = [it.id for it in items]
    times = {aid: resolved_times(it, refs[aid]) for aid, it in zip(ids, items)}
    claims: list[Claim] = []
    for aid, it in zip(ids, items):
        claims.extend(article_claims(it, times[aid], refs[aid].date, start_id=len(claims)))
    idf = Idf.of(sentence for it in items for sentence in it.analysis.lemmas)
    groups = _with_own_variants(align(claims, idf), idf)
    # a date only one report gives is already on the timeline; as a fact it compares nothing
    groups = [g for g in groups if not (g[0].kind == "date" and len({c.article_id for c in g}) < 2)]
    facts = [_fact(g) for g in groups]
    order = sorted(range(len(facts)), key=lambda i: (_ORDER[facts[i].verdict], -len(facts[i].articles),
                                                     _KIND_ORDER.get(facts[i].kind, 9), groups[i][0].id))
    return StoryClaims(refs, times, claims, [groups[i] for i in order], [facts[i] for i in order])


def extract_facts(items: Sequence[AnalyzedArticle]) -> list[Fact]:
    """The facts of one story: conflicts first, then compatible and agreeing facts, then single-source."""
    return analyse_story(items).facts


def _with_own_variants(groups: list[list[Claim]], idf: Idf) -> list[list[Claim]]:
    """Add to a multi-article fact the other figures its articles give for the same thing ("200 … later
    300 betogers"), so that an article that contradicts itself is shown as such, not as a rival outlet."""
    singles: dict[str, list[Claim]] = {}
    for g in groups:
        if len(g) == 1:
            singles.setdefault(g[0].article_id, []).append(g[0])
    taken: set[int] = set()
    out: list[list[Claim]] = []
    for g in groups:
        if len({c.article_id for c in g}) >= 2:
            extra = []
            for c in g:
                for s in singles.get(c.article_id, []):
                    if s.id not in taken and s.part_of is None \
                            and c.part_of is None and own_variant(c, s, idf):
                        extra.append(s)
                        taken.add(s.id)
            g = g + extra
        out.append(g)
    return [g for g in out if not (len(g) == 1 and g[0].id in taken)]


def _fact(claims: list[Claim]) -> Fact:
    j = judge(claims)
    values = [FactValue(article=c.article, text=c.text, value=c.value, unit=c.unit, low=c.low, high=c.high,
                        sentence=c.sentence, start=c.start, end=c.end, article_id=c.article_id,
                        qualifier=c.qualifier, speaker=c.subject if c.kind == "quote" else None)
              for c in claims]
    return Fact(fact_id(claims), claims[0].kind, subject_of(claims), j.verdict, j.reason, values)
