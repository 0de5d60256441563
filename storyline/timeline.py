"""The timeline of a story: its happenings in order, each at the precision really known, each cited.

Built from the resolved time expressions of every article (undated articles are read against a
date inferred from the story, see facts/dating.py) and from each article's lead, placed at its
publication month when the lead names no time. Mentions of the same time from several articles
merge into one entry citing them all; a vague mention ("vorige maand", a lead at its publication
month) joins a more precise entry it is compatible with when the sentences share enough words;
claims the facts step aligned across articles add their sentences as support ("eind juli 33 Russen"
in one report, "tientallen Russen" in another). Entries sort by the middle of the period they may
fall in; weekdays of the same month ("zondag", "maandag") in the order that makes them one run of
consecutive days, the way a report uses them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from storyline.facts import StoryClaims, analyse_story
from storyline.facts.compare import date_words
from storyline.facts.concepts import Idf, norm_lemma
from storyline.model import AnalyzedArticle, Fact, PartialDate, SourceRef, TimeExpr, TimelineEntry

MERGE_SIMILARITY = 0.12  # a vague mention joins a precise entry it shares this much with
LABEL_CHARS = 110
_DAY_NAMES = list(calendar.day_name)


@dataclass(frozen=True)
class TimeKey:
    """What makes two mentions the same time: the date, a weekday within it, a part of a month."""

    value: PartialDate
    weekday: int | None = None
    part: str | None = None

    def range(self) -> tuple[dt.date, dt.date]:
        """First and last day of the period (a part of a month narrows it to about ten days)."""
        return _period(self.value, self.part)

    def width(self) -> int:
        lo, hi = self.range()
        return (hi - lo).days + (0 if self.weekday is None else -20)

    def contains(self, other: TimeKey) -> bool:
        lo, hi = self.range()
        olo, ohi = other.range()
        if self.weekday is not None and other.weekday != self.weekday and (
                other.value.day is None
                or dt.date(other.value.year, other.value.month or 1, other.value.day).weekday() != self.weekday):
            return False
        return lo <= olo and ohi <= hi


@lru_cache(maxsize=4096)
def _period(v: PartialDate, part: str | None) -> tuple[dt.date, dt.date]:
    if v.day is not None:
        d = dt.date(v.year, v.month or 1, v.day)
        return d, d
    if v.month is not None:
        last = calendar.monthrange(v.year, v.month)[1]
        lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(part or "", (1, last))
        return dt.date(v.year, v.month, lo), dt.date(v.year, v.month, hi)
    return dt.date(v.year, 1, 1), dt.date(v.year, 12, 31)


@dataclass
class _Mention:
    key: TimeKey
    article_id: str
    article: str
    sentence: int
    start: int | None
    end: int | None
    text: str
    lemmas: set[str]
    lead: bool = False
    linked: bool = False  # added because its claim was aligned with one of the entry's sentences


@dataclass
class _Bucket:
    key: TimeKey
    mentions: list[_Mention] = field(default_factory=list)
    lemmas: set[str] = field(default_factory=set)

    def add(self, m: _Mention) -> None:
        self.mentions.append(m)
        self.lemmas |= m.lemmas


def _key(t: TimeExpr) -> TimeKey | None:
    if t.value is None:
        return None
    part = t.part if t.value.day is None else None
    weekday = t.weekday if t.value.day is None else None
    return TimeKey(PartialDate(t.value.year, t.value.month, t.value.day), weekday, part)


def _similarity(a: set[str], b: set[str], idf: Idf, wb: float | None = None) -> float:
    """IDF-weighted cosine of two lemma sets (``wb``: the weight of ``b`` when known)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = [x for x in small if x in large]
    if not shared:
        return 0.0
    w = sum(idf.weight(x) for x in shared)
    if wb is None:
        wb = sum(idf.weight(x) for x in b)
    return w / math.sqrt(sum(idf.weight(x) for x in a) * wb)


def build_timeline(items: Sequence[AnalyzedArticle], story: StoryClaims | None = None) -> list[TimelineEntry]:
    """The story's dated happenings in order, each with its time at the precision known, cited."""
    story = story or analyse_story(items)
    idf = Idf.of(sentence for it in items for sentence in it.analysis.lemmas)
    mentions = _mentions(items, story)
    buckets = _bucket(mentions, idf)
    _add_fact_support(buckets, story, items)
    ordered = _order(buckets)
    checked = _checked(story)
    return [_entry(b, ordered, story, idf, checked) for b in ordered]


