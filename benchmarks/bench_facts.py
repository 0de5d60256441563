"""Facts side by side and the timeline: seed checks against gold.json, alignment on ECB+ and MEANTIME,
and speed. Run: ``.venv/bin/python -m benchmarks.bench_facts [--topics N]``; writes its section of
docs/BENCHMARKS.md.

Seeds: the gold facts (values matched on their quoted surface text) and timeline of ../shared/seeds.
ECB+: each topic pools the articles of two real-world events of the same kind (hard negatives);
a pair of claims aligned across two articles is right when both articles report the same event
(same subtopic). MEANTIME (nl, en): a topic pools ~30 Wikinews articles; two articles describe the same
event when they share a cross-document event coreference chain.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks._report import DATA, SEEDS, load_baseline, peak_rss_mb, table, write_section
from storyline.facts import analyse_story
from storyline.model import AnalyzedArticle, Article, Fact, PartialDate, TimelineEntry
from storyline.text import analyze
from storyline.timeline import build_timeline

# ----------------------------------------------------------------------------- seeds against gold


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[\"'‘’“”()]", " ", text)
    return " ".join(text.split())


def _matches(system: str, gold: str) -> bool:
    a, b = _norm(system), _norm(gold)
    return bool(a) and bool(b) and (a in b or b in a)


@dataclass
class SeedReport:
    """How the facts and timeline of the seeds compare with gold.json."""

    required_conflicts_found: int = 0
    required_conflicts: int = 0
    agree_reported_as_conflict: list[str] = field(default_factory=list)
    aligned: list[str] = field(default_factory=list)
    not_aligned: list[str] = field(default_factory=list)
    conflicts_flagged: int = 0
    conflicts_real: int = 0
    timeline_matched: list[int] = field(default_factory=list)  # index of the system entry per gold entry (-1)
    timeline_in_order: bool = False
    timeline_honest: bool = False
    timeline_doc_recall: float = 0.0

    @property
    def conflict_precision(self) -> float:
        return self.conflicts_real / self.conflicts_flagged if self.conflicts_flagged else 1.0


def _contains(fact: Fact, doc: str, gold_text: str) -> bool:
    return any(v.article == doc and _matches(v.text, gold_text) for v in fact.values)


def seed_report(facts: list[Fact], timeline: list[TimelineEntry], gold: dict[str, Any]) -> SeedReport:
    """Compare system facts and timeline with the gold facts and timeline of the seeds."""
    rep = SeedReport()
    for g in gold["facts"]:
        values: dict[str, str] = g["values"]
        hits = [f for f in facts if sum(_contains(f, d, t) for d, t in values.items()) >= 2]
        full = [f for f in facts if all(_contains(f, d, t) for d, t in values.items())]
        (rep.aligned if full else rep.not_aligned).append(g["id"])
        if g["verdict"] == "agree" and any(f.verdict == "conflict" for f in hits):
            rep.agree_reported_as_conflict.append(g["id"])
        if g.get("required") and g["verdict"] == "conflict":
            rep.required_conflicts += 1
            if any(f.verdict == "conflict" for f in hits):
                rep.required_conflicts_found += 1
    for f in facts:
        if f.verdict != "conflict":
            continue
        rep.conflicts_flagged += 1
        if any(g["verdict"] == "conflict" and sum(_contains(f, d, t) for d, t in g["values"].items()) >= 2
               for g in gold["facts"]):
            rep.conflicts_real += 1
    rep.timeline_matched = [_match_entry(g, timeline) for g in gold["timeline"]]
    found = [i for i in rep.timeline_matched if i >= 0]
    rep.timeline_in_order = len(found) == len(rep.timeline_matched) and found == sorted(found) \
        and len(set(found)) == len(found)
    rep.timeline_honest = all(timeline[i].time is not None and _honest(timeline[i], g)
                              for i, g in zip(rep.timeline_matched, gold["timeline"]) if i >= 0)
    cited = sum(len(set(g["documents"]) & set(timeline[i].articles))
                for i, g in zip(rep.timeline_matched, gold["timeline"]) if i >= 0)
    rep.timeline_doc_recall = cited / sum(len(g["documents"]) for g in gold["timeline"])
    return rep


_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}


def _gold_when(when: str) -> tuple[str, int | None, str | None]:
    iso = when.split(" ")[0]
    low = when.lower()
    weekday = next((d for name, d in _WEEKDAYS.items() if name in low), None)
    part = "late" if "end of" in low or "late" in low else "early" if "begin" in low or "early" in low else None
    return iso, weekday, part


def _match_entry(g: dict[str, Any], timeline: list[TimelineEntry]) -> int:
    """Index of the timeline entry at the gold time citing most of the gold documents; -1 if none."""
    iso, weekday, part = _gold_when(g["when"])
    best, best_overlap = -1, 0
    for i, e in enumerate(timeline):
        if e.time is None or e.time.iso() != iso or e.weekday != weekday or (part and e.part != part):
            continue
        overlap = len(set(e.articles) & set(g["documents"]))
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


def _honest(entry: TimelineEntry, g: dict[str, Any]) -> bool:
    """No finer precision than the gold knows (a weekday is not turned into a day of the month)."""
    iso, _, _ = _gold_when(g["when"])
    return entry.time is not None and len(entry.time.iso()) <= len(iso)


def load_seeds(folder: Path = SEEDS) -> list[AnalyzedArticle]:
    """The seed reports read like the CLI reads them (' date YYYY-MM' header), analysed."""
    from storyline.ingest import read_inputs
    from storyline.settings import Settings

    arts = [a for a in read_inputs([str(folder)], Settings.from_env()) if isinstance(a, Article)]
    arts.sort(key=lambda a: a.label)
    return [AnalyzedArticle(a, analyze(a)) for a in arts]


# ----------------------------------------------------------------------------- cross-document corpora


@dataclass
class AlignmentScore:
    """Aligned claim pairs across articles, judged by whether the two articles report the same event."""

    pairs: int = 0
    same_event: int = 0
    conflicts: int = 0  # facts with verdict conflict
    conflicts_other_event: int = 0  # of those, facts with values from articles of different events
    candidates_same_value: int = 0
    candidates_aligned: int = 0
    stories: int = 0
    articles: int = 0

    @property
    def precision(self) -> float:
        return self.same_event / self.pairs if self.pairs else 0.0

    @property
    def recall_proxy(self) -> float:
        return self.candidates_aligned / self.candidates_same_value if self.candidates_same_value else 0.0


def score_alignment(items: list[AnalyzedArticle], same_event: Any, out: AlignmentScore) -> None:
    """Add one pooled story's aligned pairs to ``out``; ``same_event(id_a, id_b)`` is the gold."""
    story = analyse_story(items)
    out.stories += 1
    out.articles += len(items)
    fact_of: dict[int, int] = {}
    for gi, group in enumerate(story.groups):
        for c in group:
            fact_of[c.id] = gi
        verdict = story.facts[gi].verdict
        crosses = False
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                a, b = group[x], group[y]
                if a.article_id == b.article_id:
                    continue
                out.pairs += 1
                same = same_event(a.article_id, b.article_id)
                out.same_event += same
                crosses = crosses or not same
        if verdict == "conflict":
            out.conflicts += 1
            out.conflicts_other_event += crosses
    # recall proxy: same figure, same counted noun, two articles of the same event
    by_key: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for c in story.claims:
        if c.kind in ("money", "count", "percent") and isinstance(c.value, int | float) and c.part_of is None:
            head = sorted(x for x in c.head if not x.isupper())
            if head:
                by_key[(c.kind, f"{c.value:.6g}", head[0])].append(c)
    for claims in by_key.values():
        for x in range(len(claims)):
            for y in range(x + 1, len(claims)):
                a, b = claims[x], claims[y]
                if a.article_id != b.article_id and same_event(a.article_id, b.article_id):
                    out.candidates_same_value += 1
                    out.candidates_aligned += fact_of.get(a.id) == fact_of.get(b.id)


