"""The story clusterer saved per story in SQLite: a run reads only the stories it scores against,
writes only the ones it changed, and continues exactly like one uninterrupted stream."""

from __future__ import annotations

import gc
import json
from functools import cache
from pathlib import Path

import pytest

from storyline.digest import CLUSTERER_CORE_KEY, CLUSTERER_KEY, assign_stories, open_clusterer
from storyline.model import AnalyzedArticle, Article, PartialDate
from storyline.store import Store
from storyline.stories.cluster import CANDIDATES, StoryClusterer, cluster, time_order
from storyline.stories.metrics import bcubed, labels_from_groups
from storyline.text import analyze

ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "docs.jsonl"


def ecb_items(topics: int) -> list[AnalyzedArticle]:
    """Real reports: the ECB+ documents of the first ``topics`` topics, dated one day per topic."""
    if not ECB.exists():
        pytest.skip("ECB+ data not present (../shared/data)")
    return list(_ecb_items(topics))


@cache
def _ecb_items(topics: int) -> tuple[AnalyzedArticle, ...]:
    out = []
    for line in ECB.open(encoding="utf-8"):
        r = json.loads(line)
        if int(r["topic"]) > topics:
            continue
        day = f"2020-01-{int(r['topic']):02d}"
        a = Article(text=r["text"], title=r["title"], language="en", external_id=r["doc_id"],
                    published=PartialDate.parse(day))
        out.append(AnalyzedArticle(a, analyze(a)))
    return tuple(out)


def groups(stories: list) -> dict[str, str]:  # type: ignore[type-arg]
    return labels_from_groups([s.articles for s in stories])


def test_runs_against_the_store_equal_one_batch(tmp_path: Path) -> None:
    items = time_order(ecb_items(8))
    batch = cluster(items)
    with Store(tmp_path / "s.db") as store:
        store.add_articles([it.article for it in items])
        for start in range(0, len(items), 25):  # digest runs; consolidation rounds fall inside some
            assign_stories(store, items[start:start + 25])
        final = open_clusterer(store)
        assert len(final) == len(batch)
        online = final.stories()
        assert bcubed(groups(online), groups(batch)).f1 == 1.0
        assert sorted(s.id for s in online) == sorted(s.id for s in batch)
        stored = {s.id for s in store.list_stories(limit=1000)}
        assert stored == {s.id for s in batch}
        assert set(store.get_cluster_stories(sorted(stored))) == stored
        # a story that absorbed another in a round is rebuilt, even when no article of that run joined it
        assert {s.id: sorted(s.articles) for s in store.list_stories(limit=1000)} == {
            s.id: sorted(s.articles) for s in batch}


def test_a_run_loads_only_candidate_stories_and_writes_only_changed_ones(tmp_path: Path) -> None:
    items = time_order(ecb_items(20))
    with Store(tmp_path / "s.db") as store:
        store.add_articles([it.article for it in items])
        assign_stories(store, items[:-1])
        total = len(open_clusterer(store))
        assert total > CANDIDATES + 5
        loaded: list[str] = []

        def loader(ids):  # type: ignore[no-untyped-def]
            loaded.extend(ids)
            return store.get_cluster_stories(ids)

        c = StoryClusterer.from_core(store.get_value(CLUSTERER_CORE_KEY), loader=loader)
        sid = c.add(items[-1])
        assert 0 < len(set(loaded)) <= CANDIDATES
        assert c.dirty == {sid} and c.removed == set()


def test_a_state_saved_whole_by_an_older_version_is_continued_and_converted(tmp_path: Path) -> None:
    items = time_order(ecb_items(4))
    half = len(items) // 2
    old = StoryClusterer()
    for it in items[:half]:
        old.add(it)
    with Store(tmp_path / "s.db") as store:
        store.add_articles([it.article for it in items])
        store.put_value(CLUSTERER_KEY, json.loads(json.dumps(old.state_dict())))
        assign_stories(store, items[half:])
        assert store.get_value(CLUSTERER_KEY) is None
        assert store.get_value(CLUSTERER_CORE_KEY) is not None
        online = open_clusterer(store).stories()
    batch = cluster(items)
    assert bcubed(groups(online), groups(batch)).f1 == 1.0


