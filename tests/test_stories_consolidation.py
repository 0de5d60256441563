"""Story consolidation: stories an online pass split are merged in rounds every ``consolidate_every``
articles, the same way however the stream is cut into runs, and never across a long silence."""

from __future__ import annotations

import json

from test_stories_persistence import ecb_items

from storyline.stories.cluster import ClusterConfig, StoryClusterer, _StoryState, cluster, time_order
from storyline.stories.metrics import bcubed

OFF = ClusterConfig(consolidate_every=10**9, first_round=10**9)


def _labels(stories) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {aid: s.id for s in stories for aid in s.articles}


def test_rounds_merge_stories_the_online_pass_split_without_mixing_events() -> None:
    items = ecb_items(20)
    gold = {it.id: it.article.external_id.split("_")[0] for it in items}  # ECB+ topic of each document
    without, with_rounds = cluster(items, OFF), cluster(items)
    before, after = bcubed(_labels(without), gold), bcubed(_labels(with_rounds), gold)
    assert len(with_rounds) < len(without)
    assert after.recall > before.recall + 0.02, (before, after)
    assert after.precision >= before.precision - 0.02, (before, after)


def test_rounds_fall_on_the_same_articles_however_the_stream_is_split() -> None:
    items = time_order(ecb_items(20))
    rows: dict[str, str] = {}
    c = StoryClusterer()
    merged = 0
    cuts = iter([7, 93, 150, 1, 64, 200, 33])
    start = 0
    while start < len(items):
        size = next(cuts, 1000)
        for it in items[start:start + size]:
            c.add(it)
        start += size
        merged += len(c.removed)
        rows.update({sid: json.dumps(c.story_state(sid)) for sid in c.dirty})
        for sid in c.removed:
            rows.pop(sid, None)
        core = json.loads(json.dumps(c.core_state()))
        c = StoryClusterer.from_core(core, lambda ids: {s: json.loads(rows[s]) for s in ids if s in rows})
    assert merged > 0  # the rounds did merge stories across the cuts
    assert [(s.id, s.articles) for s in c.stories()] == [(s.id, s.articles) for s in cluster(items)]


def test_a_state_saved_with_settings_that_no_longer_exist_still_opens() -> None:
    c = StoryClusterer()
    for it in time_order(ecb_items(2)):
        c.add(it)
    core = json.loads(json.dumps(c.core_state()))
    core["config"]["merge_threshold"] = 0.16  # a setting of an older version
    del core["config"]["story_threshold"]  # a setting that version did not have
    saved = {sid: c.story_state(sid) for sid in {s.id for s in c.stories()}}
    restored = StoryClusterer.from_core(core, lambda ids: {s: saved[s] for s in ids if s in saved})
    assert restored.config.story_threshold == ClusterConfig().story_threshold
    assert [s.articles for s in restored.stories()] == [s.articles for s in c.stories()]


def test_stories_far_apart_in_time_need_a_stronger_match_to_merge() -> None:
    c = StoryClusterer()
    base = c.config.story_threshold

    def story(first: float | None, last: float | None) -> _StoryState:
        return _StoryState("s", "", [], first_time=first, last_time=last)

    assert c._story_required(story(None, None), story(100, 120)) == base
    assert c._story_required(story(100, 110), story(112, 130)) == base  # within the grace days
    month = c._story_required(story(100, 110), story(140, 150))
    year = c._story_required(story(100, 110), story(475, 480))
    assert base + 0.1 < month < year <= base + c.config.max_fade


def test_merged_away_ids_resolve_in_one_step_and_leave_the_posting_lists_they_are_met_in() -> None:
    c = StoryClusterer()
    for it in time_order(ecb_items(8)):
        c.add(it)
    alias = c._alias
    assert alias  # rounds merged stories
    stale = [t for t, p in c._postings.items() if not alias.keys().isdisjoint(p)]
    assert stale  # the index still names merged-away stories until a lookup meets them
    before = [s.articles for s in c.stories()]
    c._candidates([(t, 1.0) for t in stale], limit=10**6)
    assert all(alias.keys().isdisjoint(c._postings[t]) for t in stale)
    for gone in list(alias):
        root = c.resolve(gone)
        assert root not in alias and alias[gone] == root  # the chain now points straight at the survivor
    assert [s.articles for s in c.stories()] == before


def test_rounds_come_early_in_a_streams_life_then_every_hundred_articles() -> None:
    rounds: list[int] = []

    class Recording(StoryClusterer):
        def consolidate(self) -> None:
            rounds.append(len(self._article_story))
            super().consolidate()

    items = time_order(ecb_items(20))
    first = Recording()
    for it in items[:250]:
        first.add(it)
    saved = {sid: json.loads(json.dumps(first.story_state(sid))) for sid in first.dirty}
    core = json.loads(json.dumps(first.core_state()))
    second = Recording.from_core(core, loader=lambda ids: {s: saved[s] for s in ids if s in saved})
    for it in items[250:400]:
        second.add(it)
    # a small input gets its rounds too; the schedule continues across a save and restore
    assert rounds == [10, 20, 40, 80, 160, 260, 360]


def test_a_clear_preference_merges_below_the_story_threshold_and_an_ambiguous_one_does_not() -> None:
    c = StoryClusterer()
    cfg = c.config
    sim = (cfg.clear_threshold + cfg.story_threshold) / 2  # under the story threshold, over the clear one

    def story(sid: str, centroid: dict[str, float], first: float | None = None) -> _StoryState:
        c._order[sid] = len(c._order)
        return _StoryState(sid, "", [sid], centroid, count=1, first_time=first, last_time=first)

    x = story("sx", {"a": 1.0})
    y = story("sy", {"a": sim, "b": (1 - sim * sim) ** 0.5})
    assert abs(c._story_similarity(x, y) - sim) < 1e-9

    def pushed(second: float, a: _StoryState = x, b: _StoryState = y) -> bool:
        heap: list = []  # type: ignore[type-arg]
        c._push_pair(heap, a, b, {}, second)
        return bool(heap)

    assert pushed(sim / (cfg.clear_ratio * 1.2))  # the next-best candidate is far behind: merge
    assert not pushed(sim / (cfg.clear_ratio * 0.9))  # the next best is nearly as close: ambiguous
    assert not pushed(float("inf"))  # not the story's best candidate: the story threshold holds
    far = story("sz", y.centroid, first=1000.0)
    near = story("sw", x.centroid, first=998.0)
    month = story("sv", x.centroid, first=960.0)
    assert pushed(0.0, near, far)  # within the grace days
    assert not pushed(0.0, month, far)  # a month of silence raises the clear threshold by the fade


def test_an_article_is_compared_with_the_capped_candidates_only_however_many_stories_exist() -> None:
    cfg = ClusterConfig(consolidate_every=10**9, first_round=10**9, candidates=5)
    c = StoryClusterer(cfg)
    most = 0
    for it in time_order(ecb_items(20)):
        before = c.comparisons
        c.add(it)
        most = max(most, c.comparisons - before)
    assert len(c) > 4 * cfg.candidates  # far more stories than candidates
    assert 0 < most <= 2 * cfg.candidates - 1  # the candidates, plus a bridging-merge test per extra match
