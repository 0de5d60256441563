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
    dated = [it for it in items if it.article.published is not None]
    profiles = {it.id: _profile(it) for it in items}
    df: dict[str, int] = {}
    for p in profiles.values():
        for w in p:
            df[w] = df.get(w, 0) + 1
    n = len(items)

    def sim(a: set[str], b: set[str]) -> float:
        shared = a & b
        if not shared:
            return 0.0
        w = sum(math.log((n + 1) / df[x]) for x in shared)
        return w / math.sqrt(sum(math.log((n + 1) / df[x]) for x in a) * sum(math.log((n + 1) / df[x]) for x in b)
                             or 1.0)

    for it in items:
        if it.article.published is not None:
            out[it.id] = ReferenceDate(it.article.published)
            continue
        best, best_sim = None, 0.0
        for other in dated:
            s = sim(profiles[it.id], profiles[other.id])
            if s > best_sim:
                best, best_sim = other, s
        if best is None or best_sim < MIN_SIMILARITY or best.article.published is None:
            out[it.id] = ReferenceDate(None)
            continue
        p = best.article.published
        month = PartialDate(p.year, p.month) if p.month else PartialDate(p.year)
        out[it.id] = ReferenceDate(month, True, f"{it.article.label} has no date; read as written in "
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
