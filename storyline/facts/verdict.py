"""The verdict of one fact and its one-line reason, from the claims alignment put together."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from storyline.facts.claims import Claim
from storyline.facts.compare import claim_bounds, describe, group_label, relation

_CONCEPT_WORDS = {"ARREST": "arrested", "DEATH": "dead", "INJURY": "injured", "LOAN": "loan", "VOTE": "votes",
                  "EVACUATE": "evacuated", "ELECTION": "election", "TALK": "talks", "PROTEST": "protest",
                  "PROTESTER": "protesters", "MISSING": "missing"}


@dataclass
class Judgement:
    """Verdict and reason of one fact."""

    verdict: str
    reason: str


def _by_article(claims: list[Claim]) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    for c in claims:
        out.setdefault(c.article, []).append(c)
    return out


def _quoted(c: Claim, limit: int = 70) -> str:
    text = " ".join(c.text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return f"'{text}'"


def judge(claims: list[Claim]) -> Judgement:
    """Verdict of one fact: conflict if two articles' values cannot both be true, agree if all give
    the same figure, compatible if the wordings overlap, single-source if one article says it."""
    per_article = _by_article(claims)
    if len(per_article) < 2:
        c = claims[0]
        return Judgement("single-source", f"only {c.article} reports this ({describe(c)})")
    # articles that give the same wording relate alike: compare one per wording (a 300-outlet story
    # has a handful of wordings); an article that gives several figures that do not agree contradicts
    # itself, not the others, and stands alone
    torn = {a for a, cs in per_article.items() if any(relation(cs[0], x).kind != "agree" for x in cs[1:])}
    classes: dict[Any, list[str]] = {}
    for a, cs in per_article.items():
        classes.setdefault(("torn", a) if a in torn else _signature(cs[0]), []).append(a)
    arts = [members[0] for members in classes.values()]
    label = {members[0]: ", ".join(members) for members in classes.values()}
    rep = {a: per_article[a][0] for a in arts}
    rels: dict[tuple[str, str], str] = {}
    details: dict[tuple[str, str], str] = {}
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            r = relation(rep[arts[x]], rep[arts[y]])
            kind = r.kind
            if arts[x] in torn or arts[y] in torn:
                kinds_xy = {relation(p, q).kind for p in per_article[arts[x]] for q in per_article[arts[y]]}
                kind = "agree" if kinds_xy == {"agree"} else "compatible" if kind != "incomparable" else kind
            rels[(arts[x], arts[y])] = kind
            details[(arts[x], arts[y])] = r.detail
    kinds = set(rels.values()) or {"agree"}
    if torn and "conflict" not in kinds and kinds != {"agree"}:
        a = min(torn)
        figures = " and ".join(_quoted(c) for c in per_article[a])
        return Judgement("compatible", f"{a} itself gives {figures}; the others fit within that")
    if "conflict" in kinds:
        return Judgement("conflict", _conflict_reason(arts, rep, rels, label))
    if "incomparable" in kinds:
        detail = next(details[k] for k, v in rels.items() if v == "incomparable")
        values = " · ".join(f"{_quoted(rep[a])} ({label[a]})" for a in arts)
        return Judgement("compatible", f"not compared: {detail}: {values}")
    if kinds == {"agree"}:
        return Judgement("agree", _agree_reason(claims, list(per_article), {a: per_article[a][0] for a in per_article}))
    parts = [f"{describe(rep[a])} ({label[a]})" for a in arts]
    return Judgement("compatible", " and ".join([", ".join(parts[:-1]), parts[-1]]) + " can all be true"
                     if len(parts) > 2 else f"{parts[0]} and {parts[1]} can both be true")


def _signature(c: Claim) -> tuple[Any, ...]:
    """What a claim's relation to others depends on (equal signatures relate alike)."""
    if c.kind == "quote":
        return (c.kind, c.speaker, " ".join(c.text.casefold().split()))
    if c.kind == "date":
        t = c.date
        return (c.kind, c.value, t.part if t else None, t.weekday if t else None)
    return (c.kind, c.value, c.low, c.high, c.qualifier, c.unit, " ".join(c.text.casefold().split()), c.ref_date)


