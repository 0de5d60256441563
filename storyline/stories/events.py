"""Events inside a story: groups of its articles that report one happening, with a time and a label.

Articles are grouped by average-linkage clustering of their TF-IDF vectors (``features``) with a
time constraint: two articles dated more than ``MAX_GAP_DAYS`` apart (at their known precision,
compared at the middle of the period) never share an event. An undated article that forms no
event of its own joins the event it is most similar to when that similarity reaches the story
threshold: without a date it cannot found an event its content does not set apart.

``EVENT_THRESHOLD`` was calibrated on ECB+ (every gold topic taken as a story, its two subtopics
as the events; grid on the odd topics, even topics held out): B-cubed F1 train/held-out 0.04 →
0.857/0.832, **0.07 → 0.940/0.949**, 0.10 → 0.921/0.929, 0.13 → 0.871/0.895, 0.16 → 0.813/0.834;
recalibrated when term weights got ``features.TF_DAMP`` 0.5: 0.06 → 0.916/0.943, 0.07 →
0.938/0.942, **0.08 → 0.944/0.945**, 0.09 → 0.931/0.944, 0.10 → 0.917/0.927. Stories larger than ``EXACT_LIMIT`` articles are grouped
online (each article joins the most similar event centroid), so a 5,000-article story stays fast.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import sparse

from storyline.model import AnalyzedArticle, Event, PartialDate, SourceRef, Story
from storyline.stories.cluster import THRESHOLD
from storyline.stories.features import (
    ArticleVector,
    Encoded,
    TermSpace,
    day_number,
    day_span,
    name_key,
    strongest,
    vectorize,
)
from storyline.stories.labels import best_phrase

EVENT_THRESHOLD = 0.08
MAX_GAP_DAYS = 7.0
EXACT_LIMIT = 300
RESPLIT_GROWTH = 1.5  # a growing story's events are split from scratch again once it is this much larger
DENSE_CELLS = 1 << 21  # articles x terms up to which similarities are a dense product (16 MB)
ONLINE_QUERY_TERMS = 16  # above EXACT_LIMIT: an article looks up events by its strongest terms …
ONLINE_CANDIDATES = 20  # … scores at most this many of them …
ONLINE_POSTINGS = 32  # … and each term remembers the events that used it most recently
PLACE_WEIGHT = 8  # an event is one happening at one place: place names weigh more
EVENT_LEAD = None  # what happened is told in the lead (inverted pyramid); the rest is background
LABEL_TERMS = 4
LABEL_MEMBERS = 40  # a large event is labelled from its first articles: bounded cost per event
LABEL_CONTRAST = 1.5  # how much a label term must be this event's rather than the story's (see _contrast)
LABEL_STORY_SAMPLE = 1000  # what a large story talks about, from evenly spaced articles: bounded cost per story


@dataclass
class _Group:
    members: list[int]
    times: list[float] = field(default_factory=list)


def _compatible(a: _Group, b: _Group) -> bool:
    if not a.times or not b.times:
        return True
    return max(max(a.times), max(b.times)) - min(min(a.times), min(b.times)) <= MAX_GAP_DAYS


def _similarities(vecs: list[ArticleVector]) -> np.ndarray:
    """All pairwise cosines of these (L2-normalised) vectors as one matrix product: dense while the
    matrix of articles by terms is small (most stories; a tenth of the sparse product's overhead),
    else sparse."""
    space = TermSpace()
    encoded = [space.encode(v.terms) for v in vecs]
    shape = (len(vecs), max(1, len(space.numbers)))
    if shape[0] * shape[1] <= DENSE_CELLS:
        matrix = np.zeros(shape)
        for i, e in enumerate(encoded):
            matrix[i, e.ids] = e.values
        return matrix @ matrix.T
    rows = np.repeat(np.arange(len(vecs)), [len(e.ids) for e in encoded])
    values = sparse.csr_matrix((np.concatenate([e.values for e in encoded]),
                                (rows, np.concatenate([e.ids for e in encoded]))), shape=shape)
    return np.asarray((values @ values.T).todense())


def _average_linkage(vecs: list[ArticleVector], threshold: float) -> list[_Group]:
    """Average-linkage clustering under the time constraint, best pair first while it reaches
    ``threshold``. Groups are kept as rows of a matrix of summed similarities (merging two adds
    their rows), so each merge costs one pass over the matrix: a 300-article story takes a tenth
    of a second, where recomputing every group pair's average took 7 s. Ties go to the last pair
    in the order of the groups' first articles."""
    n = len(vecs)
    sim = _similarities(vecs)
    sums = sim.copy()
    size = np.ones(n)
    times = [v.time for v in vecs]
    lo = np.array([t if t is not None else np.nan for t in times], dtype=np.float64)
    hi = lo.copy()
    alive = np.ones(n, dtype=bool)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)

    def compatible(span: np.ndarray) -> np.ndarray:  # NaN: a side without a date
        return np.isnan(span) | (span <= MAX_GAP_DAYS)

    ok = compatible(np.maximum.outer(hi, hi) - np.minimum.outer(lo, lo)) & upper
    average = np.where(ok, sums / np.outer(size, size), -np.inf)
    members = [[i] for i in range(n)]
    while True:
        flat = average.ravel()
        last = flat.size - 1 - int(np.argmax(flat[::-1]))  # the last best pair in scan order
        if flat[last] < threshold:
            break
        x, y = divmod(last, n)
        members[x] += members[y]
        members[y] = []
        sums[x] += sums[y]
        sums[:, x] += sums[:, y]
        size[x] += size[y]
        lo[x], hi[x] = np.fmin(lo[x], lo[y]), np.fmax(hi[x], hi[y])
        alive[y] = False
        average[y, :] = average[:, y] = -np.inf
        row = np.where(compatible(np.maximum(hi[x], hi) - np.minimum(lo[x], lo)) & alive, sums[x] / (size[x] * size), -np.inf)
        row[x] = -np.inf
        average[x, x + 1:] = row[x + 1:]
        average[:x, x] = row[:x]
    groups = [_Group(members[i], [t for t in (lo[i], hi[i]) if not np.isnan(t)]) for i in range(n) if alive[i]]
    # Undated singletons join the event they resemble most (at the story threshold).
    for g in [g for g in groups if len(g.members) == 1 and not g.times]:
        i = g.members[0]
        scored = [(float(sim[i, h.members].sum()) / len(h.members), k) for k, h in enumerate(groups)
                  if h is not g and h.members]
        if scored:
            s, k = max(scored)
            if s >= THRESHOLD:
                groups[k].members.append(i)
                g.members = []
    return [g for g in groups if g.members]


