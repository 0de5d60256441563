"""Story titles: a section name ('Kort nieuws', 'Lezersbrieven') heading articles of several stories
is a rubric and does not name a story; a syndicated copy's title is no rubric."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from test_stories import ELECTION, FLOOD, item, variants

from storyline.digest import ANALYSIS_VERSION, assign_stories
from storyline.model import AnalyzedArticle, Story
from storyline.store import Store
from storyline.stories.build import build_stories, story_title
from storyline.stories.cluster import StoryClusterer, time_order, title_key
from storyline.stories.events import label_event


def retitled(it: AnalyzedArticle, title: str) -> AnalyzedArticle:
    return AnalyzedArticle(replace(it.article, title=title), it.analysis)


def two_stories_under_one_rubric() -> list[AnalyzedArticle]:
    flood, election = variants(FLOOD, "Maas"), variants(ELECTION, "Macron")
    return [retitled(flood[0], "Kort nieuws"), *flood[1:], retitled(election[0], "KORT NIEUWS."), *election[1:]]


def test_a_title_heading_two_stories_is_a_rubric_and_the_next_title_names_the_story() -> None:
    items = two_stories_under_one_rubric()
    stories = build_stories(items)
    assert sorted(len(s.articles) for s in stories) == [3, 3]
    assert sorted(s.title for s in stories) == ["Maas 1", "Macron 1"]
    clusterer = StoryClusterer()
    for it in time_order(items):
        clusterer.add(it)
    assert clusterer.is_rubric("kort  nieuws") and not clusterer.is_rubric("Maas 1")
    assert title_key("Kort nieuws.") == title_key("kort NIEUWS") == "kort nieuws"


def test_a_copy_under_the_same_title_in_the_same_story_is_no_rubric() -> None:
    flood = variants(FLOOD, "Maas")
    copy = AnalyzedArticle(replace(flood[0].article, external_id="copy", outlet="Ander blad"), flood[0].analysis)
    clusterer = StoryClusterer()
    for it in [*flood, copy]:
        clusterer.add(it)
    assert not clusterer.is_rubric("Maas 0")
    (story,) = build_stories([*flood, copy])
    assert story.title == "Maas 0"


def test_rubrics_survive_a_save_and_restore() -> None:
    clusterer = StoryClusterer()
    for it in time_order(two_stories_under_one_rubric()):
        clusterer.add(it)
    whole = StoryClusterer.from_state(json.loads(json.dumps(clusterer.state_dict())))
    core = StoryClusterer.from_core(json.loads(json.dumps(clusterer.core_state())), loader=lambda ids: {})
    assert whole.is_rubric("Kort nieuws") and core.is_rubric("Kort nieuws")


def test_a_story_of_rubric_titles_only_keeps_a_phrase_or_else_the_rubric() -> None:
    flood = [retitled(it, "Lezersbrieven") for it in variants(FLOOD, "Maas")]
    (story,) = build_stories(flood)
    label = label_event(flood, flood)
    assert label.kind != "keywords" and label.text  # the reports share a title or lead clause ...
    assert story_title(story, flood, lambda t: title_key(t) == "lezersbrieven") == label.text  # ... it names them
    assert story_title(story, [], lambda t: True) == ""  # nothing to read: no title
    letters = [item("Ja. Nee. Misschien.", "Lezersbrieven", ident="a"), item("Ja. Nee. Ook.", "Lezersbrieven", ident="b")]
    assert label_event(letters, letters).kind == "keywords"  # no phrase to name them: the rubric beats keywords
    assert story_title(Story("s", "", [it.id for it in letters]), letters, lambda t: True) == "Lezersbrieven"


def test_the_digest_names_stories_past_a_rubric(tmp_path: Path) -> None:
    items = two_stories_under_one_rubric()
    with Store(tmp_path / "s.db") as store:
        store.add_articles([it.article for it in items])
        for it in items:
            it.analysis.article_id = it.id
        store.put_analyses([it.analysis for it in items], ANALYSIS_VERSION)
        first = assign_stories(store, items[:3])  # one story so far: its rubric is not known yet
        assert [s.title for s in first] == ["Kort nieuws"]
        stories = assign_stories(store, items[3:])
    assert sorted(s.title for s in stories) == ["Macron 1"]