def ecbplus(max_topics: int | None) -> AlignmentScore | None:
    """ECB+: pool each topic's two events; right when both articles belong to the same subtopic."""
    path = DATA / "ecbplus" / "docs.jsonl"
    if not path.exists():
        return None
    topics: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        topics[d["topic"]].append(d)
    out = AlignmentScore()
    for topic in sorted(topics)[:max_topics]:
        docs = topics[topic]
        items, sub = [], {}
        for d in docs:
            art = Article(text=d["text"], title=d.get("title"), external_id=d["doc_id"], language="en")
            items.append(AnalyzedArticle(art, analyze(art)))
            sub[art.id] = d["subtopic"]
        score_alignment(items, lambda a, b, sub=sub: sub[a] == sub[b], out)
    return out


def meantime(language: str) -> AlignmentScore | None:
    """MEANTIME: pool each topic; two articles report the same event when they share a cross-document
    event coreference chain."""
    folder = DATA / "meantime" / language
    if not (folder / "docs.jsonl").exists():
        return None
    docs = [json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
    chains: dict[str, set[str]] = defaultdict(set)
    for m in json.loads((folder / "event_mentions.json").read_text(encoding="utf-8")):
        chains[m["coref_chain"]].add(m["conll_doc_key"])
    linked: set[frozenset[str]] = set()
    for members in chains.values():
        ms = sorted(members)
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                linked.add(frozenset((ms[x], ms[y])))
    by_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        by_topic[d["topic"]].append(d)
    out = AlignmentScore()
    for topic_docs in by_topic.values():
        items, key = [], {}
        for d in topic_docs:
            text = "\n\n".join(s for s in d["sentences"])
            art = Article(text=text, title=d.get("title"), external_id=d["doc_id"], language=language,
                          published=_meantime_date(d.get("date")))
            items.append(AnalyzedArticle(art, analyze(art)))
            key[art.id] = d["doc_id"]
        score_alignment(items, lambda a, b, key=key: frozenset((key[a], key[b])) in linked, out)
    return out


def _meantime_date(text: str | None) -> PartialDate | None:
    """MEANTIME dates look like '01-Mar-08' (nl) or 'March 01, 2008' (en)."""
    import datetime as dt

    for fmt in ("%d-%b-%y", "%B %d, %Y"):
        try:
            d = dt.datetime.strptime(text or "", fmt)
        except ValueError:
            continue
        return PartialDate(d.year, d.month, d.day)
    return None


# ----------------------------------------------------------------------------- speed


def _copies(items: list[AnalyzedArticle], n: int) -> list[AnalyzedArticle]:
    """``n`` articles cycling through ``items`` as distinct outlets (worst case: everything aligns)."""
    out = []
    for i in range(n):
        src = items[i % len(items)]
        art = Article(text=src.article.text, title=src.article.title, published=src.article.published,
                      outlet=f"outlet-{i}", external_id=f"{i:03d}_{src.article.label}")
        out.append(AnalyzedArticle(art, src.analysis))
    return out


@dataclass
class Timing:
    """Best wall-clock and CPU seconds of facts + timeline over some runs (CPU is what the code costs;
    wall also counts waiting for the cores this shared machine gives to other processes)."""

    wall: float
    cpu: float


def timed(items: list[AnalyzedArticle], repeat: int = 3) -> Timing:
    """Best of ``repeat`` runs of facts + timeline (analysis excluded)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        story = analyse_story(items)
        build_timeline(items, story)
        wall = min(wall, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    return Timing(wall, cpu)


def dpg_story(n: int) -> list[AnalyzedArticle]:
    """``n`` real Dutch articles (DPG Media 2019) pooled as one story: many figures, few alignments."""
    path = DATA / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl"
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            published = None
            if d.get("published_at"):
                try:
                    published = PartialDate.parse(str(d["published_at"])[:10])
                except ValueError:
                    published = None
            art = Article(text=d["text"], title=d.get("title"), published=published, external_id=str(d["id"]),
                          language="nl")
            out.append(AnalyzedArticle(art, analyze(art)))
            if len(out) >= n:
                break
    return out


# ----------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=12, help="ECB+ topics to pool (all: 43; default 12)")
    args = parser.parse_args()
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    items = load_seeds()
    story = analyse_story(items)
    timeline = build_timeline(items, story)
    rep = seed_report(story.facts, timeline, gold)
    rows = [["required conflict (arrests) found", f"{rep.required_conflicts_found}/{rep.required_conflicts}"],
            ["gold `agree` facts reported as conflict", len(rep.agree_reported_as_conflict)],
            ["gold facts aligned with all their values", f"{len(rep.aligned)}/{len(gold['facts'])}"],
            ["not aligned", ", ".join(rep.not_aligned) or "—"],
            ["conflict precision", f"{rep.conflict_precision:.2f} ({rep.conflicts_real}/{rep.conflicts_flagged})"],
            ["timeline entries found", f"{sum(i >= 0 for i in rep.timeline_matched)}/{len(gold['timeline'])}"],
            ["timeline in gold order / honest precision", f"{rep.timeline_in_order} / {rep.timeline_honest}"],
            ["timeline: gold documents cited", f"{rep.timeline_doc_recall:.2f}"]]
    print(table(["seed check", "result"], rows))

    corpora = []
    t0 = time.perf_counter()
    ecb = ecbplus(args.topics)
    if ecb:
        corpora.append((f"ECB+ ({args.topics} topics, en)", ecb))
    for lang in ("nl", "en"):
        mt = meantime(lang)
        if mt:
            corpora.append((f"MEANTIME {lang}", mt))
    corpus_secs = time.perf_counter() - t0
    crow = [[name, s.stories, s.articles, s.pairs, f"{s.precision:.3f}", s.conflicts, s.conflicts_other_event,
             f"{s.recall_proxy:.3f} ({s.candidates_aligned}/{s.candidates_same_value})"] for name, s in corpora]
    print(table(["corpus", "pooled stories", "articles", "aligned pairs", "same-event precision", "conflict facts",
                 "conflict facts across events", "recall proxy"], crow))

    ten = _copies(items, 10)
    three_hundred_copies = _copies(items, 300)
    def row(name: str, t: Timing, target: float) -> list[object]:
        return [name, f"{t.cpu:.3f}", f"{t.wall:.3f}", f"< {target:g}"]

    speed = [row("10 articles (seeds ×2)", timed(ten, 5), 0.3),
             row("300 articles (seeds ×60, everything aligns)", timed(three_hundred_copies, 2), 5)]
    if (DATA / "dpgmedia2019").exists():
        dpg = dpg_story(300)
        for it in dpg:  # stored analyses may predate time extraction: find times now, outside the timing
            if not it.analysis.times:
                from storyline.text.times import find_times

                it.analysis.times = find_times(it.article.text, it.analysis.sentences, it.article.published,
                                               it.analysis.language or "nl")
        speed.append(row("300 articles (DPG 2019, unrelated)", timed(dpg, 2), 5))
    speed_headers = ["facts + timeline (analysis excluded)", "CPU s", "wall s", "target"]
    print(table(speed_headers, speed))

    baseline = load_baseline().get("facts", {})
    alignment_note = (
        "Claim alignment on corpora with cross-document event annotation. Each topic is pooled as one story; an "
        "aligned pair is two claims from two articles put in one fact. *Same-event precision*: share of those "
        "pairs whose articles report the same event (ECB+: same subtopic — each topic holds two events of the "
        "same kind; MEANTIME: the two articles share a cross-document event coreference chain). *Recall proxy*: "
        "of the pairs of claims with the same value and the same counted noun in two articles of the same event, "
        "the share aligned. Limits: the gold is about events, not figures — two articles of the same event may "
        "give one figure about different things (precision is then overstated), and articles of different events "
        "may rightly share a figure about the same thing (e.g. a contract sum reported at two stages; precision is "
        "then understated); MEANTIME links only a few articles (20 cross-document chains in nl), so most "
        "cross-article pairs there count as 'other event'; a pooled topic spans years, so most of its conflicts "
        f"are between different moments. ECB+ has no publication dates, so the rule that keeps reports written "
        "more than a week apart out of one fact cannot act there: two pirate captures of the same kind then meet "
        f"in one pool. Corpus analysis + alignment took {corpus_secs:.0f} s.")
    floors = (f"Peak memory {peak_rss_mb():.0f} MB. CI floors (`benchmarks/baseline.json` key `facts`): "
              f"{json.dumps(baseline) if baseline else 'none yet'}.")
    body = "\n\n".join([
        "Seeds against `../shared/seeds/gold.json` (values matched on their quoted surface text):",
        table(["seed check", "result"], rows),
        alignment_note,
        table(["corpus", "pooled stories", "articles", "aligned pairs", "same-event precision", "conflict facts",
               "conflict facts across events", "recall proxy"], crow),
        ("Speed of facts + timeline for one story (analysis excluded; best of 5 runs for 10 articles, of 2 for 300). "
         "The machine is shared with other jobs, so wall time includes waiting for a core; CPU time is the cost:"),
        table(speed_headers, speed),
        floors,
    ])
    write_section("facts", "Facts side by side and the timeline", "python -m benchmarks.bench_facts", body)


if __name__ == "__main__":
    main()