def _online(vecs: list[ArticleVector], threshold: float) -> list[_Group]:
    """Events of a large story in one pass (articles in time order): each joins the most similar
    compatible event or opens one. Events are found through an index of their strongest terms
    (at most ``ONLINE_CANDIDATES`` scored), so a 5,000-article story with hundreds of events costs
    about the same per article as a small one."""
    groups: list[_Group] = []
    sums: list[dict[str, float]] = []
    postings: dict[str, list[int]] = {}
    space = TermSpace()
    encoded: list[Encoded | None] = []  # each event's sum as arrays; None after it changed

    def arrays(k: int) -> Encoded:
        known = encoded[k]
        if known is None:
            known = encoded[k] = space.encode(sums[k])
        return known

    for i, v in enumerate(vecs):
        probe = _Group([i], [v.time] if v.time is not None else [])
        article = space.encode(v.terms)
        top = strongest(v.terms, article, ONLINE_QUERY_TERMS)
        votes: dict[int, float] = {}
        for term, w in top:
            for k in postings.get(term, ()):
                votes[k] = votes.get(k, 0.0) + w
        near = [k for k in sorted(heapq.nlargest(ONLINE_CANDIDATES, votes, key=votes.__getitem__))
                if _compatible(groups[k], probe)]
        best, pick = threshold, None
        for k, shared in zip(near, space.dots(article, [arrays(k) for k in near]), strict=True):
            s = shared / len(groups[k].members)
            if s >= best:
                best, pick = s, k
        if pick is None:
            pick = len(groups)
            groups.append(_Group([i], [v.time] if v.time is not None else []))
            sums.append(dict(v.terms))
            encoded.append(None)
        else:
            g = groups[pick]
            g.members.append(i)
            if v.time is not None:
                g.times = [min(g.times + [v.time]), max(g.times + [v.time])]
            acc = sums[pick]
            for t, w in v.terms.items():
                acc[t] = acc.get(t, 0.0) + w
            if len(acc) > 600:
                sums[pick] = dict(heapq.nlargest(300, acc.items(), key=lambda kv: kv[1]))
            encoded[pick] = None
        for term, _ in top:
            posting = postings.setdefault(term, [])
            if pick in posting:
                posting.remove(pick)
            posting.append(pick)  # most recent last; the oldest events drop out of long postings
            if len(posting) > ONLINE_POSTINGS:
                del posting[0]
    return groups


