"""analyze_many in real worker processes: same analyses as analyze, in order; one bad article loses nothing."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import _register, cli
from storyline.digest import ANALYSIS_VERSION, analyzed
from storyline.model import Analysis, Article
from storyline.settings import Settings
from storyline.store import Store
from storyline.text import analyze, parallel
from storyline.text.parallel import MIN_PARALLEL, AnalysisError, analyze_many, iter_analyses
from storyline.text.sentences import split_sentences

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "sochi"


def _articles(n: int, seed: int = 1) -> list[Article]:
    """``n`` distinct Dutch articles mixed from the seed reports' sentences (more than MIN_PARALLEL)."""
    sentences = [s.text for p in sorted(EXAMPLES.glob("*.txt"))
                 for s in split_sentences(p.read_text(encoding="utf-8"), "nl")]
    rng = random.Random(seed)
    return [Article(text=" ".join(rng.sample(sentences, k=6)) + f" Bericht {i}.", title=f"Bericht {i}")
            for i in range(n)]


def _pid_noting(monkeypatch: pytest.MonkeyPatch, fail_on: str | None = None) -> None:
    """Make the workers' analyze note the pid that ran it (and raise on ``fail_on``); forked workers inherit it."""
    def noting(article: Article) -> Analysis:
        if fail_on is not None and fail_on in article.text:
            raise ValueError("bad article")
        result = analyze(article)
        result.notes.append(f"pid {os.getpid()}")
        return result

    monkeypatch.setattr(parallel, "analyze", noting)


def test_same_analyses_as_analyze_in_input_order() -> None:
    articles = _articles(MIN_PARALLEL + 30)
    expected = [analyze(a).to_dict() for a in articles]
    got = analyze_many(articles, jobs=2)
    assert [g.to_dict() for g in got if isinstance(g, Analysis)] == expected


def test_work_really_runs_in_other_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    _pid_noting(monkeypatch)
    got = analyze_many(_articles(MIN_PARALLEL + 30), jobs=2)
    pids = {a.notes[-1] for a in got if isinstance(a, Analysis)}
    assert len(got) == MIN_PARALLEL + 30 and f"pid {os.getpid()}" not in pids and pids  # 1-2 workers took chunks


def test_one_job_and_small_batches_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    _pid_noting(monkeypatch)
    here = f"pid {os.getpid()}"
    assert {a.notes[-1] for a in analyze_many(_articles(MIN_PARALLEL + 5), jobs=1)} == {here}  # type: ignore[union-attr]
    assert {a.notes[-1] for a in analyze_many(_articles(5), jobs=2)} == {here}  # type: ignore[union-attr]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_article_loses_none_of_the_others(monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    articles = _articles(MIN_PARALLEL + 10)
    bad = 17
    articles[bad] = Article(text="BOOM " + articles[bad].text, title="kapot")
    _pid_noting(monkeypatch, fail_on="BOOM")
    got = list(iter_analyses(articles, jobs=jobs))
    assert len(got) == len(articles)
    assert isinstance(got[bad], AnalysisError) and got[bad].article_id == articles[bad].id
    assert "ValueError: bad article" in str(got[bad]) and "Traceback" in got[bad].details
    ok = [(a, g) for a, g in zip(articles, got) if not isinstance(g, AnalysisError)]
    assert len(ok) == len(articles) - 1 and all(g.article_id == a.id for a, g in ok)


def test_digest_stores_the_good_analyses_and_raises_the_failure(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _articles(MIN_PARALLEL + 10, seed=2)
    articles[3] = Article(text="BOOM " + articles[3].text, title="kapot")
    with Store(tmp_path / "s.db") as store:
        ids = store.add_articles(articles).new_ids
        _pid_noting(monkeypatch, fail_on="BOOM")
        with pytest.raises(AnalysisError) as failed:
            analyzed(store, ids, jobs=2)
        assert failed.value.article_id == ids[3]
        kept = store.get_analyses(ids, ANALYSIS_VERSION)
        assert set(kept) == set(ids) - {ids[3]}
        monkeypatch.setattr(parallel, "analyze", analyze)  # the bug is fixed: only the missing one is computed
        items = analyzed(store, ids, jobs=2)
        assert [it.id for it in items] == ids and items[3].analysis.sentences
        assert items[5].analysis.notes[-1].startswith("pid ")  # reused from the store, not recomputed


def test_jobs_setting_from_the_environment() -> None:
    assert Settings.from_env({}).jobs is None
    assert Settings.from_env({"STORYLINE_JOBS": "3"}).jobs == 3
    assert Settings.from_env({"STORYLINE_JOBS": "0"}).jobs is None
    with pytest.raises(ValueError):
        Settings.from_env({"STORYLINE_JOBS": "-2"})


def test_analyze_command_gives_the_same_json_with_and_without_workers(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, a in enumerate(_articles(MIN_PARALLEL + 40, seed=3)):
            fh.write(json.dumps({"id": f"a{i}", "title": a.title, "text": a.text}, ensure_ascii=False) + "\n")
    runner = CliRunner()
    one = runner.invoke(cli, ["analyze", str(path), "--json", "--jobs", "1"])
    two = runner.invoke(cli, ["analyze", str(path), "--json", "--jobs", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert json.loads(one.output) == json.loads(two.output)
    data = json.loads(two.output)  # a few one-sentence mixes read as boilerplate only and are rejected
    assert len(data["articles"]) + len(data["rejected"]) == MIN_PARALLEL + 40
    assert len(data["articles"]) >= MIN_PARALLEL  # enough for the workers to be used


def test_worker_analyses_share_their_lemma_strings() -> None:
    got = [a for a in analyze_many(_articles(MIN_PARALLEL + 30), jobs=2) if isinstance(a, Analysis)]
    first, last = got[0], got[-1]  # from different chunks, unpickled separately
    common = {w for ws in first.lemmas for w in ws} & {w for ws in last.lemmas for w in ws}
    assert common
    by_text = {w: w for ws in first.lemmas for w in ws}
    assert all(w is by_text[w] for ws in last.lemmas for w in ws if w in common)
    assert all(s.language is first.sentences[0].language for a in got for s in a.sentences if s.language == "nl")


def test_workers_are_forked_when_asked_for_not_when_first_read() -> None:
    """``progress(iter_analyses(...))`` starts a refresh thread before reading the first analysis: the
    workers must exist by then, or they would be forked from a process with another thread running."""
    import multiprocessing

    before = {p.pid for p in multiprocessing.active_children()}
    results = iter_analyses(_articles(MIN_PARALLEL + 30), jobs=2)
    workers = {p.pid for p in multiprocessing.active_children()} - before
    assert workers, "no worker processes before the first analysis was read"
    assert len(list(results)) == MIN_PARALLEL + 30
