"""Seed checks of issue 6 as CI gates: the five seed reports against ../shared/seeds/gold.json.

Floors live in benchmarks/baseline.json under "facts". Skips with a message where the seeds are absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks._report import SEEDS, load_baseline
from benchmarks.bench_facts import load_seeds, seed_report
from storyline.facts import analyse_story
from storyline.timeline import build_timeline

GOLD = SEEDS / "gold.json"
pytestmark = pytest.mark.skipif(not GOLD.exists(), reason=f"seed gold annotation not found at {GOLD} "
                                                          "(set STORYLINE_SEEDS to the seeds folder)")


@pytest.fixture(scope="module")
def seeds():  # type: ignore[no-untyped-def]
    items = load_seeds(Path(SEEDS))
    story = analyse_story(items)
    timeline = build_timeline(items, story)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return items, story, timeline, gold, seed_report(story.facts, timeline, gold)


def test_required_conflict_is_found_with_both_values_on_top(seeds) -> None:  # type: ignore[no-untyped-def]
    _, story, _, _, rep = seeds
    assert rep.required_conflicts_found == rep.required_conflicts == 1
    top = story.facts[0]
    assert top.verdict == "conflict"
    texts = {v.article[:3]: v.text for v in top.values}
    assert "774" in texts["002"] and "bijna duizend" in texts["001"]
    assert "001" in top.reason and "002" in top.reason


def test_no_gold_agreement_is_reported_as_a_conflict(seeds) -> None:  # type: ignore[no-untyped-def]
    rep = seeds[4]
    assert rep.agree_reported_as_conflict == []


def test_conflict_precision_meets_the_floor(seeds) -> None:  # type: ignore[no-untyped-def]
    rep = seeds[4]
    floor = load_baseline().get("facts", {}).get("seed_conflict_precision", 1.0)
    assert rep.conflict_precision >= floor, rep


def test_at_least_seven_gold_facts_are_aligned_with_all_their_values(seeds) -> None:  # type: ignore[no-untyped-def]
    rep = seeds[4]
    floor = load_baseline().get("facts", {}).get("seed_facts_aligned", 7)
    assert len(rep.aligned) >= floor, f"aligned {rep.aligned}; not aligned {rep.not_aligned}"


def test_loan_agrees_across_currencies(seeds) -> None:  # type: ignore[no-untyped-def]
    story = seeds[1]
    loan = [f for f in story.facts if f.kind == "money" and len(f.articles) >= 3]
    assert loan and loan[0].verdict == "agree"
    assert {v.unit for v in loan[0].values} == {"USD", "EUR"}
    assert "EUR" in loan[0].reason and "2020-09" in loan[0].reason


def test_timeline_has_the_five_gold_entries_in_order_with_honest_precision(seeds) -> None:  # type: ignore[no-untyped-def]
    _, _, timeline, _, rep = seeds
    assert all(i >= 0 for i in rep.timeline_matched), rep.timeline_matched
    assert rep.timeline_in_order and rep.timeline_honest
    assert rep.timeline_doc_recall >= load_baseline().get("facts", {}).get("seed_timeline_doc_recall", 0.8)
    sunday, monday = timeline[rep.timeline_matched[3]], timeline[rep.timeline_matched[4]]
    assert sunday.time.iso() == monday.time.iso() == "2020-09"  # a weekday is not turned into a date
    assert "Sunday" in sunday.description and "Monday" in monday.description


def test_undated_reports_say_their_date_was_inferred(seeds) -> None:  # type: ignore[no-untyped-def]
    story = seeds[1]
    inferred = [r for r in story.references.values() if r.inferred]
    assert len(inferred) == 2
    assert all(r.date is not None and r.date.iso() == "2020-09" and "no date" in r.note for r in inferred)


def test_speed_of_facts_and_timeline_in_cpu_seconds(seeds) -> None:  # type: ignore[no-untyped-def]
    """Issue 6: < 0.3 s for a 10-article story, < 5 s for 300 (analysis excluded). CPU time, so that
    other jobs on a shared machine do not make the gate flaky."""
    from benchmarks.bench_facts import _copies, timed

    items = seeds[0]
    assert timed(_copies(items, 10), 3).cpu < 0.3
    assert timed(_copies(items, 300), 1).cpu < 5.0