def local_vectors(items: Sequence[AnalyzedArticle], lead: int | None = None) -> list[ArticleVector]:
    """Vectors re-weighted by the story's own document frequencies: what every article of the story
    says (its main actors) counts little, what only some say (a place, a loan) tells events apart;
    terms of one article only are dropped."""
    vecs = [vectorize(it, None, lead=lead, place_weight=PLACE_WEIGHT) for it in items]
    df: Counter[str] = Counter()
    for v in vecs:
        df.update(v.terms.keys())
    n = len(vecs)
    if n < 3:  # two articles give no document frequencies to speak of
        return vecs
    out = []
    for v in vecs:
        # A term only one article uses cannot link two articles; it only dilutes the cosine.
        terms = {t: w * math.log((n + 1) / (df[t] + 0.5)) for t, w in v.terms.items() if df[t] > 1}
        norm = math.sqrt(sum(w * w for w in terms.values())) or 1.0
        out.append(ArticleVector(v.id, {t: w / norm for t, w in terms.items()}, v.time, v.words, v.time_lo, v.time_hi))
    return out


def event_time(items: Sequence[AnalyzedArticle]) -> tuple[PartialDate | None, str]:
    """When an event happened: a day that at least two reports resolve a time phrase to, else the
    earliest publication date at its own precision; plus a reader-facing description if known."""
    resolved: Counter[PartialDate] = Counter()
    described: Counter[tuple[PartialDate, str]] = Counter()
    for it in items:
        days = set()
        for t in it.analysis.times:
            if t.value is None:
                continue
            if t.value.day is not None:
                days.add(PartialDate(t.value.year, t.value.month, t.value.day))
            elif t.description and t.weekday is not None:
                described[(t.value, t.description)] += 1
        resolved.update(days)
    pubs = [it.article.published for it in items if it.article.published is not None]
    spans = [s for s in (day_span(p) for p in pubs) if s is not None]
    lo = min(s[0] for s in spans) - MAX_GAP_DAYS if spans else float("-inf")
    hi = max(s[1] for s in spans) if spans else float("inf")
    # Background dates (an election last month) are not the event: keep days near publication.
    # Most reports first, then the earliest day: never the order a set happened to iterate in.
    ranked = sorted(resolved.items(), key=lambda dc: (-dc[1], dc[0].sort_key()))
    agreed = [d for d, c in ranked if c >= 2 and lo <= (day_number(d) or 0.0) <= hi + 1]
    if agreed:
        return agreed[0], ""
    if not pubs:
        return None, ""
    earliest = min(pubs, key=PartialDate.sort_key)
    desc = sorted(((c, text) for (value, text), c in described.items() if value == earliest), reverse=True)
    return earliest, (desc[0][1] if desc else "")


Vectors = dict[str, dict[str, float]]


def _plain(it: AnalyzedArticle, cache: Vectors | None) -> dict[str, float]:
    """An article's plain TF-IDF terms, kept in ``cache`` (by article id) when one is given."""
    if cache is None:
        return vectorize(it, None).terms
    terms = cache.get(it.id)
    if terms is None:
        terms = cache[it.id] = vectorize(it, None).terms
    return terms


def _term_totals(story_items: Sequence[AnalyzedArticle], cache: Vectors | None = None) -> Counter[str]:
    """Summed plain TF-IDF weights of a story's articles (of an even sample of LABEL_STORY_SAMPLE in a larger
    story, scaled up): what the whole story talks about."""
    n = len(story_items)
    step = max(1, math.ceil(n / LABEL_STORY_SAMPLE))
    total: Counter[str] = Counter()
    for it in story_items[::step]:
        total.update(_plain(it, cache))
    if step > 1:
        scale = n / len(story_items[::step])
        total = Counter({t: w * scale for t, w in total.items()})
    return total


def _distinctive(members: Sequence[AnalyzedArticle], total: Counter[str], n_all: int,
                 cache: Vectors | None = None) -> dict[str, float]:
    """Weight of each term of these articles relative to the whole story (``total`` over ``n_all``
    articles; empty when the event is the whole story): mean weight inside times how much more
    the event uses it than the story does."""
    inside: Counter[str] = Counter()
    for it in members:
        inside.update(_plain(it, cache))
    n_in = len(members)
    scores = {}
    for t, w in inside.items():
        if t.startswith("#"):
            continue
        mean_in = w / n_in
        scores[t] = mean_in * (mean_in / (total[t] / n_all) if total and total[t] else 1.0)
    return scores


