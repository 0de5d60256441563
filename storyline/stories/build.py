"""Stories with their events in one call: what the CLI, the pipeline and the web show."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import AnalyzedArticle, Story
from storyline.stories.cluster import ClusterConfig, cluster
from storyline.stories.events import label_event, split_events


def story_title(story: Story, items: Sequence[AnalyzedArticle]) -> str:
    """A story's title: the founding article's title, else the title or lead clause most central to
    all its articles (as an event's label), else their keywords."""
    by_id = {it.id: it for it in items}
    for aid in story.articles:
        title = by_id[aid].article.title if aid in by_id else None
        if title:
            return title
    members = [by_id[a] for a in story.articles if a in by_id]
    if not members:
        return ""
    return label_event(members, members).text


def build_stories(items: Sequence[AnalyzedArticle], config: ClusterConfig | None = None) -> list[Story]:
    """Cluster a batch into stories (time order, as online) and split each story into events."""
    stories = cluster(items, config)
    by_id = {it.id: it for it in items}
    for story in stories:
        members = [by_id[a] for a in story.articles if a in by_id]
        story.events = split_events(story, members)
        if not story.title:
            story.title = story_title(story, members)
    return stories
