"""A stream of realistic, distinct Dutch articles built from the DPG 2019 articles (for scale runs).

How an article is made: pick a base DPG article (a shuffled pass over all 1,438 per "epoch");
keep its first sentence (the lead) and a random 30-50 % of the remaining sentences in order;
insert 4-6 sentences from two of its 5 nearest neighbours (TF-IDF cosine over the DPG set, i.e.
articles on the same topic) after the lead. The date is the base date shifted by
``EPOCH_DAYS`` per epoch plus -2..+2 days, so the stream spans years with recurring topics and
stays in time order per epoch. Ids are ``gen-<n>``; exact repeats are redrawn, so every text is
distinct. Texts share sentences with their base, like follow-ups do; the dedupe index flags few
of them (reported by the benchmark).

    .venv/bin/python -m benchmarks.stream --n 5 | head
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from benchmarks._report import DATA

DPG = DATA / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl"
LABELS = DATA / "dpgmedia2019" / "dpgMedia2019-labels-byarticle.jsonl"
EPOCH_DAYS = 91
NEIGHBOURS = 5


@dataclass
class Source:
    """One DPG article split into sentences, with its date, outlet and nearest neighbours."""

    id: str
    title: str
    sentences: list[str]
    published: date
    outlet: str | None
    neighbours: list[int]


def load_sources() -> list[Source]:
    """The DPG articles as sentence lists with their 5 nearest TF-IDF neighbours."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from storyline.text.sentences import split_sentences

    rows = [json.loads(line) for line in DPG.open(encoding="utf-8")]
    outlets = {}
    if LABELS.exists():
        outlets = {str(r["id"]): r.get("publisher") for r in map(json.loads, LABELS.open(encoding="utf-8"))}
    x = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5).fit_transform([r["text"] for r in rows])
    sim = (x @ x.T).toarray()
    out = []
    for i, r in enumerate(rows):
        sim[i, i] = -1.0
        near = sim[i].argsort()[::-1][:NEIGHBOURS].tolist()
        sents = [s.text for s in split_sentences(r["text"], "nl")]
        out.append(Source(str(r["id"]), r["title"], sents, date.fromisoformat(r["published_at"][:10]),
                          outlets.get(str(r["id"])), near))
    return out


def generate(n: int, seed: int = 0, sources: list[Source] | None = None) -> Iterator[dict]:
    """Yield ``n`` distinct article dicts (JSONL shape: id, title, text, published, outlet)."""
    rng = random.Random(seed)
    sources = sources or load_sources()
    seen: set[int] = set()
    made = 0
    epoch = 0
    while made < n:
        order = sorted(range(len(sources)), key=lambda i: (sources[i].published, rng.random()))
        for b in order:
            if made >= n:
                break
            base = sources[b]
            for _attempt in range(5):
                lead, rest = base.sentences[:1], base.sentences[1:]
                share = rng.uniform(0.3, 0.5)
                keep = [s for s in rest if rng.random() < share]
                extra: list[str] = []
                for nb in rng.sample(base.neighbours, k=2):
                    pool = sources[nb].sentences[1:] or sources[nb].sentences
                    extra += rng.sample(pool, k=min(len(pool), rng.randint(2, 3)))
                body = lead + extra + keep
                text = " ".join(body)
                key = hash(text)
                if key not in seen:
                    seen.add(key)
                    break
            else:
                continue
            when = base.published + timedelta(days=epoch * EPOCH_DAYS + rng.randint(-2, 2))
            yield {"id": f"gen-{made}", "title": base.title, "text": text, "published": when.isoformat(),
                   "outlet": base.outlet}
            made += 1
        epoch += 1


@dataclass
class StreamResult:
    """Figures of one stream run: throughput, time per article by window, memory."""

    n: int
    seconds: float
    analysis_seconds: float  # CPU seconds of ingest (JSONL reader) + text analysis, summed over the workers
    cluster_seconds: float  # CPU seconds in StoryClusterer.add (incl. dedupe) in the main thread
    windows: list[tuple[int, float, float, float]]  # (articles so far, ms/article end to end, CPU ms/article
    # clustering, similarities computed per article)
    stories: int
    duplicates: int
    peak_mb: float
    jobs: int = 1  # worker processes that ingest and analyse (the main process clusters meanwhile)
    wait_seconds: float = 0.0  # wall seconds the main process waited for analysed chunks
    main_cpu_seconds: float = 0.0  # CPU seconds of the main process (generation, unpickling, clustering)
    worker_peak_mb: float = 0.0  # peak resident memory of the largest worker process
    snapshot_peak_mb: float = 0.0  # the main process's peak with the snapshot for the replay (peak_mb: before it)
    paired: tuple[float, float] = (0.0, 0.0)  # CPU ms/article clustering the first and the last window again
    # (``replay_windows``: alternately, best of REPLAYS each), 0 when the stream has one window


