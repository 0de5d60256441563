"""Stories with their events in one call: what the CLI, the pipeline and the web show."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from storyline.model import AnalyzedArticle, Story
from storyline.stories.cluster import ClusterConfig, clustered
from storyline.stories.events import Vectors, label_event, split_events


def story_title(story: Story, items: Sequence[AnalyzedArticle],
                is_rubric: Callable[[str], bool] = lambda title: False, cache: Vectors | None = None) -> str:
    """A story's title: the founding article's title, else the next article's, skipping rubrics such
    as 'Kort nieuws' (``StoryClusterer.is_rubric``); else the title or lead clause most central to all
    its articles (as an event's label); else a rubric title (a letters page stays 'Lezersbrieven'
    rather than a list of keywords); else their keywords. ``cache``: the one ``split_events`` filled."""
    by_id = {it.id: it for it in items}
    rubric = ""
    for aid in story.articles:
        title = by_id[aid].article.title if aid in by_id else None
        if title and not is_rubric(title):
            return title
        rubric = rubric or title or ""
    members = [by_id[a] for a in story.articles if a in by_id]
    if not members:
        return rubric
    label = label_event(members, members, cache=cache)
    return rubric if rubric and label.kind == "keywords" else label.text


def build_stories(items: Sequence[AnalyzedArticle], config: ClusterConfig | None = None) -> list[Story]:
    """Cluster a batch into stories (time order, as online) and split each story into events."""
    clusterer = clustered(items, config)
    stories = clusterer.stories()
    by_id = {it.id: it for it in items}
    for story in stories:
        members = [by_id[a] for a in story.articles if a in by_id]
        vectors: Vectors = {}
        story.events = split_events(story, members, cache=vectors)
        story.title = story_title(story, members, clusterer.is_rubric, vectors)
    return stories
