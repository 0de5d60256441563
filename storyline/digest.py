"""Stories with everything said about them (layer 5): stored articles → analysed → clustered → digest.

The stages are pure; this module wires them to the store so each is computed once:
- ``analyzed``: text analyses, cached in the store per analyser version (a change to any module of
  ``storyline.text`` makes a new version, so stale analyses are never served);
- ``assign_stories``: the persistent online clusterer (its state lives in the store's kv table), so a
  story keeps its id as articles join, across runs and processes;
- ``story_digest``: summary, facts, timeline, events, entities and duplicates of one story.
CLI (`storyline digest`) and web show what ``build_digest`` / ``stored_story_digest`` return.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from storyline import __version__
from storyline.facts import analyse_story
from storyline.model import AnalyzedArticle, Article, Digest, DigestArticle, DigestStory, Rejected, Story
from storyline.pipeline import lead_of
from storyline.store import Store
from storyline.stories import StoryClusterer
from storyline.stories.build import story_title
from storyline.stories.cluster import time_order
from storyline.stories.events import Vectors, update_events
from storyline.summarize import summarize
from storyline.text.entities import link_entities
from storyline.text.parallel import AnalysisError, analyze_many
from storyline.timeline import facts_and_timeline

CLUSTERER_KEY = "clusterer"  # whole state, as saved before the per-story rows (read once, then removed)
CLUSTERER_CORE_KEY = "clusterer-core"
DEFAULT_SUMMARY_WORDS = 100


def _analyser_version() -> str:
    """Version tag of the text analysis: package version + hash of the text package's source files."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted((Path(__file__).parent / "text").rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


ANALYSIS_VERSION = _analyser_version()


def analyzed(store: Store, ids: Sequence[str], jobs: int | None = None) -> list[AnalyzedArticle]:
    """The articles with these ids with their analyses: stored ones reused, missing ones computed and stored.

    Missing analyses are computed in ``jobs`` worker processes (default: one per CPU; small batches stay
    in this process). If an article's analysis fails, the others are still stored and the first
    failure is raised (AnalysisError naming the article).
    """
    stored = store.get_articles(ids)
    cached = store.get_analyses([s.id for s in stored], ANALYSIS_VERSION)
    missing = [s for s in stored if s.id not in cached]
    fresh = []
    failures: list[AnalysisError] = []
    for s, result in zip(missing, analyze_many([s.article for s in missing], jobs)):
        if isinstance(result, AnalysisError):
            result.article_id = s.id  # the stored id (it may differ from the one computed from the text)
            failures.append(result)
            continue
        result.article_id = s.id
        cached[s.id] = result
        fresh.append(result)
    if fresh:
        store.put_analyses(fresh, ANALYSIS_VERSION)
    if failures:
        raise failures[0]
    # the input named no language: record the detected one (stored once; later loads carry it)
    detected = {s.id: cached[s.id].language for s in stored if s.article.language is None and cached[s.id].language}
    if detected:
        store.set_languages(detected)  # type: ignore[arg-type]
    for s in stored:
        s.article.language = s.article.language or detected.get(s.id)
    return [AnalyzedArticle(s.article, cached[s.id]) for s in stored]


def _analyzed_by_id(store: Store, stories: Sequence[Story], jobs: int | None = None) -> dict[str, AnalyzedArticle]:
    """The analysed articles of all these stories, loaded in one pass."""
    ids = list(dict.fromkeys(a for story in stories for a in story.articles))
    return {it.id: it for it in analyzed(store, ids, jobs)}


def open_clusterer(store: Store) -> StoryClusterer:
    """The persistent story clusterer: its index from ``kv``, its stories loaded row by row as
    articles are scored against them. A state saved whole by an older version is read once and
    then saved the new way by ``save_clusterer``."""
    core = store.get_value(CLUSTERER_CORE_KEY)
    if core is not None:
        return StoryClusterer.from_core(core, loader=store.get_cluster_stories)
    legacy = store.get_value(CLUSTERER_KEY)
    if legacy is None:
        return StoryClusterer(loader=store.get_cluster_stories)
    clusterer = StoryClusterer.from_state(legacy)
    clusterer.dirty_all()
    return clusterer


def save_clusterer(store: Store, clusterer: StoryClusterer) -> None:
    """Write what changed: the stories touched or merged away, and the index (one ``kv`` value)."""
    with store.atomic():
        store.put_cluster_stories({sid: clusterer.story_state(sid) for sid in sorted(clusterer.dirty)})
        store.delete_cluster_stories(sorted(clusterer.removed))
        for gone in sorted(clusterer.removed):
            store.delete_story(gone)
        store.put_value(CLUSTERER_CORE_KEY, clusterer.core_state())
        store.delete_value(CLUSTERER_KEY)
    clusterer.mark_saved()


