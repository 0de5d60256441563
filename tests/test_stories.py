"""Online story clustering (storyline.stories.cluster): ids, stream = batch, persistence, time, bad input, scale."""

from __future__ import annotations

import json
import random
import time

import pytest

from storyline.model import Analysis, AnalyzedArticle, Article, Mention, PartialDate, Sentence
from storyline.stories.cluster import (
    CANDIDATES,
    CENTROID_TERMS,
    MEMBERS,
    StoryClusterer,
    cluster,
    story_id_for,
)
from storyline.stories.metrics import bcubed, labels_from_groups
from storyline.text import analyze

FLOOD = [
    "Door de aanhoudende regen is de Maas bij Venlo buiten haar oevers getreden.",
    "Honderden bewoners van Venlo en Roermond zijn geëvacueerd, meldt de veiligheidsregio Limburg.",
    "Rijkswaterstaat verwacht dat het water in de Maas de komende dagen nog verder stijgt.",
    "De burgemeester van Venlo noemt de situatie ernstig maar onder controle.",
]
ELECTION = [
    "In Frankrijk heeft president Macron de parlementsverkiezingen verloren van het Rassemblement National.",
    "De partij van Marine Le Pen wordt de grootste in de Assemblée nationale, maar haalt geen meerderheid.",
    "Macron moet nu een premier zoeken die kan rekenen op steun van een meerderheid in het parlement.",
    "De opkomst was met 67 procent de hoogste sinds decennia.",
]


def item(text: str, title: str | None = None, published: str | None = None, ident: str | None = None,
         language: str | None = None) -> AnalyzedArticle:
    a = Article(text=text, title=title, published=PartialDate.parse(published) if published else None,
                external_id=ident, language=language)
    return AnalyzedArticle(a, analyze(a))


def variants(sentences: list[str], prefix: str, published: str | None = None, n: int = 3) -> list[AnalyzedArticle]:
    """Different reports of one event: the same facts in a different order and with one extra sentence."""
    out = []
    for k in range(n):
        rng = random.Random(k)
        body = sentences[:]
        rng.shuffle(body)
        body.insert(1, f"Dit meldt correspondent nummer {k + 1} van {prefix}.")
        out.append(item(" ".join(body), f"{prefix} {k}", published, ident=f"{prefix}{k}"))
    return out


def test_two_events_become_two_stories_with_ids_from_their_founders() -> None:
    flood = variants(FLOOD, "water", "2024-01-05")
    vote = variants(ELECTION, "kies", "2024-01-05")
    stories = cluster(flood + vote)
    groups = sorted(sorted(s.articles) for s in stories)
    assert groups == sorted([sorted(i.id for i in flood), sorted(i.id for i in vote)])
    for s in stories:
        assert s.id == story_id_for(s.articles[0])


def test_story_keeps_its_id_as_articles_join() -> None:
    c = StoryClusterer()
    flood = variants(FLOOD, "water", "2024-01-05", n=4)
    first = c.add(flood[0])
    assert [c.add(x) for x in flood[1:]] == [first] * 3
    assert first == story_id_for(flood[0].id)


def test_one_at_a_time_with_state_round_trips_equals_batch() -> None:
    items = variants(FLOOD, "water", "2024-01-05") + variants(ELECTION, "kies", "2024-01-06")
    items.append(item("Een korte melding over iets anders: de trein naar Utrecht rijdt weer.", ident="x"))
    batch = cluster(items)
    c = StoryClusterer()
    for it in sorted(items, key=lambda i: i.article.published.sort_key() if i.article.published else (9999,)):
        c = StoryClusterer.from_state(json.loads(json.dumps(c.state_dict())))
        c.add(it)
    online = c.stories()
    assert bcubed(labels_from_groups([s.articles for s in online]), labels_from_groups([s.articles for s in batch])).f1 == 1.0
    assert sorted(s.id for s in online) == sorted(s.id for s in batch)


