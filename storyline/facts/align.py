"""Alignment: claims from different articles about the same thing become one fact.

Two claims are candidates when they are of the same kind, about the same event (their sentences'
times do not exclude each other) and, for quantities, of the same order of magnitude. Their score
combines what is counted (lemmas, Dutch compound parts, news concepts such as "arrested"), the words
around the figure and in the sentence (IDF-weighted over the story), the names in the sentence and
whether the values agree. Claims are joined best pair first; a fact holds at most one claim per
article (except a figure and its conversion in the same sentence: "1,5 miljard dollar (1,25 miljard
euro)"), and two values that contradict each other may only end up in one fact when their own pair
has strong evidence of being about the same thing, so a conflict is never reached through a chain.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from storyline.facts.bounds import magnitude_close
from storyline.facts.claims import Claim
from storyline.facts.compare import claim_bounds, relation, time_range
from storyline.facts.concepts import WEAK_CONCEPTS, Idf, lemmas_match
from storyline.model import PartialDate

ALIGN_THRESHOLD = 0.42
STRONG_LOCAL = 0.6  # sentence overlap that shows two claims say the same thing without a shared predicate
MAX_BLOCK = 400  # a blocking key shared by more claims than this is too common to pair on


@dataclass(frozen=True)
class PairScore:
    """Evidence that two claims are about the same thing."""

    score: float
    head: float
    local: float
    relation: str
    strong: bool  # enough evidence to show a contradiction between them


def _overlap(a: set[str], b: set[str], idf: Idf) -> float:
    """IDF-weighted cosine of two lemma sets; concepts (upper case) weigh 2."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = [x for x in small if x in large]
    if not shared:
        return 0.0
    return math.fsum(_w(x, idf) for x in shared) / math.sqrt(_total(a, idf) * _total(b, idf))  # fsum: set order never matters


def _w(x: str, idf: Idf) -> float:
    return 2.0 if x.isupper() else idf.weight(x)


def _total(lemmas: set[str], idf: Idf) -> float:
    """Sum of the weights of a lemma set, memoised on the Idf by the set's identity and size."""
    key = (id(lemmas), len(lemmas))
    total = idf.totals.get(key)
    if total is None:
        total = idf.totals[key] = math.fsum(_w(x, idf) for x in lemmas)
    return total


def _head_similarity(a: Claim, b: Claim) -> float:
    """1 when what is counted is the same (lemma, compound part or a specific concept), 0.5 for a
    general concept (people, money), else 0."""
    ca = {x for x in a.head if x.isupper()}
    cb = {x for x in b.head if x.isupper()}
    if (ca & cb) - WEAK_CONCEPTS:
        return 1.0
    la = [x for x in a.head if not x.isupper()]
    lb = [x for x in b.head if not x.isupper()]
    if any(lemmas_match(x, y) for x in la for y in lb):
        return 1.0
    if ca & cb:
        return 0.5
    return 0.0


def _times_compatible(a: Claim, b: Claim) -> bool:
    """False when both sentences name times and no pair of them can be the same day."""
    ta = [t for t in a.times if t.value is not None]
    tb = [t for t in b.times if t.value is not None]
    if not ta or not tb:
        return True
    for x in ta:
        for y in tb:
            if x.weekday is not None and y.weekday is not None and x.weekday != y.weekday:
                continue
            xa, yb = time_range(x), time_range(y)
            if xa and yb and not (xa[1] < yb[0] or yb[1] < xa[0]):
                return True
    return False


MAX_REPORT_GAP_DAYS = 7  # reports dated to the month or coarser
MAX_DAY_GAP_DAYS = 2  # reports dated to the day: the same event is reported the same or the next days


def _reports_close(a: Claim, b: Claim) -> bool:
    """False when the two articles were written more than a week apart: their figures (counts, prices,
    tolls) may then describe different moments; unknown dates count as close."""
    if a.ref_date is None or b.ref_date is None:
        return True
    ra, rb = _date_span(a.ref_date), _date_span(b.ref_date)
    gap = max(ra[0] - rb[1], rb[0] - ra[1], 0)
    both_days = a.ref_date.day is not None and b.ref_date.day is not None
    return gap <= (MAX_DAY_GAP_DAYS if both_days else MAX_REPORT_GAP_DAYS)


def _date_span(d: PartialDate) -> tuple[int, int]:
    """First and last day (as ordinals) of a partial date."""
    if d.day is not None:
        x = dt.date(d.year, d.month or 1, d.day).toordinal()
        return x, x
    if d.month is not None:
        last = calendar.monthrange(d.year, d.month)[1]
        return dt.date(d.year, d.month, 1).toordinal(), dt.date(d.year, d.month, last).toordinal()
    return dt.date(d.year, 1, 1).toordinal(), dt.date(d.year, 12, 31).toordinal()


def _speaker_match(a: Claim, b: Claim) -> bool:
    from rapidfuzz.fuzz import ratio

    if not a.speaker or not b.speaker:
        return False
    return a.speaker == b.speaker or ratio(a.speaker, b.speaker) >= 88