def _conflict_reason(arts: list[str], rep: dict[str, Claim], rels: dict[tuple[str, str], str],
                     label: dict[str, str]) -> str:
    def rel(a: str, b: str) -> str:
        return rels.get((a, b)) or rels.get((b, a)) or "agree"

    pairs = [(a, b) for (a, b), r in rels.items() if r == "conflict"]
    # prefer the pair of firm figures (stated values rather than bounds)
    pairs.sort(key=lambda p: -(claim_bounds_firm(rep[p[0]]) + claim_bounds_firm(rep[p[1]])))
    a, b = pairs[0]
    side_a = [x for x in arts if x == a or (x != b and rel(x, a) == "agree" and rel(x, b) == "conflict")]
    side_b = [x for x in arts if x == b or (x != a and rel(x, b) == "agree" and rel(x, a) == "conflict")]
    text = (f"{describe(rep[a])} ({', '.join(label[x] for x in side_a)}) and {describe(rep[b])} "
            f"({', '.join(label[x] for x in side_b)}) cannot both be right")
    both = [x for x in arts if x not in side_a and x not in side_b and rel(x, a) != "conflict"
            and rel(x, b) != "conflict"]
    if both:
        many = len(both) > 1 or "," in label[both[0]]
        text += "; " + ", ".join(f"{label[x]} {_quoted(rep[x])}" for x in both) + (" fit both" if many
                                                                                  else " fits both")
    return text


def claim_bounds_firm(c: Claim) -> int:
    if c.kind in ("date", "quote"):
        return 1
    return 1 if claim_bounds(c).firm else 0


def _agree_reason(claims: list[Claim], arts: list[str], rep: dict[str, Claim]) -> str:
    first = rep[arts[0]]
    if first.kind == "quote":
        return "same speaker, same content in other words: " + " · ".join(f"{_quoted(c)} ({c.article})"
                                                                         for c in claims)
    if first.kind == "date":
        finest = max(claims, key=lambda c: len(str(c.value or "")))
        coarse = [c for c in claims if c.value != finest.value]
        text = f"same date: {describe(finest)}"
        if coarse:
            text += "; " + ", ".join(f"{_quoted(c)} ({c.article}, {describe(c)})" for c in coarse) + \
                " is less precise but includes it"
        return text
    units = {c.unit for c in claims if c.kind == "money" and c.unit}
    if len(units) > 1:
        foreign = next((c for c in claims if c.unit and c.unit != "EUR"), first)
        fb = claim_bounds(foreign)
        if fb.rate is not None and fb.point is not None:
            return (f"same amount: {describe(foreign)} ≈ EUR {fb.point / 1e9:.2f} bn at the ECB {fb.rate.period} "
                    f"average ({fb.rate.per_eur:g} {fb.rate.currency}/EUR); other figures are roundings of it"
                    if fb.point >= 1e9 else
                    f"same amount: {describe(foreign)} ≈ EUR {fb.point:,.0f} at the ECB {fb.rate.period} average "
                    f"({fb.rate.per_eur:g} {fb.rate.currency}/EUR), within rounding")
    texts = []
    for c in claims:
        t = _quoted(c)
        if t.casefold() not in {x.casefold() for x in texts}:
            texts.append(t)
    if len(texts) > 1:
        return f"same figure ({describe(first)}) written as " + " and ".join(texts)
    arts = group_label(claims)
    return f"{arts} {'both' if len(rep) == 2 else 'all'} report {describe(first)}"


def subject_of(claims: list[Claim]) -> str:
    """What the fact is about, in the sources' words: counted nouns ('betogers / demonstranten') plus the
    shared concept ('arrested'), the speaker of a quote, or the event of a date."""
    if claims[0].kind == "quote":
        return f"quote of {claims[0].subject}"
    nouns: list[str] = []
    for c in claims:
        s = c.subject.strip()
        if s and s.casefold() not in {n.casefold() for n in nouns}:
            nouns.append(s)
    shared: set[str] = set()
    if len({c.article_id for c in claims}) >= 2:  # what the outlets' sentences have in common
        shared = set.intersection(*[{x for x in (c.near | c.head) if x.isupper()} for c in claims])
    words = [_CONCEPT_WORDS[x] for x in sorted(shared) if x in _CONCEPT_WORDS]
    head = " / ".join(nouns[:3]) or claims[0].kind
    if claims[0].kind == "date":
        head = f"date of {head}"
    extra = [w for w in words if w not in head]
    return head + (f" ({', '.join(extra)})" if extra else "")


def fact_id(claims: list[Claim]) -> str:
    """Stable id of a fact: hash of its claims' (article, sentence, start)."""
    key = "|".join(sorted(f"{c.article_id}:{c.sentence}:{c.start}" for c in claims))
    return "f" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