CHUNK = 100  # articles per task sent to an analysis worker
REPLAYS = 3  # times the first and the last window are clustered again, alternately, for the growth ratio


def replay_windows(first: list, late_state: Path, last: list, repeats: int = REPLAYS) -> tuple[float, float]:  # type: ignore[type-arg]
    """CPU ms per article clustering the first window into an empty clusterer and the last window into
    the clusterer as it was before it (``late_state``: a file with its pickled ``state_dict``),
    alternately, best of ``repeats`` each. The window figures of one pass follow the machine's load over
    its minutes (another VM on the same cores); pairs taken side by side compare like with like."""
    import time

    from storyline.stories.cluster import StoryClusterer

    def restored() -> StoryClusterer:
        with late_state.open("rb") as f:
            return StoryClusterer.from_state(pickle.load(f))

    def timed(clusterer: StoryClusterer, items: list) -> float:  # type: ignore[type-arg]
        t = time.thread_time()
        for it in items:
            clusterer.add(it)
        return 1000 * (time.thread_time() - t) / len(items)

    early: list[float] = []
    late: list[float] = []
    for _ in range(repeats):
        early.append(timed(StoryClusterer(), first))
        late.append(timed(restored(), last))
    return min(early), min(late)


def ingest_and_analyze(lines: list[str]) -> tuple[list, float]:  # type: ignore[type-arg]
    """Worker side: read JSONL lines as articles (the product's reader) and analyse them; with the CPU time."""
    import time

    from storyline.ingest import read_bytes
    from storyline.model import AnalyzedArticle, Article
    from storyline.text import analyze

    t = time.process_time()
    arts = [a for a in read_bytes("\n".join(lines).encode(), "stream.jsonl", "stream.jsonl") if isinstance(a, Article)]
    items = [AnalyzedArticle(a, analyze(a)) for a in arts]
    return items, time.process_time() - t


def run(n: int, window: int = 10_000, jobs: int | None = None) -> StreamResult:
    """Feed ``n`` generated articles through ingest (JSONL reader) + analysis + online clustering.

    Pipelined: ``jobs`` worker processes (default one per CPU) ingest and analyse the next chunks of
    ``CHUNK`` articles while the main process clusters the chunk before, in stream order.
    """
    import resource
    import time
    from collections import deque
    from concurrent.futures import Future

    from storyline.stories.cluster import StoryClusterer
    from storyline.text.parallel import AnalysisPool, share_strings

    sources = load_sources()
    clusterer = StoryClusterer()
    t_an = t_cl = t_wait = 0.0
    windows = []
    done = 0
    pool = AnalysisPool(jobs)
    ahead = 2 * pool.jobs  # chunks in flight: the workers never starve, memory stays bounded
    pending: deque[Future[bytes]] = deque()
    cpu0 = time.process_time()
    w_start, w_cl, w_cmp = time.perf_counter(), 0.0, 0
    start = time.perf_counter()
    first: list = []  # type: ignore[type-arg]  # the first and the last window, to be replayed side by side
    last: list = []  # type: ignore[type-arg]
    scratch = tempfile.TemporaryDirectory(prefix="storyline-stream-")
    late_state = Path(scratch.name, "late-state.pickle")
    peak_before = 0.0  # MB, the main process's peak before pickling that state (which raises it)

    def snapshot() -> None:
        """Pickle the clusterer for the replay; its time is taken off the run's clocks (the benchmark's
        own work, not the stream's)."""
        nonlocal peak_before, start, cpu0, w_start
        peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        wall, cpu = time.perf_counter(), time.process_time()
        with late_state.open("wb") as f:
            pickle.dump(clusterer.state_dict(), f, protocol=pickle.HIGHEST_PROTOCOL)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        start += wall
        w_start += wall
        cpu0 += cpu

    def cluster_next() -> None:
        nonlocal t_an, t_cl, t_wait, done, w_start, w_cl, w_cmp
        t = time.perf_counter()
        items, cpu = pool.result(pending.popleft())
        t_wait += time.perf_counter() - t
        t_an += cpu
        for it in items:
            share_strings(it.analysis)
            if done < window:
                first.append(it)
            elif done >= n - window:
                if not last:
                    snapshot()
                last.append(it)
            t = time.thread_time()  # CPU time: 3 processes share 2 cores, so wall time here counts
            clusterer.add(it)       # the workers' turns too and swings from window to window
            dt = time.thread_time() - t
            t_cl += dt
            w_cl += dt
            done += 1
            if done % window == 0:
                now = time.perf_counter()
                windows.append((done, 1000 * (now - w_start) / window, 1000 * w_cl / window,
                                (clusterer.comparisons - w_cmp) / window))
                w_start, w_cl, w_cmp = now, 0.0, clusterer.comparisons

    with pool:
        chunk: list[str] = []
        for row in generate(n, sources=sources):
            chunk.append(json.dumps(row, ensure_ascii=False))
            if len(chunk) == CHUNK:
                pending.append(pool.submit(ingest_and_analyze, chunk))
                chunk = []
                while len(pending) > ahead:
                    cluster_next()
        if chunk:
            pending.append(pool.submit(ingest_and_analyze, chunk))
        while pending:
            cluster_next()
    seconds = time.perf_counter() - start
    main_cpu = time.process_time() - cpu0
    stories = clusterer.stories()
    dups = sum(len(g) - 1 for s in stories for g in s.duplicates)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest reaped worker
    with scratch:
        paired = replay_windows(first, late_state, last) if last and first else (0.0, 0.0)
    return StreamResult(n, seconds, t_an, t_cl, windows, len(stories), dups, peak_before or own, pool.jobs,
                        t_wait, main_cpu, worker, own, paired)