def same_sentence_equivalent(a: Claim, b: Claim) -> bool:
    """A figure and its conversion or restatement in the same sentence ('1,5 miljard dollar (1,25 miljard euro)')."""
    return (a.article_id == b.article_id and a.sentence == b.sentence and a.kind == b.kind
            and a.kind in ("money", "count", "duration", "percent") and a.part_of is None and b.part_of is None and relation(a, b).kind == "agree"
            and abs(a.start - b.start) <= 80)


def own_variant(a: Claim, b: Claim, idf: Idf) -> bool:
    """Whether ``b`` is another figure the same article gives for what ``a`` counts (its own update or
    slip): same kind, same counted thing, a shared predicate near the figure, a different value."""
    if a.kind != b.kind or a.kind in ("quote", "date") or a.sentence == b.sentence:
        return False
    if _head_similarity(a, b) < 1.0 or not _overlap(a.near, b.near, idf):
        return False
    if a.kind != "ordinal" and not magnitude_close(claim_bounds(a), claim_bounds(b)):
        return False
    return relation(a, b).kind != "agree"


def score_pair(a: Claim, b: Claim, idf: Idf) -> PairScore | None:
    """Evidence that ``a`` and ``b`` (from different articles) report the same thing; None when excluded."""
    if a.kind != b.kind or (a.part_of is None) != (b.part_of is None):
        return None
    if a.kind == "quote":
        if not _speaker_match(a, b):
            return None
        content = _overlap(a.head, b.head, idf)
        shared = {x for x in a.head & b.head if not x.isupper()}
        if content < 0.2 and not (shared and min(len(a.head), len(b.head)) <= 3):
            return None
        return PairScore(0.5 + content / 2, 1.0, content, "agree", True)
    if not _times_compatible(a, b) or not _reports_close(a, b):
        return None
    if a.kind == "date":
        head = _head_similarity(a, b)
        if head < 1.0:
            return None
        rel = relation(a, b).kind
        if rel == "conflict" and not (a.date and b.date and a.date.value and b.date.value
                                      and a.date.value.day and b.date.value.day):
            return None  # different dates at month precision are more likely different events
        local = _overlap(a.local, b.local, idf)
        return PairScore(0.5 + 0.3 * local + (0.2 if rel == "agree" else 0), head, local, rel,
                         local >= 0.15)
    if a.kind == "ordinal":
        if a.value is None or b.value is None or abs(float(a.value) - float(b.value)) > 3:
            return None
    else:
        if not magnitude_close(claim_bounds(a), claim_bounds(b)):
            return None
    head = _head_similarity(a, b)
    near = _overlap(a.near, b.near, idf)
    local = max(_overlap(a.local, b.local, idf), near)
    window = _overlap(a.window, b.window, idf)
    ent = len(a.entities & b.entities) / len(a.entities | b.entities) if a.entities and b.entities else 0.0
    rel = relation(a, b).kind
    score = 0.4 * head + 0.3 * local + 0.15 * window + 0.1 * ent + (0.15 if rel == "agree" else 0.0)
    if rel == "agree" and a.kind == "money":
        score += 0.15  # the same sum of money in two reports of one story is rarely a coincidence
    if not a.head or not b.head:  # nothing counted on one side (percent, duration): lean on the context
        score = 0.2 + 0.45 * local + 0.2 * window + 0.1 * ent + (0.2 if rel == "agree" else 0.0)
    # a contradiction is only shown between claims that count the same thing (head) and say the
    # same about it (a shared predicate near the figure, or much of the sentence)
    # A contradiction is only shown between claims that count the same thing (head) and say the same
    # about it: a shared specific predicate near the figure ('arrested', 'injured', 'dead') or much of
    # the sentence in common. Names in both sentences but none shared mean different companies,
    # indices, places; a sentence listing several figures (a statistics line) has no clear scope.
    other_names = bool(a.entities and b.entities and not a.entities & b.entities)
    predicate = bool({x for x in a.near & b.near if x.isupper()} - WEAK_CONCEPTS)
    # an ordinal is a rank ('the second climber') unless it counts a streak ('the sixth week in a row')
    rank = a.kind == "ordinal" and not ("STREAK" in a.head and "STREAK" in b.head)
    strong = (score >= ALIGN_THRESHOLD and not other_names and not a.listing and not b.listing and not rank
              and (head >= 1.0 or not (a.head and b.head)) and (predicate or local >= STRONG_LOCAL))
    return PairScore(score, head, local, rel, strong)


def _identity(c: Claim) -> tuple[Any, ...] | None:
    """Claims with the same identity (kind, counted noun, value, wording) are the same report repeated by
    several outlets; they are grouped before the pairwise step so a 300-article story stays fast."""
    if c.kind == "quote":
        return (c.kind, c.speaker, " ".join(c.text.casefold().split()))
    head = frozenset(x for x in c.head if not x.isupper())
    if not head and c.kind != "date":
        return None
    value = f"{c.value:.6g}" if isinstance(c.value, int | float) else str(c.value)
    return (c.kind, c.part_of is None, head, value, c.qualifier, c.unit, c.low, c.high)


