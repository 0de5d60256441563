"""The SQLite store on real files: migrations, transactions, idempotent adds, lookups, search, state."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import StorylineError
from storyline.model import Analysis, Article, Event, PartialDate, Sentence, Story
from storyline.store import SCHEMA_VERSION, ArticleFilter, Store, fts_query
from storyline.store.rows import article_keys, article_row


def make(n: int, **kw: object) -> Article:
    base: dict[str, object] = {
        "text": f"Bericht {n}. De Wit-Russische president Loekasjenko sprak met Poetin in Sotsji over een lening "
                f"van {n} miljard.\n\nTweede alinea nummer {n}.",
        "title": f"Kop {n}", "external_id": f"{n:03d}.txt", "source": f"/in/{n:03d}.txt",
    }
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.db") as s:
        yield s


def test_new_database_is_wal_and_migrated(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [r[0] for r in conn.execute("SELECT version FROM migrations ORDER BY version")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"articles", "articles_fts", "analyses", "stories", "story_articles", "kv", "inputs"} <= tables
    conn.close()
    Store(path).close()  # reopening applies nothing twice
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused_with_e011(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES (?, 'from the future', 'now')", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StorylineError) as err:
        Store(path)
    assert err.value.code == "E011"
    assert str(SCHEMA_VERSION + 1) in err.value.message


def test_unopenable_files_raise_e010(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorylineError) as err:
        Store(junk)
    assert err.value.code == "E010" and "not a SQLite database" in err.value.message
    with pytest.raises(StorylineError) as err:
        Store(tmp_path / "missing" / "x.db")
    assert err.value.code == "E010" and "does not exist" in err.value.message


def test_atomic_nests_with_savepoints(store):
    with store.atomic():
        store.add_articles([make(1)])
        with pytest.raises(RuntimeError), store.atomic():
            store.add_articles([make(2)])
            raise RuntimeError("inner fails")
        store.add_articles([make(3)])
    assert sorted(s.label for s in store.list_articles()) == ["001.txt", "003.txt"]
    with pytest.raises(RuntimeError), store.atomic():
        store.add_articles([make(4)])
        raise RuntimeError("outer fails")
    assert store.count_articles() == 2
    assert store.fts_in_sync()


def test_add_is_idempotent_also_across_reopen(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as s:
        first = s.add_articles([make(1), make(2), make(1)])
    assert first.new == 2 and first.duplicate == 1
    with Store(path) as s:
        again = s.add_articles([make(2), make(3)])
        assert again.new_ids == [make(3).id] and again.duplicate == 1
        assert s.count_articles() == 3


def test_row_hash_and_word_count_match_the_model(store):
    article = make(7, text="\u201eZo\u201d  zei hij,\n\n  \u2018niet\u2019  meer.\tKlaar ", title=None)
    row = dict(zip(("id", "content_hash", *["_"] * 13, "word_count", "ingested_at"),
                   article_row(article, article_keys(article), "t"), strict=True))
    assert row["id"] == article.id
    assert row["content_hash"] == article.content_hash
    assert row["word_count"] == article.word_count == 6
    blank = make(8, text=" ")
    assert article_row(blank, article_keys(blank), "t")[15] == 0


def test_article_round_trips_through_the_store(store):
    article = make(5, published=PartialDate.parse("2020-09"), outlet="NRC", url="https://nrc.nl/x",
                   language="nl", author="A. Schrijver", boilerplate=["Beeld EPA"], partial=True, fmt="json")
    store.add_articles([article])
    stored = store.get_article(article.id)
    assert stored.article == article
    assert stored.id == article.id
    assert stored.to_dict()["precision"] == "month"


def test_get_article_by_id_prefix_external_id_and_errors(store):
    a, b = make(1), make(2, external_id="same.txt")
    c = make(3, external_id="same.txt")
    store.add_articles([a, b, c])
    assert store.get_article(a.id).id == a.id
    assert store.get_article(a.id[:6]).id == a.id
    assert store.get_article("001.txt").id == a.id
    with pytest.raises(StorylineError) as err:
        store.get_article("same.txt")
    assert err.value.code == "E022"
    with pytest.raises(StorylineError) as err:
        store.get_article("nothing-like-this")
    assert err.value.code == "E020" and err.value.exit_code == 3


def test_list_filters_and_paging(store):
    batch = [make(i, outlet="Trouw" if i % 2 else "AD", language="nl" if i < 6 else "en",
                  published=PartialDate(2020, 1 + i % 12)) for i in range(10)]
    store.add_articles(batch)
    assert store.count_articles() == 10
    assert [s.label for s in store.list_articles(limit=3, offset=2)] == ["002.txt", "003.txt", "004.txt"]
    trouw = store.list_articles(ArticleFilter(outlet="trouw"))
    assert len(trouw) == 5 and all(s.article.outlet == "Trouw" for s in trouw)
    assert store.count_articles(ArticleFilter(language="en", outlet="AD")) == 2
    assert store.count_articles(ArticleFilter(since="2020-05", until="2020-06")) == 2
    ids = [batch[3].id, batch[8].id]
    assert [s.id for s in store.list_articles(ArticleFilter(ids=ids))] == ids
    assert [s.id for s in store.iter_articles(batch=3)] == [s.id for s in store.list_articles(limit=100)]
    assert [s.id for s in store.get_articles([batch[9].id, "unknown", batch[0].id])] == [batch[9].id, batch[0].id]


def test_search_ranks_snippets_and_highlights(store):
    store.add_articles([make(1), make(2, title="Poetin in Sotsji"),
                        make(3, text="Een heel ander bericht over het weer in Zeeland.", title="Weer")])
    hits = store.search("sotsji")
    assert hits[0].external_id == "002.txt"  # title match weighs more
    assert {h.external_id for h in hits} == {"001.txt", "002.txt"}
    hit = next(h for h in hits if h.external_id == "001.txt")
    assert [hit.snippet[m.start:m.end] for m in hit.highlights] == ["Sotsji"]
    assert "\n" not in hit.snippet
    # Plain words with a hyphen work as a phrase, diacritics are folded.
    assert len(store.search("Wit-Russische president")) == 2
    assert store.search("zeeland")[0].title == "Weer"
    assert store.search("Loekasjenko NOT Sotsji") == []
    assert len(store.search("Loek*")) == 2


@pytest.mark.parametrize("query", ["AND (", '"', "title:", "nocolumn:x", "   ", "NEAR(a b"])
def test_bad_search_queries_are_e030_not_sqlite_errors(store, query):
    store.add_articles([make(1)])
    with pytest.raises(StorylineError) as err:
        store.search(query)
    assert err.value.code == "E030" and err.value.exit_code == 2
    assert "sqlite" not in err.value.message.lower()


def test_fts_query_quotes_plain_words_only():
    assert fts_query("Wit-Russische  president") == '"Wit-Russische" "president"'
    assert fts_query('"a b" OR c') == '"a b" OR c'


def test_readers_see_committed_data_only(store):
    store.add_articles([make(1)])
    seen: list[int] = []
    with store.atomic():
        store.add_articles([make(2)])
        assert store.count_articles() == 2  # the writing thread sees its own transaction
        worker = threading.Thread(target=lambda: seen.append(store.count_articles()))
        worker.start()
        worker.join()
    assert seen == [1]
    worker = threading.Thread(target=lambda: seen.append(store.count_articles()))
    worker.start()
    worker.join()
    assert seen == [1, 2]


def test_fts_stays_in_sync_on_update_and_delete(store):
    store.add_articles([make(1), make(2)])
    with store.atomic() as conn:
        conn.execute("UPDATE articles SET text = 'volledig nieuwe tekst over Zeeland' WHERE external_id = '001.txt'")
        conn.execute("DELETE FROM articles WHERE external_id = '002.txt'")
    assert store.fts_in_sync()
    assert [h.external_id for h in store.search("Zeeland")] == ["001.txt"]
    assert store.search("Sotsji") == []


def test_fts_check_detects_a_broken_index(store):
    store.add_articles([make(1)])
    with store.atomic() as conn:  # bypass the triggers: the index no longer matches
        conn.execute("DROP TRIGGER articles_fts_update")
        conn.execute("UPDATE articles SET text = 'iets anders' WHERE external_id = '001.txt'")
    assert not store.fts_in_sync()


def test_analyses_stories_and_kv(store):
    a = make(1)
    store.add_articles([a])
    analysis = Analysis(article_id=a.id, language="nl", sentences=[Sentence(0, 0, 10, "Bericht 1.")],
                        lemmas=[["bericht"]])
    store.put_analyses([analysis], version="1")
    assert store.get_analysis(a.id) == analysis
    assert store.get_analysis(a.id, version="2") is None
    story = Story(id="s1", title="Sotsji", articles=[a.id, "other"],
                  events=[Event("e1", "ontmoeting", PartialDate(2020, 9, 14), [a.id], "14 September 2020")])
    store.put_story(story)
    assert store.get_story("s1") == story
    story.title = "Sotsji-top"
    story.articles = [a.id]
    story.events_base = 7
    store.put_story(story)
    assert store.get_story("s1") == story and [s.id for s in store.list_stories()] == ["s1"]
    assert store.get_stories(["s1", "missing", "s1"]) == {"s1": story}
    assert store.stories_of([a.id, "other"]) == {a.id: ["s1"]}
    assert store.delete_story("s1") and store.get_story("s1") is None and store.stories_of([a.id]) == {}
    assert store.get_value("clusterer", {}) == {}
    store.put_value("clusterer", {"centroids": [[0.5, 1.0]], "n": 3})
    store.put_value("clusterer", {"centroids": [], "n": 4})
    assert store.get_value("clusterer") == {"centroids": [], "n": 4}


def test_set_languages_never_overwrites(store):
    a, b = make(1), make(2, language="en")
    store.add_articles([a, b])
    store.set_languages({a.id: "nl", b.id: "nl"})
    assert store.get_article(a.id).article.language == "nl"
    assert store.get_article(b.id).article.language == "en"


dates = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1900, 2100)),
    st.builds(PartialDate, st.integers(1900, 2100), st.integers(1, 12)),
    st.builds(PartialDate, st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 28),
              st.integers(0, 23), st.integers(0, 59)),
)
texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300).filter(str.strip)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, title=st.none() | texts, published=dates, outlet=st.none() | st.text(max_size=20),
       boilerplate=st.lists(st.text(max_size=40), max_size=3), partial=st.booleans())
def test_any_article_round_trips(tmp_path_factory, text, title, published, outlet, boilerplate, partial):
    path = tmp_path_factory.mktemp("prop") / "p.db"
    article = Article(text=text, title=title, published=published, outlet=outlet, boilerplate=boilerplate,
                      partial=partial, external_id="x")
    with Store(path) as s:
        assert s.add_articles([article, article]).new == 1
        stored = s.get_article(article.id)
        assert stored.article == article
        assert stored.word_count == article.word_count
        assert s.fts_in_sync()
        keys = article_keys(article)
        assert (keys.id, keys.content_hash, keys.word_count) == (article.id, article.content_hash, article.word_count)


def test_a_directory_is_not_a_database(tmp_path):
    with pytest.raises(StorylineError) as err:
        Store(tmp_path)
    assert err.value.code == "E010"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.sampled_from(list('ab "()*:^+-{}.,AND OR NOT NEAR\u00eb\u2019')), max_size=25)
       | st.text(max_size=25))
def test_no_query_escapes_as_a_raw_sqlite_error(store, query):
    if not store.count_articles():  # one store for every example: searching does not change it
        store.add_articles([make(1)])
    try:
        hits = store.search(query)
    except StorylineError as err:
        assert err.code == "E030"
    else:
        assert all(h.id for h in hits)


_tricky = st.text(st.sampled_from(list("aZß\u03a3\u0301\u00e9e\u0308 \n\t\u00a0\u2003\u2019\u201c\u201e'\"x.")), max_size=30)


@settings(max_examples=400, deadline=None)
@given(text=_tricky | st.text(max_size=60), title=st.none() | _tricky | st.text(max_size=20),
       url=st.none() | st.text(max_size=10), outlet=st.none() | _tricky)
def test_article_keys_equal_the_model_properties(text, title, url, outlet):
    article = Article(text=text, title=title, url=url, outlet=outlet)
    keys = article_keys(article)
    assert keys.id == article.id
    assert keys.content_hash == article.content_hash
    assert keys.word_count == article.word_count
