"""Quality gates for text analysis on real data: seed entities and traps, MEANTIME names, speed.

Floors live in benchmarks/baseline.json under "text"; the data in ../shared (skipped when absent).
"""

from __future__ import annotations

import json

import pytest

from benchmarks._report import DATA, SEEDS, load_baseline
from storyline.ingest import read_inputs
from storyline.model import Article, Entity
from storyline.settings import Settings
from storyline.text.report import AnalysisReport, analyze_articles

FLOORS = load_baseline().get("text", {})
MEANTIME = DATA / "meantime"
DPG = DATA / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds() -> tuple[dict, AnalysisReport]:
    gold_path = SEEDS / "gold.json"
    if not gold_path.exists():
        pytest.skip(f"seed annotation not found at {gold_path} (set STORYLINE_SEEDS)")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    paths = [str(SEEDS / name) for name in gold["documents"]]
    articles = [a for a in read_inputs(paths, Settings.from_env()) if isinstance(a, Article)]
    assert len(articles) == len(gold["documents"])
    return gold, analyze_articles(articles)


def _holding(entities: list[Entity], variant: str) -> list[Entity]:
    return [e for e in entities if variant in e.variants]


def test_every_gold_entity_is_one_entity_with_all_its_variants(seeds: tuple[dict, AnalysisReport]) -> None:
    gold, report = seeds
    for item in gold["entities"]:
        ids = set()
        for variant in item["variants"]:
            holders = _holding(report.entities, variant)
            assert len(holders) == 1, f"{variant!r} of {item['canonical']} is in {len(holders)} entities"
            ids.add(holders[0].id)
            assert holders[0].type == item["type"], (variant, holders[0].type)
        assert len(ids) == 1, f"variants of {item['canonical']} are split over {len(ids)} entities"


def test_no_trap_is_violated(seeds: tuple[dict, AnalysisReport]) -> None:
    _, report = seeds
    belarus, russia = _holding(report.entities, "Wit-Rusland")[0], _holding(report.entities, "Rusland")[0]
    assert belarus.id != russia.id
    assert "Russische" in russia.adjectives and "Russische" not in belarus.adjectives
    assert {"Belarussische", "Wit-Russische"} <= set(belarus.adjectives)
    assert not set(russia.adjectives) & {"Belarussische", "Wit-Russische"}
    assert not _holding(report.entities, "EPA") and not _holding(report.entities, "Beeld EPA")
    moskou = _holding(report.entities, "Moskou")
    assert not moskou or moskou[0].id != belarus.id


def _meantime(language: str):  # type: ignore[no-untyped-def]
    if not (MEANTIME / language / "docs.jsonl").exists():
        pytest.skip(f"MEANTIME not found at {MEANTIME / language}")
    from benchmarks.bench_text import evaluate

    return evaluate(language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_meantime_name_mentions_meet_floors(language: str) -> None:
    result = _meantime(language)
    head, typed = result.scores["head"].f1, result.scores["head_typed"].f1
    assert head >= FLOORS[f"meantime_{language}_head_f1"], head
    assert typed >= FLOORS[f"meantime_{language}_head_typed_f1"], typed


def test_speed_against_the_simplemma_floor() -> None:
    if not DPG.exists():
        pytest.skip(f"DPG articles not found at {DPG}")
    from benchmarks.bench_text import speed

    sp = speed(limit=300)
    assert sp.ratio <= FLOORS["speed_ratio_max"], f"{sp.ratio:.2f}x the simplemma floor"
    assert sp.per_second >= FLOORS["speed_articles_per_cpu_s_min"], f"{sp.per_second:.0f} articles/s"