def _units(claims: list[Claim], idf: Idf) -> list[list[int]]:
    """Initial groups: a figure with its conversion in the same sentence; identical claims from different
    articles whose sentences share words (leader clustering, linear in the number of claims)."""
    unit_of: dict[int, int] = {}
    units: list[list[int]] = []
    by_sentence: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_sentence[(c.article_id, c.sentence, c.kind)].append(i)
    for idx in by_sentence.values():
        for x in idx:
            if x in unit_of:
                continue
            unit_of[x] = len(units)
            units.append([x])
            for y in idx:
                if y not in unit_of and same_sentence_equivalent(claims[x], claims[y]):
                    unit_of[y] = unit_of[x]
                    units[unit_of[x]].append(y)
    merged: list[list[int]] = []
    leaders: dict[tuple[Any, ...], list[tuple[int, set[str]]]] = defaultdict(list)
    for unit in units:
        lead = claims[unit[0]]
        key = _identity(lead) if len(unit) == 1 else None
        arts = {claims[i].article_id for i in unit}
        placed = False
        if key is not None:
            for m, m_arts in leaders[key]:
                if arts & m_arts:
                    continue
                other = claims[merged[m][0]]
                same_words = lead.kind == "quote"  # the very same quoted words of the same speaker
                if (same_words or _overlap(lead.local, other.local, idf) >= 0.2) and _times_compatible(lead, other) \
                        and _reports_close(lead, other):
                    merged[m].extend(unit)
                    m_arts |= arts
                    placed = True
                    break
        if not placed:
            if key is not None:
                leaders[key].append((len(merged), set(arts)))
            merged.append(list(unit))
    return merged


def _candidates(leads: list[Claim], idf: Idf) -> set[tuple[int, int]]:
    """Index pairs of unit leaders worth scoring: same kind, sharing a head lemma, concept, value,
    speaker, or one of the rarer words of the sentence."""
    postings: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(leads):
        rare = sorted((x for x in c.local if not x.isupper() and len(x) >= 5), key=lambda x: (idf.df.get(x, 0), x))[:3]
        keys = {("h", x) for x in c.head} | {("l", x) for x in c.local if x.isupper()} | {("l", x) for x in rare}
        if isinstance(c.value, int | float):
            keys.add(("v", f"{c.value:.4g}"))
        elif c.kind == "date" and c.value:
            keys.add(("v", str(c.value)[:7]))  # same month
        if c.speaker:
            keys.add(("s", c.speaker))
        tag = c.kind + ("/part" if c.part_of is not None else "")
        for key in keys:
            postings[(tag, key[0], key[1])].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > MAX_BLOCK:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def align(claims: list[Claim], idf: Idf) -> list[list[Claim]]:
    """Group claims into facts (lists of claims), best-supported pairs first."""
    units = _units(claims, idf)
    leads = [claims[u[0]] for u in units]
    arts = [{claims[i].article_id for i in u} for u in units]
    scores: dict[tuple[int, int], PairScore | None] = {}

    def pair(i: int, j: int) -> PairScore | None:
        key = (i, j) if i < j else (j, i)
        if key not in scores:
            scores[key] = None if arts[i] & arts[j] else score_pair(leads[key[0]], leads[key[1]], idf)
        return scores[key]

    for i, j in _candidates(leads, idf):
        pair(i, j)
    ranked = sorted(((s.score, i, j) for (i, j), s in scores.items() if s and s.score >= ALIGN_THRESHOLD),
                    reverse=True)
    cluster = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    cluster_arts: dict[int, set[str]] = {i: set(a) for i, a in enumerate(arts)}
    for _, i, j in ranked:
        ci, cj = cluster[i], cluster[j]
        if ci == cj or cluster_arts[ci] & cluster_arts[cj]:
            continue
        if not _can_merge(leads, members[ci], members[cj], pair):
            continue
        if len(members[ci]) < len(members[cj]):
            ci, cj = cj, ci
        for x in members[cj]:
            cluster[x] = ci
        members[ci].extend(members[cj])
        members[cj] = []
        cluster_arts[ci] |= cluster_arts.pop(cj)
    out = []
    for m in members.values():
        if m:
            out.append(sorted((claims[i] for u in m for i in units[u]), key=lambda c: (c.article, c.start)))
    return out


def _can_merge(leads: list[Claim], ga: list[int], gb: list[int], pair) -> bool:  # type: ignore[no-untyped-def]
    """Contradicting values only with strong direct evidence between the two claims."""
    for i in ga:
        for j in gb:
            if relation(leads[i], leads[j]).kind != "conflict":
                continue
            s = pair(i, j)
            if s is None or not s.strong:
                return False
    return True