def _contrast(sample: Sequence[AnalyzedArticle], n_in: int, total: Counter[str], n_all: int,
              cache: Vectors | None = None) -> dict[str, float]:
    """Weight of each term for picking a label phrase: its mean weight in the event (over ``sample`` of
    its ``n_in`` articles), times the share of it the event has against the rest of the story to the
    power LABEL_CONTRAST ('Sotsji', only this event, counts fully; 'Rusland', every event, about a third),
    times the fraction of the event's articles that use it. The phrase then names what sets this event
    apart and what most of its reports say, not one report's detail nor the whole story's subject."""
    inside: Counter[str] = Counter()
    df: Counter[str] = Counter()
    for it in sample:
        terms = _plain(it, cache)
        inside.update(terms)
        df.update(terms.keys())
    n_out = n_all - n_in
    scores = {}
    for t, w in inside.items():
        if t.startswith("#"):
            continue
        mean_in = w / len(sample)
        mean_out = max(0.0, total[t] - mean_in * n_in) / n_out if total and n_out > 0 else 0.0
        share = mean_in / (mean_in + mean_out)
        scores[t] = mean_in * share ** LABEL_CONTRAST * df[t] / len(sample)
    return scores


def _keyword_label(members: Sequence[AnalyzedArticle], scores: dict[str, float]) -> str:
    """The names (then one word) that weigh most in ``scores``, in their most frequent surface form."""
    surface: dict[str, Counter[str]] = {}
    for it in members:
        for m in it.analysis.mentions:
            if not m.adjective:  # 'Russische' names Rusland but is no label
                surface.setdefault("@" + name_key(m.key or m.text), Counter())[m.text] += 1
    names: list[str] = []
    words: list[str] = []
    seen: set[str] = set()
    for t, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        is_name = t.startswith("@") and t in surface
        text = surface[t].most_common(1)[0][0] if is_name else t.lstrip("@")
        low = text.casefold()
        if low in seen or any(low in x or x in low for x in seen):
            continue
        if is_name and len(names) < LABEL_TERMS - 1:
            names.append(text)
        elif not is_name and not words and "@" + name_key(text) not in scores:
            words.append(text)
        else:
            continue
        seen.add(low)
        if len(names) + len(words) == LABEL_TERMS:
            break
    return ", ".join(names + words)


def event_label(members: Sequence[AnalyzedArticle], story_items: Sequence[AnalyzedArticle]) -> str:
    """A keyword label: the names (then one word) that weigh most in these articles relative to the
    whole story. Events and untitled stories get a phrase (``label_event``); this is its fallback."""
    total = _term_totals(story_items) if len(story_items) > len(members) else Counter()
    return _keyword_label(members, _distinctive(members, total, len(story_items)))


@dataclass
class EventLabel:
    """An event's label and where it comes from (see ``Event.label_kind``)."""

    text: str
    kind: str = "keywords"
    source: SourceRef | None = None


def label_event(members: Sequence[AnalyzedArticle], story_items: Sequence[AnalyzedArticle],
                total: Counter[str] | None = None, cache: Vectors | None = None) -> EventLabel:
    """What happened, in the articles' own words: the title or lead clause most central to the event
    (``labels.best_phrase``), else the keyword label. ``total`` is ``_term_totals(story_items)``
    and ``cache`` its vectors when the caller labels several events of one story (computed once)."""
    if not members:
        return EventLabel("")
    if len(story_items) > len(members):
        total = _term_totals(story_items, cache) if total is None else total
    else:
        total = Counter()
    weights = _contrast(members[:LABEL_MEMBERS], len(members), total, len(story_items), cache)
    phrase = best_phrase(members[:LABEL_MEMBERS], weights)
    if phrase is not None:
        return EventLabel(phrase.text, phrase.kind, SourceRef(phrase.article, phrase.sentence, phrase.start, phrase.end))
    scores = _distinctive(members[:LABEL_MEMBERS], total, len(story_items), cache)
    return EventLabel(_keyword_label(members[:LABEL_MEMBERS], scores))


def _chronological(event: Event) -> tuple[bool, tuple[int, ...], str]:
    """Events by time, undated last, then by id."""
    return event.time is None, event.time.sort_key() if event.time else (0,), event.id


def _time_order(items: Sequence[AnalyzedArticle]) -> list[AnalyzedArticle]:
    """Articles by publication date, undated last (a stable sort: ties keep the story's order)."""
    def key(it: AnalyzedArticle) -> tuple[bool, float]:
        day = day_number(it.article.published)
        return day is None, day or 0.0
    return sorted(items, key=key)