def test_duplicate_joins_its_originals_story_as_also_published() -> None:
    flood = variants(FLOOD, "water", "2024-01-05")
    copy = item(flood[0].article.text, "Andere kop", "2024-01-05", ident="copy")
    c = StoryClusterer()
    for x in flood + [copy]:
        c.add(x)
    (story,) = c.stories()
    assert copy.id in story.articles
    assert story.duplicates == [[flood[0].id, copy.id]]


def test_a_story_fades_but_a_strong_match_picks_it_up_again() -> None:
    c = StoryClusterer()
    sid = c.add(variants(FLOOD, "water", "2024-01-05", n=1)[0])
    # half a year later: a report sharing only some words with the old story opens a new one
    weak = item(" ".join([FLOOD[0], ELECTION[0], ELECTION[1], ELECTION[2]]), "later", "2024-07-05", ident="w")
    assert c.score(_vec(c, weak), c._stories[sid]) >= c.config.threshold  # would have joined without the fade
    assert c.add(weak) != sid
    strong = variants(FLOOD, "water", "2024-07-06", n=2)[1]
    assert c.add(strong) == sid


def _vec(c: StoryClusterer, it: AnalyzedArticle):  # type: ignore[no-untyped-def]
    from storyline.stories.features import vectorize

    return vectorize(it, c._dfs, update=False)


@pytest.mark.parametrize("article", [
    Article(text="", title=None),
    Article(text="Kort.", title=None),
    Article(text="Ja", title="Ja"),
    Article(text="Der Bundestag hat am Donnerstag ein neues Gesetz zur Rente beschlossen, teilte die Regierung mit."),
    Article(text="。。。 !!! ???", title="???"),
    Article(text=" ".join(FLOOD), title=None, published=None),
])
def test_bad_input_gets_a_story_and_never_crashes(article: Article) -> None:
    c = StoryClusterer()
    for x in variants(FLOOD, "water", "2024-01-05", n=2):
        c.add(x)
    it = AnalyzedArticle(article, analyze(article))
    sid = c.add(it)
    assert sid in {s.id for s in c.stories()}
    assert c.add(it) == sid  # adding the same article again is a no-op


def _synthetic(i: int, topic: int, rng: random.Random) -> AnalyzedArticle:
    """A hand-built analysed article about ``topic`` (shared topic words plus noise words)."""
    words = [f"topic{topic}w{k}" for k in rng.sample(range(40), 35)] + [f"noise{rng.randrange(3000)}" for _ in range(2)]
    text = " ".join(words)
    a = Article(text=text, title=f"t{topic}", external_id=str(i), published=PartialDate(2024, 1, 1 + i % 28))
    analysis = Analysis(a.id, "nl", [Sentence(0, 0, len(text), text)], [words],
                        [Mention(0, 0, 5, f"Naam{topic}", "PER", f"Naam{topic}")])
    return AnalyzedArticle(a, analysis)


def test_a_story_of_5000_articles_stays_fast_and_bounded() -> None:
    rng = random.Random(1)
    items = [_synthetic(i, 0, rng) for i in range(5000)]
    c = StoryClusterer()
    t = time.process_time()  # CPU time: the shared CI cores make wall time noisy
    for it in items[:500]:
        c.add(it)
    early = (time.process_time() - t) / 500
    for it in items[500:4500]:
        c.add(it)
    t = time.process_time()
    for it in items[4500:]:
        c.add(it)
    late = (time.process_time() - t) / 500
    (state,) = c._stories.values()
    assert len(state.articles) == 5000
    assert len(state.centroid) <= 2 * CENTROID_TERMS and len(state.members) <= MEMBERS
    assert late < 3 * early + 0.002, (early, late)


def test_candidates_come_from_an_index_not_from_all_stories() -> None:
    rng = random.Random(2)
    c = StoryClusterer()
    for i in range(1500):
        c.add(_synthetic(i, i, rng))  # 1500 distinct topics
    assert len(c) >= 1400
    scored = 0
    original = c._scores

    def counting(vec, encoded, states):  # type: ignore[no-untyped-def]
        nonlocal scored
        scored += len(states)
        return original(vec, encoded, states)

    c._scores = counting  # type: ignore[method-assign]
    c.add(_synthetic(99_999, 7, rng))
    assert 1 <= scored <= CANDIDATES
