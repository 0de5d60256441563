"""Reference dates: when each article of a story was written, inferred from the story when missing.

An undated report ("vorige maand", "maandag") can only be placed against some date. When a story
has dated articles, the undated one takes the month of the dated article it shares most with (the
same words and names: the same events), and says so; its time expressions are then resolved again
against that date. Nothing is inferred finer than a month.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import AnalyzedArticle, PartialDate, TimeExpr
from storyline.text.times import find_times

MIN_SIMILARITY = 0.05


@dataclass(frozen=True)
class ReferenceDate:
    """The date an article's relative times are read against; ``note`` explains an inference."""

    date: PartialDate | None
    inferred: bool = False
    note: str = ""


def _profile(item: AnalyzedArticle) -> set[str]:
    words = {lemma for sent in item.analysis.lemmas for lemma in sent if len(lemma) >= 4}
    words |= {f"@{m.key.casefold()}" for m in item.analysis.mentions}
    return words


def reference_dates(items: Sequence[AnalyzedArticle]) -> dict[str, ReferenceDate]:
    """Per article id, its publication date, or one inferred from the most similar dated article."""
    out: dict[str, ReferenceDate] = {}
    ids = {id(it): it.id for it in items}  # Article.id is a hash: compute once
    dated = [it for it in items if it.article.published is not None]
    profiles = {ids[id(it)]: _profile(it) for it in items}
    df: dict[str, int] = {}
    for p in profiles.values():
        for w in p:
            df[w] = df.get(w, 0) + 1
    n = len(items)
    weight = {w: math.log((n + 1) / c) for w, c in df.items()}
    norms = {aid: math.sqrt(sum(weight[x] for x in p)) or 1.0 for aid, p in profiles.items()}

    def sim(a: str, b: str) -> float:
        pa, pb = profiles[a], profiles[b]
        small, large = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
        return sum(weight[x] for x in small if x in large) / (norms[a] * norms[b])

    for it in items:
        aid = ids[id(it)]
        if it.article.published is not None:
            out[aid] = ReferenceDate(it.article.published)
            continue
        best, best_sim = None, 0.0
        for other in dated:
            s = sim(aid, ids[id(other)])
            if s > best_sim:
                best, best_sim = other, s
        if best is None or best_sim < MIN_SIMILARITY or best.article.published is None:
            out[aid] = ReferenceDate(None)
            continue
        p = best.article.published
        month = PartialDate(p.year, p.month) if p.month else PartialDate(p.year)
        out[aid] = ReferenceDate(month, True, f"{it.article.label} has no date; read as written in "
                                                f"{month.iso()}, the date of {best.article.label}, the dated "
                                                f"report it shares most with")
    return out


def resolved_times(item: AnalyzedArticle, ref: ReferenceDate) -> list[TimeExpr]:
    """The article's time expressions, resolved again against an inferred reference date (or found
    now when the analysis has none, e.g. an analysis stored before times were extracted)."""
    an = item.analysis
    if (not ref.inferred or ref.date is None) and an.times:
        return list(an.times)
    if not an.language or not an.sentences:
        return list(an.times)
    return find_times(item.article.text, an.sentences, ref.date, an.language)