def _lemmas(item: AnalyzedArticle, i: int) -> set[str]:
    lemmas = item.analysis.lemmas[i] if i < len(item.analysis.lemmas) else []
    return {norm_lemma(x) for x in lemmas if not x[:1].isdigit()}


def _mentions(items: Sequence[AnalyzedArticle], story: StoryClaims) -> list[_Mention]:
    out: list[_Mention] = []
    for it in items:
        aid = it.id
        sents = it.analysis.sentences
        timed: set[int] = set()
        for t in story.times.get(aid, []):
            key = _key(t)
            if key is None or t.sentence >= len(sents) or sents[t.sentence].foreign:
                continue
            timed.add(t.sentence)
            out.append(_Mention(key, aid, it.article.label, t.sentence, t.start, t.end, sents[t.sentence].text,
                                _lemmas(it, t.sentence)))
        ref = story.references.get(aid)
        lead = [s.index for s in sents if not s.foreign and len(s.text.split()) >= 5][:2]
        if ref and ref.date and lead and not timed & set(lead):
            value = ref.date
            lemmas = set().union(*(_lemmas(it, i) for i in lead))
            out.append(_Mention(TimeKey(PartialDate(value.year, value.month, value.day)), aid, it.article.label,
                                lead[0], None, None, sents[lead[0]].text, lemmas, lead=True))
    return out


def _bucket(mentions: list[_Mention], idf: Idf) -> list[_Bucket]:
    by_key: dict[TimeKey, _Bucket] = {}
    for m in mentions:
        by_key.setdefault(m.key, _Bucket(m.key)).add(m)
    # vague buckets (widest first) give their mentions to a compatible finer bucket they resemble;
    # a second pass lets a mention follow its own article's lead that moved in the first
    for _ in range(2):
        for key in sorted(by_key, key=lambda k: -k.width()):
            bucket = by_key[key]
            finer = [b for k, b in by_key.items() if k != key and key.contains(k) and b.mentions]
            if not finer:
                continue
            weights = {id(b): sum(idf.weight(x) for x in b.lemmas) for b in finer}
            keep: list[_Mention] = []
            for m in sorted(bucket.mentions, key=lambda m: not m.lead):
                best, best_sim = None, 0.0
                for b in finer:
                    s = _similarity(m.lemmas, b.lemmas, idf, weights[id(b)])
                    s += 0.05 if any(x.article_id == m.article_id for x in b.mentions) else 0.0
                    if s > best_sim:
                        best, best_sim = b, s
                if best is not None and best_sim >= MERGE_SIMILARITY:
                    best.add(m)
                else:
                    keep.append(m)
            bucket.mentions = keep
            bucket.lemmas = set().union(*(m.lemmas for m in keep)) if keep else set()
    return [b for b in by_key.values() if b.mentions]


def _add_fact_support(buckets: list[_Bucket], story: StoryClaims, items: Sequence[AnalyzedArticle]) -> None:
    """Sentences whose claims were aligned with a claim of an entry's sentence support that entry."""
    where: dict[tuple[str, int], int] = {}
    for gi, group in enumerate(story.groups):
        if len({c.article_id for c in group}) < 2:
            continue
        for c in group:
            where.setdefault((c.article_id, c.sentence), gi)
    by_id = {it.id: it for it in items}
    timed = {(m.article_id, m.sentence) for b in buckets for m in b.mentions if not m.lead}
    for b in buckets:
        extra: list[_Mention] = []
        present = {(x.article_id, x.sentence) for x in b.mentions}
        for m in b.mentions:
            gi = where.get((m.article_id, m.sentence))
            if gi is None or m.lead:
                continue
            for c in story.groups[gi]:
                if c.article_id == m.article_id or (c.article_id, c.sentence) in timed \
                        or (c.article_id, c.sentence) in present:
                    continue
                present.add((c.article_id, c.sentence))
                it = by_id[c.article_id]
                extra.append(_Mention(b.key, c.article_id, c.article, c.sentence, c.start, c.end,
                                      it.analysis.sentences[c.sentence].text, _lemmas(it, c.sentence),
                                      linked=True))
        for m in extra:
            b.add(m)


