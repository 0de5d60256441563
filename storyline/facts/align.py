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

import math
from collections import defaultdict
from dataclasses import dataclass

from storyline.facts.bounds import magnitude_close
from storyline.facts.claims import Claim
from storyline.facts.compare import claim_bounds, date_range, relation
from storyline.facts.concepts import WEAK_CONCEPTS, Idf, lemmas_match

ALIGN_THRESHOLD = 0.42
STRONG_THRESHOLD = 0.5
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
    shared = a & b
    if not shared:
        return 0.0

    def w(x: str) -> float:
        return 2.0 if x.isupper() else idf.weight(x)

    return sum(w(x) for x in shared) / math.sqrt(sum(w(x) for x in a) * sum(w(x) for x in b))


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
            xa = date_range(Claim(0, "date", "", "", 0, 0, 0, "", None, None, None, None, None, "", date=x))
            yb = date_range(Claim(0, "date", "", "", 0, 0, 0, "", None, None, None, None, None, "", date=y))
            if xa and yb and not (xa[1] < yb[0] or yb[1] < xa[0]):
                return True
    return False


def _speaker_match(a: Claim, b: Claim) -> bool:
    from rapidfuzz.fuzz import ratio

    if not a.speaker or not b.speaker:
        return False
    return a.speaker == b.speaker or ratio(a.speaker, b.speaker) >= 88


def same_sentence_equivalent(a: Claim, b: Claim) -> bool:
    """A figure and its conversion or restatement in the same sentence ('1,5 miljard dollar (1,25 miljard euro)')."""
    return (a.article_id == b.article_id and a.sentence == b.sentence and a.kind == b.kind
            and a.part_of is None and b.part_of is None and relation(a, b).kind == "agree"
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
    if not _times_compatible(a, b):
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
    if not a.head or not b.head:  # nothing counted on one side (percent, duration): lean on the context
        score = 0.2 + 0.45 * local + 0.2 * window + 0.1 * ent + (0.2 if rel == "agree" else 0.0)
    # a contradiction is only shown between claims that count the same thing (head) and say the
    # same about it (a shared predicate near the figure, or much of the sentence)
    strong = score >= ALIGN_THRESHOLD and ((head >= 1.0 and (near > 0.0 or local >= 0.2))
                                           or (not (a.head and b.head) and local >= 0.35))
    return PairScore(score, head, local, rel, strong)


def _candidates(claims: list[Claim]) -> set[tuple[int, int]]:
    """Index pairs worth scoring: same kind, different articles, sharing a head lemma, concept, value,
    speaker, or one of the rarer words of the sentence."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        keys = {("h", x) for x in c.head} | {("l", x) for x in c.local if x.isupper() or len(x) >= 6}
        if isinstance(c.value, int | float):
            keys.add(("v", f"{c.value:.4g}"))
        if c.speaker:
            keys.add(("s", c.speaker))
        if not c.head:
            keys.add(("k", ""))
        for key in keys:
            postings[(c.kind + ("/part" if c.part_of is not None else ""),) + key[:1] + key[1:]].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > MAX_BLOCK:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if claims[i].article_id != claims[j].article_id:
                    pairs.add((i, j))
    return pairs


def align(claims: list[Claim], idf: Idf) -> list[list[Claim]]:
    """Group claims into facts (lists of claims), best-supported pairs first."""
    scores: dict[tuple[int, int], PairScore | None] = {}
    for i, j in _candidates(claims):
        scores[(i, j)] = score_pair(claims[i], claims[j], idf)

    def pair(i: int, j: int) -> PairScore | None:
        key = (i, j) if i < j else (j, i)
        if key not in scores:
            scores[key] = score_pair(claims[key[0]], claims[key[1]], idf) \
                if claims[i].article_id != claims[j].article_id else None
        return scores[key]

    group: list[int] = list(range(len(claims)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    # a figure and its conversion in the same sentence travel together
    by_sentence: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.kind in ("money", "count", "duration", "percent"):
            by_sentence[(c.article_id, c.sentence, c.kind)].append(i)
    for idx in by_sentence.values():
        for x in idx[1:]:
            if same_sentence_equivalent(claims[idx[0]], claims[x]) and group[x] != group[idx[0]]:
                _merge(group, members, group[idx[0]], group[x])

    ranked = sorted(((s.score, i, j) for (i, j), s in scores.items() if s and s.score >= ALIGN_THRESHOLD),
                    reverse=True)
    for _, i, j in ranked:
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        if not _can_merge(claims, members[gi], members[gj], pair):
            continue
        _merge(group, members, gi, gj)
    return [[claims[i] for i in sorted(m)] for m in members.values() if m]


def _merge(group: list[int], members: dict[int, list[int]], a: int, b: int) -> None:
    if len(members[a]) < len(members[b]):
        a, b = b, a
    for x in members[b]:
        group[x] = a
    members[a].extend(members[b])
    members[b] = []


def _can_merge(claims: list[Claim], ga: list[int], gb: list[int], pair) -> bool:  # type: ignore[no-untyped-def]
    """One claim per article per fact; contradicting values only with strong direct evidence."""
    arts_a = {claims[i].article_id for i in ga}
    if arts_a & {claims[j].article_id for j in gb}:
        return False
    for i in ga:
        for j in gb:
            s = pair(i, j)
            if s is None:
                rel = relation(claims[i], claims[j]).kind
                if rel == "conflict":
                    return False
                continue
            if s.relation == "conflict" and not s.strong:
                return False
    return True