def split_events(story: Story, items: Sequence[AnalyzedArticle], threshold: float = EVENT_THRESHOLD,
                 cache: Vectors | None = None, whole: Sequence[AnalyzedArticle] | None = None) -> list[Event]:
    """Group a story's articles into events, each with a time (with precision) and a short label.

    Duplicates (``story.duplicates``) go to their original's event. Events are ordered by time
    (undated last); an event's id derives from its earliest article so it is stable. ``cache``
    keeps the articles' plain vectors for the caller's next label of the same articles (the title).
    ``whole``: when ``story`` is part of a larger story, the larger story's original reports, so
    that labels say what sets an event apart from all of it.
    """
    by_id = {it.id: it for it in items}
    copies_of = _copies_of(story)
    copies = {c for group in copies_of.values() for c in group}
    story_items = _time_order([by_id[a] for a in story.articles if a in by_id and a not in copies])
    if not story_items:
        return []
    order = [it.id for it in story_items]
    vecs = local_vectors(story_items, lead=EVENT_LEAD)
    groups = _average_linkage(vecs, threshold) if len(vecs) <= EXACT_LIMIT else _online(vecs, threshold)
    context = story_items if whole is None else _time_order(whole)
    cache = {} if cache is None else cache
    total = _term_totals(context, cache) if len(groups) > 1 or len(context) > len(story_items) else Counter()
    events = []
    for g in groups:
        members = [order[i] for i in sorted(g.members)]
        members += [c for orig in list(members) for c in copies_of.get(orig, ())]
        its = [by_id[a] for a in members if a in by_id]
        when, desc = event_time(its)
        label = label_event([story_items[i] for i in sorted(g.members)], context, total, cache)
        events.append(Event("e" + members[0][:15], label.text, when, members, time_description=desc,
                            label_source=label.source, label_kind=label.kind))
    events.sort(key=_chronological)
    return events


def update_events(story: Story, items: Sequence[AnalyzedArticle], previous: Story | None,
                  cache: Vectors | None = None) -> list[Event]:
    """A grown story's events, redoing only what its new articles can change: sets ``story.events_base``.

    No dated event spans more than ``MAX_GAP_DAYS``, so a previous event whose reports all lie more
    than that before the earliest new report cannot take any of them: it is kept as it was (with its
    label and time; copies of its reports that arrived since join it). The other previous events and
    the new reports are split again as a story of their own. A story as a whole is split from
    scratch (``split_events``) when it has none yet, when a new report is undated (it may belong
    anywhere), and whenever it has grown ``RESPLIT_GROWTH`` times since it last was: each report
    is then split from scratch about 1 / (1 - 1 / RESPLIT_GROWTH) = 3 times over a story's life,
    plus while new reports are within ``MAX_GAP_DAYS`` of it, and what the kept events miss (the
    story's changed term weights) is caught up.
    """
    by_id = {it.id: it for it in items}
    size = len(story.articles)
    if previous is None or not previous.events or size >= RESPLIT_GROWTH * previous.events_base:
        story.events_base = size
        return split_events(story, items, cache=cache)
    copies_of = _copies_of(story)
    copies = {c for group in copies_of.values() for c in group}
    known = {a for e in previous.events for a in e.articles}
    new = [a for a in story.articles if a not in known and a not in copies and a in by_id]
    new_days = [day_number(by_id[a].article.published) for a in new]
    if None in new_days:
        story.events_base = size
        return split_events(story, items, cache=cache)
    story.events_base = previous.events_base
    kept = list(previous.events)  # nothing new but copies: every event stays
    if new:
        start = min(d for d in new_days if d is not None)
        days = {a: day_number(it.article.published) for a, it in by_id.items()}

        def settled(event: Event) -> bool:
            times = [days.get(a) for a in event.articles if a not in copies]
            return bool(times) and all(t is not None and t < start - MAX_GAP_DAYS for t in times)

        kept = [e for e in kept if settled(e)]
    closed = {a for e in kept for a in e.articles}
    rest = [a for a in story.articles if a not in closed and a not in copies]
    originals = [by_id[a] for a in story.articles if a in by_id and a not in copies]
    events = split_events(replace(story, articles=rest, events=[]), [by_id[a] for a in rest if a in by_id],
                          cache=cache, whole=originals) if rest else []
    for e in kept:  # copies that arrived since join their original's event
        own = [a for a in e.articles if a not in copies]
        events.append(replace(e, articles=own + [c for a in own for c in copies_of.get(a, ())]))
    events.sort(key=_chronological)
    return events


def _copies_of(story: Story) -> dict[str, list[str]]:
    """Each original report's copies (``story.duplicates``: groups whose first id is the original)."""
    out: dict[str, list[str]] = {}
    for group in story.duplicates:
        out.setdefault(group[0], []).extend(group[1:])
    return out