def _order(buckets: list[_Bucket]) -> list[_Bucket]:
    """Sort by the middle of each entry's period; weekdays of one period as one run of days."""
    starts: dict[tuple[PartialDate, str | None], int] = {}
    groups: dict[tuple[PartialDate, str | None], set[int]] = {}
    for b in buckets:
        if b.key.weekday is not None:
            groups.setdefault((b.key.value, b.key.part), set()).add(b.key.weekday)
    for g, days in groups.items():
        starts[g] = min(days, key=lambda s: (max((d - s) % 7 for d in days), s))

    def sort_key(b: _Bucket) -> tuple[float, int, int]:
        lo, hi = b.key.range()
        middle = lo.toordinal() + (hi.toordinal() - lo.toordinal()) / 2
        pos = 7  # a whole period after the weekdays inside it: 'vandaag', 'volgende week' of the report
        if b.key.weekday is not None:
            pos = (b.key.weekday - starts[(b.key.value, b.key.part)]) % 7
        return middle, pos, -len(b.mentions)

    return sorted(buckets, key=sort_key)


def _label(b: _Bucket, idf: Idf, checked: dict[tuple[str, int], int]) -> _Mention:
    """The mention that says best what happened: shares most with the others, names the entry's own time
    (or is the lead of the report dated then), and carries figures other outlets report too."""
    counts: Counter[str] = Counter()
    for x in b.mentions:
        counts.update(x.lemmas)
    n = len(b.mentions)

    def score(m: _Mention) -> float:
        # how much of this sentence the other sentences of the entry share (IDF-weighted), linear in size
        total = sum(idf.weight(x) for x in m.lemmas) or 1.0
        central = sum(idf.weight(x) * (counts[x] - 1) for x in m.lemmas) / total / max(1, n - 1)
        own = m.key == b.key and not m.linked
        place = (0.6 if own else 0.0) if m.lead else (0.3 if own else 0.1)
        return central + place + 0.1 * min(3, checked.get((m.article_id, m.sentence), 0))

    return max(b.mentions, key=score)


def _checked(story: StoryClaims) -> dict[tuple[str, int], int]:
    """Per (article, sentence), how many of its figures and dates other outlets report too."""
    out: dict[tuple[str, int], int] = {}
    for group in story.groups:
        if group[0].kind != "quote" and len({c.article_id for c in group}) >= 2:
            for c in group:
                out[(c.article_id, c.sentence)] = out.get((c.article_id, c.sentence), 0) + 1
    return out


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= LABEL_CHARS:
        return text
    cut = text[:LABEL_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def _entry(b: _Bucket, ordered: list[_Bucket], story: StoryClaims, idf: Idf,
           checked: dict[tuple[str, int], int]) -> TimelineEntry:
    key = b.key
    description = date_words(key.value, key.part, key.weekday)
    if key.weekday is not None:
        nxt = next((o for o in ordered if o.key.value == key.value and o.key.part == key.part
                    and o.key.weekday == (key.weekday + 1) % 7), None)
        if nxt is not None:
            description += f", the day before the {_DAY_NAMES[nxt.key.weekday]}"
    articles: list[str] = []
    support: list[SourceRef] = []
    notes: list[str] = []
    seen: set[tuple[str, int]] = set()
    for m in sorted(b.mentions, key=lambda m: (m.article, m.sentence)):
        if m.article not in articles:
            articles.append(m.article)
        if (m.article_id, m.sentence) not in seen:
            seen.add((m.article_id, m.sentence))
            support.append(SourceRef(m.article_id, m.sentence, m.start, m.end))
        ref = story.references.get(m.article_id)
        if ref and ref.inferred and ref.note and ref.note not in notes:
            notes.append(ref.note)
        if m.lead and m.key == key:
            note = f"{m.article}: placed at its publication date (its lead names no time)"
            if note not in notes:
                notes.append(note)
    return TimelineEntry(time=key.value, precision=key.value.precision, description=description,
                         label=_shorten(_label(b, idf, checked).text), articles=articles, support=support,
                         weekday=key.weekday, part=key.part, notes=notes)


@dataclass
class StoryFacts:
    """Facts side by side and the timeline of one story, with notes on inferred dates."""

    facts: list[Fact]
    timeline: list[TimelineEntry]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"facts": [f.to_dict() for f in self.facts], "timeline": [e.to_dict() for e in self.timeline],
                "notes": list(self.notes)}


def facts_and_timeline(items: Sequence[AnalyzedArticle], story: StoryClaims | None = None) -> StoryFacts:
    """Facts (conflicts first) and the timeline of the analysed articles of one story, sharing one pass
    (``story``: the claims of ``analyse_story(items)`` when the caller has them already)."""
    story = story if story is not None else analyse_story(items)
    notes = [ref.note for ref in story.references.values() if ref.inferred and ref.note]
    return StoryFacts(story.facts, build_timeline(items, story), notes)