def assign_stories(store: Store, items: Sequence[AnalyzedArticle], jobs: int | None = None) -> list[Story]:
    """Add these articles to the persistent story clustering; returns the stories they are in now.

    Articles already assigned keep their story; new ones are added in publication order. Stories
    merged away by a consolidation round are deleted from the store (their articles now belong to
    the survivor, which is rebuilt too, even when none of these articles joined it). Only the
    stories these articles are scored against are read, and only those that changed written.
    """
    with store.atomic():
        clusterer = open_clusterer(store)
        touched = {clusterer.add(item) for item in time_order(items)}
        touched = {clusterer.resolve(sid) for sid in touched | clusterer.removed}
        save_clusterer(store, clusterer)
        stories = clusterer.stories(touched)
        stories.sort(key=lambda story: story.id)
        by_id = _analyzed_by_id(store, stories, jobs)
        previous = store.get_stories([story.id for story in stories])  # their events as of the last run
        for story in stories:
            members = [by_id[a] for a in story.articles if a in by_id]
            vectors: Vectors = {}  # the articles' plain vectors: the events' labels and the title share them
            story.events = update_events(story, members, previous.get(story.id), cache=vectors)
            story.title = story_title(story, members, clusterer.is_rubric, vectors)
        store.put_stories(stories)
    return stories


def digest_article(stored: Article, article_id: str, word_count: int) -> DigestArticle:
    """The line a digest shows for one article."""
    return DigestArticle(id=article_id, label=stored.label, title=stored.title, outlet=stored.outlet,
                         published=stored.published, language=stored.language, word_count=word_count,
                         url=stored.url, partial=stored.partial, lead="" if stored.title else lead_of(stored.text))


def story_digest(story: Story, items: Sequence[AnalyzedArticle], words: int = DEFAULT_SUMMARY_WORDS) -> DigestStory:
    """Everything shown for one story: its sources, summary, facts, timeline, events and entities."""
    by_id = {it.id: it for it in items}
    copies = {c for group in story.duplicates for c in group[1:]}
    members = [by_id[a] for a in story.articles if a in by_id]
    sources = [m for m in members if m.id not in copies] or members
    claims = analyse_story(sources) if sources else None  # shared by the summary, facts and timeline
    summary = summarize(sources, words=words, claims=claims) if sources else None
    facts = facts_and_timeline(sources, claims) if sources else None
    titled = any(m.article.title for m in members)
    return DigestStory(
        articles=[digest_article(m.article, m.id, m.article.word_count) for m in members],
        id=story.id,
        # Untitled reports (plain text) give no title to show: the summary's headline reads better
        # than the story's keyword label.
        title=story.title if titled or summary is None else summary.headline,
        summary=summary,
        events=list(story.events),
        facts=facts.facts if facts else [],
        timeline=facts.timeline if facts else [],
        entities=link_entities([m.analysis for m in sources]),
        duplicates=[list(g) for g in story.duplicates],
        notes=list(facts.notes) if facts else [],
    )


def build_digest(store: Store, ids: Sequence[str], rejected: Sequence[Rejected] = (),
                 words: int = DEFAULT_SUMMARY_WORDS, jobs: int | None = None) -> Digest:
    """The digest of the stories these articles are in (newest story first, then the most reported),
    each story whole."""
    items = analyzed(store, ids, jobs)
    stories = assign_stories(store, items, jobs)
    wanted = set(ids)
    stories = [s for s in stories if wanted & set(s.articles)]
    by_id = _analyzed_by_id(store, stories, jobs)
    digests = [story_digest(story, [by_id[a] for a in story.articles if a in by_id], words) for story in stories]
    digests.sort(key=lambda d: (_last_published(d), len(d.articles)), reverse=True)  # newest, then most reported
    return Digest(stories=digests, rejected=list(rejected))


def stored_story_digest(store: Store, story_id: str, words: int = DEFAULT_SUMMARY_WORDS,
                        jobs: int | None = 1) -> DigestStory | None:
    """The digest of one stored story, or None when there is no such story. Missing analyses are
    computed in-process by default: the web calls this from a server thread, and forking worker
    processes from a threaded server can leave a lock held in the child."""
    story = store.get_story(story_id)
    if story is None:
        return None
    return story_digest(story, analyzed(store, story.articles, jobs), words)


def _last_published(d: DigestStory) -> str:
    dates = [a.published.iso() for a in d.articles if a.published]
    return max(dates) if dates else ""