def test_merged_away_stories_lose_their_rows(tmp_path: Path) -> None:
    c = StoryClusterer()
    items = time_order(ecb_items(8))
    saved: dict[str, dict] = {}  # type: ignore[type-arg]
    merges = 0
    for it in items:
        c.add(it)
        merges += len(c.removed)
        for sid in c.dirty:
            saved[sid] = c.story_state(sid)
        for sid in c.removed:
            saved.pop(sid, None)
        c.mark_saved()
    assert merges > 0  # consolidation rounds merge stories on ECB+'s first eight topics
    assert set(saved) == {s.id for s in c.stories()}
    restored = StoryClusterer.from_core(json.loads(json.dumps(c.core_state())), loader=lambda ids: {
        sid: saved[sid] for sid in ids if sid in saved})
    assert [s.articles for s in restored.stories()] == [s.articles for s in c.stories()]
    assert gc.isenabled()  # the gc, paused while the index was rebuilt, runs again


def test_the_near_duplicate_index_survives_a_save_and_restore_through_the_clusterer() -> None:
    items = time_order(ecb_items(6))
    c = StoryClusterer()
    for it in items:
        c.add(it)
    restored = StoryClusterer.from_state(json.loads(json.dumps(c.state_dict())))
    copy = AnalyzedArticle(Article(text=items[5].article.text + " Een zin erbij.", external_id="copy"),
                           items[5].analysis)
    assert restored.add(copy) == c.story_of(items[5].id)
    (story,) = [s for s in restored.stories() if copy.id in s.articles]
    assert [items[5].id, copy.id] in story.duplicates


def test_one_article_joining_a_5000_article_story_through_the_store_stays_fast(tmp_path: Path) -> None:
    import random
    import time

    from test_stories import _synthetic

    from storyline.digest import ANALYSIS_VERSION

    rng = random.Random(1)
    items = [_synthetic(i, 0, rng) for i in range(5001)]
    with Store(tmp_path / "s.db") as store:
        store.add_articles([it.article for it in items])
        for it in items:
            it.analysis.article_id = it.id
        store.put_analyses([it.analysis for it in items], ANALYSIS_VERSION)
        assign_stories(store, items[:5000])
        t = time.process_time()  # CPU time: CI's shared cores make wall time noisy
        (story,) = assign_stories(store, items[5000:])
        took = time.process_time() - t
    assert len(story.articles) == 5001 and story.events
    # it took 48 s when every article was compared with every event of the story
    assert took < 15.0, took


def test_story_rows_are_read_past_sqlites_parameter_chunk(tmp_path: Path) -> None:
    """More ids than one query takes (500 per IN list), with duplicates and unknown ids mixed in."""
    with Store(tmp_path / "s.db") as store:
        states = {f"s{i:04d}": {"n": i} for i in range(1_200)}
        store.put_cluster_stories(states)
        asked = [*states, "s0007", "missing", *list(states)[:3]]
        assert store.get_cluster_stories(asked) == states
        store.delete_cluster_stories([f"s{i:04d}" for i in range(0, 1_200, 2)])
        left = store.get_cluster_stories(list(states))
        assert sorted(left) == [f"s{i:04d}" for i in range(1, 1_200, 2)]


def test_a_story_growing_through_the_store_keeps_its_settled_events(tmp_path: Path) -> None:
    """Weekly reports on one subject: the next report redoes only the events within reach of it."""
    import random
    from dataclasses import replace

    from test_stories import _synthetic

    from storyline.digest import ANALYSIS_VERSION

    rng = random.Random(3)
    items = []
    for i in range(41):
        it = _synthetic(i, 0, rng)
        day = PartialDate(2024, 1 + i // 10, 1 + 3 * (i % 10))  # ten reports a month, three days apart
        items.append(AnalyzedArticle(replace(it.article, published=day), it.analysis))
    with Store(tmp_path / "s.db") as store:
        store.add_articles([it.article for it in items])
        for it in items:
            it.analysis.article_id = it.id
        store.put_analyses([it.analysis for it in items], ANALYSIS_VERSION)
        (before,) = assign_stories(store, items[:40])
        (after,) = assign_stories(store, items[40:])
        stored = store.get_story(after.id)
    assert before.events_base == 40 and after.events_base == 40 and stored is not None and stored.events_base == 40
    settled = [e for e in before.events if e.time is not None and e.time.month < 4]
    assert settled and all(e in after.events for e in settled)  # kept as they were: label, time, articles
    assert sorted(a for e in after.events for a in e.articles) == sorted(after.articles)
    assert stored.events == after.events
