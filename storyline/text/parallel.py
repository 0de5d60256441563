"""Analyse many articles in a pool of worker processes (text analysis is pure CPU work, one core each).

``analyze_many(articles, jobs)`` returns, in input order, exactly what ``analyze`` returns for each
article; an article whose analysis raises gets an ``AnalysisError`` in its place, so one bad article
never loses the others. Workers are forked (Linux) after the parent has loaded the gazetteers and
dictionaries of the analysed languages, so they start warm and share those pages; small batches (< ``MIN_PARALLEL``
articles) and ``jobs=1`` stay in this process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Self, TypeVar

from storyline.model import Analysis, Article
from storyline.text import analyze, load_resources
from storyline.text.language import ANALYSED

__all__ = ["MIN_PARALLEL", "AnalysisError", "AnalysisPool", "analyze_many", "default_jobs", "iter_analyses",
           "raise_first_error", "share_strings"]

# Fewer articles than this are analysed in-process: warming the parent for the workers (~2 s, some of it
# spent anyway when analysing in-process) and per-worker lazy loading cost more than they save below ~200.
MIN_PARALLEL = 200
_CHUNK = 16  # articles per task sent to a worker: few round trips, results still arrive steadily

T = TypeVar("T")


class AnalysisError(Exception):
    """The analysis of one article raised: which article, and the original error as text (picklable)."""

    def __init__(self, article_id: str, error: str, details: str = "") -> None:
        super().__init__(article_id, error, details)
        self.article_id = article_id
        self.error = error
        self.details = details  # the worker's traceback

    def __str__(self) -> str:
        return f"analysis of article {self.article_id} failed: {self.error}"


def default_jobs() -> int:
    """Worker processes used when none are asked for: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _analyze_safely(article: Article) -> Analysis | AnalysisError:
    """``analyze(article)``, or the error it raised as an AnalysisError (keeps the batch going)."""
    try:
        return analyze(article)
    except Exception as exc:  # noqa: BLE001 - any bug in one article must not lose the batch
        error = AnalysisError(article.id, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        error.__cause__ = exc  # in-process callers see the original traceback (not pickled to the parent)
        return error


def _ready() -> None:
    """Worker side: nothing (submitted once so the workers start at once)."""


def _analyze_chunk(articles: list[Article]) -> bytes:
    """Worker side: analyse a chunk and pickle the results here (the parent unpickles them with gc paused)."""
    return pickle.dumps([_analyze_safely(a) for a in articles], protocol=pickle.HIGHEST_PROTOCOL)


def _run_chunk(fn: Callable[[list[Article]], T], articles: list[Article]) -> bytes:
    """Worker side: any per-chunk function (e.g. ingest + analyse for a benchmark), pickled here."""
    return pickle.dumps(fn(articles), protocol=pickle.HIGHEST_PROTOCOL)


def _unpickle(data: bytes) -> object:
    """Unpickle a worker's results with the cyclic gc paused: thousands of new objects would trigger
    collections over the parent's whole heap (clustering state) that find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


def share_strings(analysis: Analysis) -> Analysis:
    """Make the small repeated strings of an analysis that came from a worker shared objects again.

    In-process analyses share their lemma strings (the lemma cache hands out one object per word) and
    their labels ('nl', 'PER'); unpickled ones carry a fresh copy per chunk, which costs memory (the
    100k-article stream kept ~1.5x the memory) and makes later dict lookups compare characters
    instead of pointers. Interning restores the sharing; values are unchanged.
    """
    intern = sys.intern
    analysis.lemmas = [[intern(w) for w in words] for words in analysis.lemmas]
    for s in analysis.sentences:
        if s.language is not None:
            s.language = intern(s.language)
    for m in analysis.mentions:
        m.type = intern(m.type)  # type: ignore[assignment]
    if analysis.language is not None:
        analysis.language = intern(analysis.language)
    return analysis


def _freeze_inherited() -> None:
    """Worker initializer: freeze everything inherited from the parent (warm resources included) out of the
    cyclic gc, so collections in the worker neither walk the parent's heap nor touch (copy) its shared pages
    (the fork recipe of the ``gc`` module's documentation)."""
    gc.freeze()


class AnalysisPool:
    """A pool of ``jobs`` forked, warm analysis workers; use as a context manager, reuse across batches."""

    def __init__(self, jobs: int | None = None) -> None:
        """Warm once, in the parent, before the workers are forked (they inherit it instead of loading it N
        times): gazetteers, word frequencies and the lemma dictionaries of the analysed languages (nl, en;
        ~2 s). Dictionaries of other languages (foreign lines) load lazily where needed."""
        self.jobs = jobs or default_jobs()
        load_resources(ANALYSED)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context,
                                             initializer=_freeze_inherited)
        # Fork the workers now, before the executor's manager thread or a caller's threads (a progress
        # bar's refresh) exist: forking a process with other threads can leave a lock held in the child.
        self._executor.submit(_ready).result()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (pending work is cancelled)."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def submit_analyses(self, articles: list[Article]) -> Future[bytes]:
        """Start analysing one chunk in a worker; ``result(future)`` gives its analyses/errors in order."""
        return self._executor.submit(_analyze_chunk, articles)

    def submit(self, fn: Callable[[list[Article]], T], items: list) -> Future[bytes]:  # type: ignore[type-arg]
        """Run ``fn(items)`` in a worker (``fn`` must be a module-level function); ``result(future)`` unpickles."""
        return self._executor.submit(_run_chunk, fn, items)

    @staticmethod
    def result(future: Future[bytes]) -> list:  # type: ignore[type-arg]
        """Wait for a submitted chunk and return what the worker computed."""
        return _unpickle(future.result())  # type: ignore[return-value]

    def analyses(self, articles: Sequence[Article]) -> Iterator[Analysis | AnalysisError]:
        """Analyses of ``articles`` in input order, computed in the workers, yielded as they complete.

        If the pool breaks (a worker killed, e.g. out of memory), the unfinished articles are
        analysed in this process instead.
        """
        chunks = [list(articles[i:i + _CHUNK]) for i in range(0, len(articles), _CHUNK)]
        window = 4 * self.jobs  # chunks in flight: workers stay busy, memory stays bounded
        pending: list[Future[bytes]] = []
        sent = 0
        for done in range(len(chunks)):
            try:
                while sent < len(chunks) and len(pending) < window:
                    pending.append(self.submit_analyses(chunks[sent]))
                    sent += 1
                results = self.result(pending.pop(0))
            except BrokenProcessPool:
                for chunk in chunks[done:]:
                    yield from (_analyze_safely(a) for a in chunk)
                return
            yield from (r if isinstance(r, AnalysisError) else share_strings(r) for r in results)


def iter_analyses(articles: Iterable[Article], jobs: int | None = None) -> Iterator[Analysis | AnalysisError]:
    """Analyses of ``articles`` in input order, in ``jobs`` worker processes (default: one per CPU).

    Each item is what ``analyze`` returns, or an AnalysisError for an article whose analysis raised.
    The workers are forked when this is called, not when the first analysis is asked for, so a
    caller may start threads in between (``progress`` starts a refresh thread) without forking them.
    """
    articles = list(articles)
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(articles) < MIN_PARALLEL:
        return (_analyze_safely(a) for a in articles)
    return _drain(AnalysisPool(min(jobs, max(1, len(articles) // _CHUNK))), articles)


def _drain(pool: AnalysisPool, articles: list[Article]) -> Iterator[Analysis | AnalysisError]:
    with pool:
        yield from pool.analyses(articles)


def analyze_many(articles: Iterable[Article], jobs: int | None = None) -> list[Analysis | AnalysisError]:
    """``[analyze(a) for a in articles]`` in ``jobs`` processes; a failed article gets its AnalysisError."""
    return list(iter_analyses(articles, jobs))


def raise_first_error(results: Iterable[Analysis | AnalysisError]) -> list[Analysis]:
    """The analyses, or raise the first AnalysisError (for callers that cannot go on without all of them)."""
    out: list[Analysis] = []
    for r in results:
        if isinstance(r, AnalysisError):
            raise r
        out.append(r)
    return out
