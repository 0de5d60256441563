"""Events and titles kept up to date as a stream arrives in batches, as ``digest.assign_stories`` does.

Every batch of a run (a digest, a web ingest) adds articles to stories; each story it touches gets
its events and title again. Two ways side by side on the same generated stream (benchmarks/stream.py):
splitting every touched story from scratch (``split_events``, the way before 2026-12-04) and
``update_events``, which keeps the events no new report can join and splits a story from scratch only
when it has grown by ``RESPLIT_GROWTH``. The stories are the same in both (one clusterer run); a
story's previous state goes through the store's JSON form, as between two runs.

    .venv/bin/python -m benchmarks.upkeep --n 20000 --batch 1000
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline.model import AnalyzedArticle, Event, Story
from storyline.stories.events import Vectors
from storyline.stories.metrics import BCubed


def analysed_stream(n: int) -> list[AnalyzedArticle]:
    """``n`` generated articles, read and analysed by worker processes (as the stream benchmark)."""
    from benchmarks.stream import CHUNK, generate, ingest_and_analyze, load_sources
    from storyline.text.parallel import AnalysisPool

    chunks: list[list[str]] = [[]]
    for row in generate(n, sources=load_sources()):
        if len(chunks[-1]) == CHUNK:
            chunks.append([])
        chunks[-1].append(json.dumps(row, ensure_ascii=False))
    with AnalysisPool(None) as pool:
        futures = [pool.submit(ingest_and_analyze, chunk) for chunk in chunks]
        return [it for f in futures for it in pool.result(f)[0]]


Refresh = Callable[[Story, Sequence[AnalyzedArticle], Story | None, Vectors], list[Event]]


def replay(items: Sequence[AnalyzedArticle], batch: int, refresh: Refresh,
           window: int) -> tuple[list[float], dict[str, Story]]:
    """Cluster ``items`` in batches; after each, ``refresh`` the events of every touched story and
    title it. Returns CPU ms/article of events + titles per ``window`` articles, and the last stories."""
    from storyline.store.state import story_from_dict, story_to_dict
    from storyline.stories.build import story_title
    from storyline.stories.cluster import StoryClusterer, time_order

    by_id = {it.id: it for it in items}
    clusterer = StoryClusterer()
    saved: dict[str, Story] = {}
    spent, windows, mark = 0.0, [], 0.0
    for start in range(0, len(items), batch):
        touched = {clusterer.add(it) for it in time_order(items[start:start + batch])}
        touched = {clusterer.resolve(sid) for sid in touched | clusterer.removed}
        for gone in clusterer.removed:
            saved.pop(gone, None)
        clusterer.mark_saved()
        t = time.process_time()
        for story in clusterer.stories(touched):
            members = [by_id[a] for a in story.articles]
            vectors: Vectors = {}
            story.events = refresh(story, members, saved.get(story.id), vectors)
            story.title = story_title(story, members, clusterer.is_rubric, vectors)
            saved[story.id] = story_from_dict(json.loads(json.dumps(story_to_dict(story))))
        spent += time.process_time() - t
        if (start + batch) % window == 0:
            windows.append(1000 * (spent - mark) / window)
            mark = spent
    return windows, saved


@dataclass
class Upkeep:
    """CPU ms/article per window both ways, and the updated events against a split from scratch."""

    window: int
    scratch: list[float]
    updated: list[float]
    agreement: BCubed


def measure(items: Sequence[AnalyzedArticle], batch: int) -> Upkeep:
    """Both ways on the same articles; the agreement is taken on the stories after the last batch."""
    from storyline.stories.events import split_events, update_events
    from storyline.stories.metrics import bcubed

    window = max(batch, len(items) // 4 // batch * batch)
    scratch, _ = replay(items, batch, lambda s, m, prev, v: split_events(s, m, cache=v), window)
    updated, stories = replay(items, batch, lambda s, m, prev, v: update_events(s, m, prev, cache=v), window)
    by_id = {it.id: it for it in items}
    ours = {a: e.id for s in stories.values() for e in s.events for a in e.articles}
    full = {a: e.id for s in stories.values()
            for e in split_events(s, [by_id[a] for a in s.articles]) for a in e.articles}
    return Upkeep(window, scratch, updated, bcubed(ours, full))


def run_upkeep(n: int, batch: int = 1000) -> str:
    """Both ways on ``n`` stream articles, as Markdown for docs/BENCHMARKS.md."""
    from benchmarks._report import table
    from storyline.stories.events import RESPLIT_GROWTH

    r = measure(analysed_stream(n), batch)
    agree = r.agreement
    rows = [[f"{r.window * (k + 1):,}", f"{a:.2f}", f"{b:.2f}"] for k, (a, b) in enumerate(zip(r.scratch, r.updated))]
    return (f"### Events and titles as the stream arrives ({n:,} articles in batches of {batch:,})\n\n"
            f"What a digest or a web ingest redoes after each batch: the events and title of every story the "
            f"batch touched (`python -m benchmarks.upkeep --n {n} --batch {batch}`; CPU time, one process). "
            f"Mean {sum(r.scratch) / len(r.scratch):.2f} CPU ms/article splitting every touched story from scratch, "
            f"{sum(r.updated) / len(r.updated):.2f} with `update_events` (settled events kept, a story split from "
            f"scratch again at {RESPLIT_GROWTH}x its size). Its events against a split from scratch of the final "
            f"stories: B3 P / R / F1 {agree.precision:.3f} / {agree.recall:.3f} / {agree.f1:.3f} "
            f"({agree.predicted_clusters}/{agree.gold_clusters} events).\n\n"
            + table(["articles so far", "from scratch: CPU ms/article (window)", "update_events: CPU ms/article (window)"],
                    rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    print(run_upkeep(args.n, args.batch))


if __name__ == "__main__":
    main()