def run_stream(n: int) -> str:
    """Run the stream and describe it as Markdown for docs/BENCHMARKS.md."""
    from benchmarks._report import table

    r = run(n, window=max(1000, min(10_000, n // 5)))
    rows = [[f"{k:,}", ms, cl, cmp] for k, ms, cl, cmp in r.windows]

    def last_over(column: int, first: int = 0) -> float:
        """A window column's last value over its value in window ``first`` (nan when there is none)."""
        base = r.windows[first][column] if len(r.windows) > first + 1 else 0.0
        return r.windows[-1][column] / base if base else float("nan")

    return (f"### Stream: {r.n:,} generated Dutch articles (benchmarks/stream.py), ingest + analysis + clustering\n\n"
            f"End to end {r.n / r.seconds:.0f} articles/s ({r.seconds:.0f} s wall). Ingest + analysis run in "
            f"{r.jobs} worker processes, pipelined with clustering in the main process: analysis "
            f"{r.analysis_seconds:.0f} CPU s summed over the workers ({1000 * r.analysis_seconds / r.n:.2f} ms/article "
            f"= {r.n / r.analysis_seconds:.0f} articles/s per core); clustering incl. dedupe {r.cluster_seconds:.0f} CPU s "
            f"= {r.n / r.cluster_seconds:.0f} articles/s; main process {r.main_cpu_seconds:.0f} CPU s "
            f"(generation, unpickling analyses, clustering), {r.wait_seconds:.0f} s of it waiting for analyses "
            f"(wall). Peak memory {r.peak_mb:.0f} MB in the main process"
            + (f" until the last window ({r.snapshot_peak_mb:.0f} MB with the state the benchmark pickles "
               "there for the replay below)" if r.snapshot_peak_mb > r.peak_mb else "")
            + f", {r.worker_peak_mb:.0f} MB in the largest "
            f"worker: at most {r.peak_mb + r.jobs * r.worker_peak_mb:.0f} MB for all {r.jobs + 1} processes (an upper "
            f"bound: forked workers share the parent's pages); {r.stories:,} stories; {r.duplicates} flagged "
            f"as near-duplicates. Clustering CPU time per article, last window / first window: {last_over(2):.2f}x"
            + (f" (last / second window: {last_over(2, 1):.2f}x)" if len(r.windows) > 2 else "")
            + f". Similarities computed per article (article-story and story-story, the clustering's work, "
            f"independent of the machine's load), last window / first window: {last_over(3):.2f}x."
            + (f" The first and the last window clustered again after the run, alternately (best of {REPLAYS} "
               f"each, the same minutes of the machine): {r.paired[0]:.3f} and {r.paired[1]:.3f} CPU ms/article, "
               f"**growth {r.paired[1] / r.paired[0]:.2f}x** (the window column below follows the machine's load "
               "over the run)." if r.paired[0] else "") + "\n\n"
            + table(["articles so far", "ms/article end to end (window)", "CPU ms/article clustering (window)",
                     "similarities computed per article (window)"], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for row in generate(args.n, args.seed):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
