"""The web app in-process (FastAPI TestClient) on a real SQLite file with the seed reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from test_web_support import EVIL_ARTICLE, TOKEN, drop_last_article, jsonl, seed_store, seed_story

from storyline.web.app import CONTENT_SECURITY_POLICY, create_app

AUTH = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory):
    """One store with the seeds and the seed story, and a client on it (shared by read-only tests)."""
    store, settings, ids = seed_store(tmp_path_factory.mktemp("web"))
    story_id = seed_story(store, ids)
    with TestClient(create_app(settings, store)) as client:
        yield client, store, ids, story_id
    store.close()


@pytest.fixture()
def fresh(tmp_path: Path):
    """A store of its own (for tests that write), with the seed story."""
    store, settings, ids = seed_store(tmp_path)
    story_id = seed_story(store, ids)
    with TestClient(create_app(settings, store)) as client:
        yield client, store, ids, story_id
    store.close()


def test_stories_list_and_json_twin_show_the_same_stories(seeded) -> None:
    client, _, _, story_id = seeded
    page = client.get("/stories")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'href="/stories/{story_id}"' in page.text
    data = client.get("/stories.json").json()
    assert data["ok"] is True
    [story] = data["data"]["stories"]
    assert story["id"] == story_id and story["article_count"] == 5 and story["conflict_count"] >= 1
    assert story["headline"] and escape(story["headline"]) in page.text
    assert "badge conflict" in page.text
    assert story["first_published"] == "2020-08" and story["last_published"] == "2020-09"
    assert data["meta"]["total"] == 1 and data["meta"]["pages"] == 1


def test_home_redirects_to_stories(seeded) -> None:
    client = seeded[0]
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/stories"


def test_story_filters_narrow_the_list(seeded) -> None:
    client = seeded[0]
    assert len(client.get("/stories.json", params={"from": "2020-08"}).json()["data"]["stories"]) == 1
    assert client.get("/stories.json", params={"from": "2021"}).json()["data"]["stories"] == []
    assert client.get("/stories.json", params={"to": "2020-07"}).json()["data"]["stories"] == []
    assert len(client.get("/stories.json", params={"to": "2020-08"}).json()["data"]["stories"]) == 1
    assert client.get("/stories.json", params={"outlet": "Nobody Daily"}).json()["data"]["stories"] == []
    assert client.get("/stories.json", params={"language": "de"}).json()["data"]["stories"] == []
    bad = client.get("/stories.json", params={"from": "September"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E062"


def test_story_page_and_json_come_from_the_same_digest(seeded) -> None:
    client, _, ids, story_id = seeded
    data = client.get(f"/stories/{story_id}.json").json()
    assert data["ok"] is True
    digest = data["data"]
    assert digest["id"] == story_id and digest["article_count"] == 5
    assert sorted(a["id"] for a in digest["articles"]) == sorted(ids)
    assert digest["summary"] and digest["facts"] and digest["timeline"] and digest["entities"]
    page = client.get(f"/stories/{story_id}").text
    for article in digest["articles"]:
        assert f'href="/articles/{article["id"]}"' in page
        assert escape(article["label"]) in page
    assert escape(digest["headline"]) in page
    for event in digest["events"]:
        assert escape(event["label"]) in page
    for sentence in digest["summary"]:
        assert escape(sentence["text"]) in page
        for ref in sentence["support"]:
            assert ref["text"], ref  # every citation carries its supporting sentence
    for entity in digest["entities"]:
        assert escape(entity["name"]) in page
    conflicts = [f for f in digest["facts"] if f["verdict"] == "conflict"]
    assert digest["facts"][: len(conflicts)] == conflicts  # conflicts first
    assert page.index("verdict-row-conflict") < page.index("verdict-row-agree")
    if digest["timeline"]:
        assert "<svg" in page and "<title" in page


def test_story_page_is_cached_and_rebuilt_when_the_story_changes(fresh) -> None:
    client, store, _ids, story_id = fresh
    cache = client.app.state.digests
    client.get(f"/stories/{story_id}")
    misses = cache.misses
    client.get(f"/stories/{story_id}")
    client.get(f"/stories/{story_id}.json")
    assert cache.misses == misses and cache.page_hits == 1 and cache.hits >= 1  # one digest, two pages
    drop_last_article(store, story_id)  # as another process would: the cache notices the new version
    assert client.get(f"/stories/{story_id}.json").json()["data"]["article_count"] == 4
    assert "4 berichten" in client.get(f"/stories/{story_id}").text


def test_unknown_story_and_article_are_coded_404s(seeded) -> None:
    client = seeded[0]
    for url, code in [("/stories/nope.json", "E021"), ("/articles/ffffffffffff.json", "E020")]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"ok": False, "error": response.json()["error"]}
        assert response.json()["error"]["code"] == code
    page = client.get("/stories/nope")
    assert page.status_code == 404 and "E021" in page.text and page.headers["content-type"].startswith("text/html")


def test_article_page_highlights_names_quantities_and_dates(seeded) -> None:
    client, _store, ids, story_id = seeded
    article_id = ids[2]
    data = client.get(f"/articles/{article_id}.json").json()["data"]
    assert data["article"]["id"] == article_id and data["analysed"] is True
    kinds = {h["kind"] for h in data["highlights"]}
    assert {"name", "quantity"} <= kinds
    text = data["article"]["text"]
    for h in data["highlights"]:
        assert text[h["start"]:h["end"]] == h["text"]
    assert [s["id"] for s in data["stories"]] == [story_id]
    page = client.get(f"/articles/{article_id}").text
    assert page.count('<mark class="hl-name"') >= 3
    assert '<mark class="hl-quantity"' in page
    # by input name too (the file name), as the CLI accepts it
    label = data["article"]["label"]
    assert client.get(f"/articles/{label}.json").json()["data"]["article"]["id"] == article_id


def test_search_finds_seed_reports_with_snippets(seeded) -> None:
    client = seeded[0]
    data = client.get("/search.json", params={"q": "Poetin lening"}).json()
    assert data["ok"] is True and data["data"]["results"]
    hit = data["data"]["results"][0]
    spans = [hit["snippet"][s:e].lower() for s, e in hit["highlights"]]
    assert any(s.startswith(("poetin", "lening")) for s in spans)
    page = client.get("/search", params={"q": "Poetin lening"}).text
    assert "<mark>" in page and f'href="/articles/{hit["id"]}"' in page


@pytest.mark.parametrize("query", ["AND (", '"', "Poetin AND", "title:(", "NEAR(", "*"])
def test_bad_search_query_gets_a_helpful_message_never_a_500(seeded, query: str) -> None:
    client = seeded[0]
    api = client.get("/search.json", params={"q": query})
    assert api.status_code == 400, api.text
    assert api.json()["error"]["code"] == "E030" and api.json()["error"]["hint"]
    page = client.get("/search", params={"q": query})
    assert page.status_code == 400
    assert "E030" in page.text and "double quotes" in page.text
    assert 'name="q"' in page.text  # the form is there to try again


def test_empty_search_page_shows_the_form(seeded) -> None:
    client = seeded[0]
    page = client.get("/search")
    assert page.status_code == 200 and 'name="q"' in page.text
    assert client.get("/search.json").json()["error"]["code"] == "E030"


def test_security_headers_on_pages_json_and_errors(seeded) -> None:
    client, _, _, story_id = seeded
    for url in ["/stories", f"/stories/{story_id}.json", "/nope", "/search.json?q=%22", "/static/style.css"]:
        response = client.get(url)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert "script-src 'none'" in CONTENT_SECURITY_POLICY and "default-src 'self'" in CONTENT_SECURITY_POLICY


def test_pages_contain_no_script_and_no_inline_styles(seeded) -> None:
    client, _, ids, story_id = seeded
    for url in ["/stories", f"/stories/{story_id}", f"/articles/{ids[0]}", "/search?q=Poetin", "/nope"]:
        html = client.get(url).text
        assert "<script" not in html.lower(), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_interface_language_from_query_and_accept_language(seeded) -> None:
    client = seeded[0]
    assert "<h1>Verhalen</h1>" in client.get("/stories").text  # Dutch by default
    assert "<h1>Stories</h1>" in client.get("/stories", headers={"accept-language": "en-GB,en;q=0.9"}).text
    assert "<h1>Verhalen</h1>" in client.get("/stories", headers={"accept-language": "fr, nl;q=0.5"}).text
    english = client.get("/stories?lang=en", headers={"accept-language": "nl"}).text
    assert "<h1>Stories</h1>" in english and 'href="/search?lang=en"' in english
    assert client.get("/stories").headers["vary"] == "Accept-Language"


def test_xss_article_is_escaped_everywhere(fresh) -> None:
    client, store, _ids, story_id = fresh
    response = client.post("/api/articles", content=json.dumps(EVIL_ARTICLE), headers=AUTH)
    assert response.status_code == 201, response.text
    [evil_id] = response.json()["data"]["new_ids"]
    story = store.get_story(story_id)
    story.articles.append(evil_id)
    store.put_story(story)
    pages = [f"/articles/{evil_id}", f"/stories/{story_id}", "/search?q=Poetin+Sotsji", "/stories",
             f"/stories?outlet={EVIL_ARTICLE['outlet']}"]
    for url in pages:
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<b onmouseover" not in html, url
        assert 'href="javascript:' not in html.lower(), url
    article_page = client.get(f"/articles/{evil_id}").text
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in article_page  # shown, as text
    assert "javascript:alert(3)" in article_page  # the URL is visible, but not a link
    # the JSON twin carries the raw strings (JSON is not HTML), with the JSON content type
    api = client.get(f"/articles/{evil_id}.json")
    assert api.headers["content-type"] == "application/json"
    assert api.json()["data"]["article"]["title"] == EVIL_ARTICLE["title"]


def test_http_ingest_is_off_without_a_token(tmp_path: Path) -> None:
    store, settings, _ = seed_store(tmp_path, token=None)
    with TestClient(create_app(settings, store)) as client:
        response = client.post("/api/articles", content=json.dumps(EVIL_ARTICLE), headers=AUTH)
    assert response.status_code == 403 and response.json()["error"]["code"] == "E040"
    assert store.count_articles() == 5
    store.close()


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"])
def test_http_ingest_needs_the_right_bearer_token(fresh, header: str | None) -> None:
    client, store, _, _ = fresh
    headers = {"content-type": "application/json"} | ({"authorization": header} if header else {})
    response = client.post("/api/articles", content=json.dumps(EVIL_ARTICLE), headers=headers)
    assert response.status_code == 401 and response.json()["error"]["code"] == "E041"
    assert store.count_articles() == 5


def test_http_ingest_jsonl_with_rejections_like_the_cli(fresh) -> None:
    client, store, _, _ = fresh
    body = jsonl([{"id": "a1", "title": "Eén", "text": "Een eerste bericht over Sotsji en Poetin.", "published": "2020-09"},
                  {"id": "a2", "title": "Twee", "body": "Een tweede bericht, met alias body.", "publisher": "NOS"}])
    body += b'{"id": "broken", "text": \n{"title": "no text"}\n'
    response = client.post("/api/articles", content=body,
                           headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/x-ndjson"})
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert data["read"] == 2 and data["new"] == 2 and len(data["new_ids"]) == 2
    assert [r["line"] for r in data["rejected"]] == [3, 4]
    assert all(r["reason"] for r in data["rejected"])
    assert store.count_articles() == 7
    joined = store.stories_of(data["new_ids"])  # clustered like `storyline digest` does
    assert set(data["stories"]) == {s for ids in joined.values() for s in ids} and len(joined) == 2
    story_page = client.get(f"/stories/{data['stories'][0]}.json").json()["data"]
    assert set(data["new_ids"]) & {a["id"] for a in story_page["articles"]}
    again = client.post("/api/articles", content=body, headers={"authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200 and again.json()["data"]["new"] == 0 and again.json()["data"]["duplicate"] == 2


def test_http_ingest_of_nothing_readable_is_e001_with_the_reasons(fresh) -> None:
    client, store, _, _ = fresh
    response = client.post("/api/articles", content=b'[{"title": "only a title"}]', headers=AUTH)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "E001" and error["rejected"] and "text" in error["rejected"][0]["reason"]
    not_json = client.post("/api/articles", content=b"plain words", headers=AUTH)
    assert not_json.status_code == 400 and not_json.json()["error"]["code"] == "E043"
    wrong_type = client.post("/api/articles", content=b"[]",
                             headers={"authorization": f"Bearer {TOKEN}", "content-type": "text/html"})
    assert wrong_type.json()["error"]["code"] == "E043"
    assert store.count_articles() == 5


def test_http_ingest_body_limit(tmp_path: Path) -> None:
    from dataclasses import replace

    store, settings, _ = seed_store(tmp_path)
    settings = replace(settings, max_request_bytes=1000)
    with TestClient(create_app(settings, store)) as client:
        big = json.dumps([{"text": "woord " * 400}]).encode()
        response = client.post("/api/articles", content=big, headers=AUTH)
        assert response.status_code == 413 and response.json()["error"]["code"] == "E042"

        def chunks():  # no Content-Length: the limit holds while streaming
            for _ in range(5):
                yield b" " * 400
        streamed = client.post("/api/articles", content=chunks(), headers=AUTH)
        assert streamed.status_code == 413 and streamed.json()["error"]["code"] == "E042"
        small = client.post("/api/articles", content=json.dumps([{"text": "kort bericht"}]), headers=AUTH)
        assert small.status_code == 201
    assert store.count_articles() == 6
    store.close()


def test_http_ingest_that_fails_half_way_commits_nothing(tmp_path: Path) -> None:
    store, settings, _ = seed_store(tmp_path)
    # The 600th article of the body trips a constraint inside the database, after 599 rows went in
    # (more than one ingest batch of the CLI): the whole body must be rolled back.
    with store.atomic() as conn:
        conn.execute("CREATE TRIGGER poison AFTER INSERT ON articles WHEN new.external_id = 'n599' "
                     "BEGIN SELECT RAISE(ABORT, 'simulated failure half-way'); END")
    records = [{"id": f"n{i}", "text": f"Bericht nummer {i} over de lening aan Wit-Rusland."} for i in range(650)]
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
        response = client.post("/api/articles", content=jsonl(records), headers=AUTH)
        assert response.status_code == 500
        assert response.json() == {"ok": False, "error": response.json()["error"]}
        assert response.json()["error"]["code"] == "E063"
        assert store.count_articles() == 5
        assert client.get("/search.json", params={"q": "nummer"}).json()["data"]["results"] == []
        with store.atomic() as conn:
            conn.execute("DROP TRIGGER poison")
        again = client.post("/api/articles", content=jsonl(records), headers=AUTH)
        assert again.status_code == 201 and again.json()["data"]["new"] == 650
    assert store.count_articles() == 655
    store.close()


def test_http_ingest_refreshes_the_stories_it_changes(fresh) -> None:
    client, store, ids, story_id = fresh
    before = client.get(f"/stories/{story_id}.json").json()["data"]
    assert client.app.state.digests.peek(story_id) is not None
    seed = store.get_article(ids[0]).article
    follow_up = {"id": "follow-up", "title": "Vervolg", "published": "2020-09-16", "outlet": "Testbode",
                 "text": seed.text + " Dinsdag reageerde de oppositie opnieuw."}  # the same matter, one day on
    response = client.post("/api/articles", content=json.dumps(follow_up), headers=AUTH)
    assert response.status_code == 201 and story_id in response.json()["data"]["stories"]
    assert client.app.state.digests.peek(story_id) is None
    after = client.get(f"/stories/{story_id}.json").json()["data"]
    assert after["article_count"] == before["article_count"] + 1
    assert "Testbode" in client.get(f"/stories/{story_id}").text


def test_openapi_document_lists_every_api_route(seeded) -> None:
    client = seeded[0]
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    for path in ["/stories.json", "/stories/{story_id}.json", "/articles/{key}.json", "/search.json", "/api/articles"]:
        assert path in doc["paths"], path
    assert "post" in doc["paths"]["/api/articles"]


def test_stories_are_paged_newest_first(fresh, tmp_path: Path) -> None:
    from storyline.model import Story
    from storyline.pipeline import ingest
    from storyline.settings import Settings

    client, store, ids, _ = fresh
    feed = tmp_path / "more.jsonl"
    feed.write_bytes(jsonl([{"id": f"p{i}", "title": f"Verhaal {i}", "text": f"Bericht {i} over iets anders.",
                             "published": f"2021-01-{i + 1:02d}", "outlet": "Testbode"} for i in range(25)]))
    new_ids = ingest([str(feed)], store, Settings(db=store.path)).new_ids
    store.put_stories([Story(id=f"page-{i}", title=f"Verhaal {i}", articles=[article_id])
                       for i, article_id in enumerate(new_ids)])  # 25 one-report stories
    first = client.get("/stories.json").json()
    assert first["meta"] | {"filters": None} == {"page": 1, "pages": 2, "per_page": 20, "total": 26, "filters": None}
    listed = [s["id"] for s in first["data"]["stories"]]
    assert listed[:3] == ["page-24", "page-23", "page-22"]  # newest report first
    second = client.get("/stories.json", params={"page": 2}).json()["data"]["stories"]
    assert [s["id"] for s in second][-1] == seed_story(store, ids)  # 2020 last
    assert len(second) == 6
    page = client.get("/stories", params={"outlet": "testbode", "lang": "en"}).text
    assert 'rel="next" href="/stories?outlet=testbode&amp;page=2&amp;lang=en"' in page
    assert "page 1 of 2" in page
    only = client.get("/stories.json", params={"outlet": "Testbode", "from": "2021-01-25"}).json()["data"]["stories"]
    assert [s["id"] for s in only] == ["page-24"]
    assert client.get("/stories.json", params={"page": 9}).json()["data"]["stories"] == []


def test_stories_of_the_same_day_list_the_most_reported_first(fresh, tmp_path: Path) -> None:
    from storyline.model import Story
    from storyline.pipeline import ingest
    from storyline.settings import Settings

    client, store, _, _ = fresh
    feed = tmp_path / "day.jsonl"
    feed.write_bytes(jsonl([{"id": f"d{i}", "title": f"Verhaal {i}", "text": f"Bericht {i} over iets anders.",
                             "published": "2022-03-01", "outlet": "Testbode"} for i in range(4)]))
    a, b, c, d = ingest([str(feed)], store, Settings(db=store.path)).new_ids
    store.put_stories([Story(id="a-small", title="Klein", articles=[a])])  # saved last: the newest update
    store.put_stories([Story(id="z-large", title="Groot", articles=[b, c, d])])
    store.put_stories([Story(id="a-small", title="Klein", articles=[a])])
    listed = [s["id"] for s in client.get("/stories.json").json()["data"]["stories"]]
    assert listed[:2] == ["z-large", "a-small"]


def test_fast_path_answers_exactly_like_the_route(fresh) -> None:
    client, _, _, story_id = fresh
    for url, headers in [(f"/stories/{story_id}.json", {}), (f"/stories/{story_id}", {"accept-language": "en"}),
                         (f"/stories/{story_id}?lang=nl", {"accept-language": "en"})]:
        hits = client.app.state.digests.page_hits
        built = client.get(url, headers=headers)  # first view: built by the route
        assert client.app.state.digests.page_hits == hits, url
        cached = client.get(url, headers=headers)  # then: from the fast path
        assert client.app.state.digests.page_hits == hits + 1, url
        assert built.status_code == cached.status_code == 200
        assert built.content == cached.content, url
        for name in ("content-type", "content-security-policy", "x-content-type-options", "referrer-policy", "vary"):
            assert built.headers.get(name) == cached.headers.get(name), (url, name)
        assert cached.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    english = client.get(f"/stories/{story_id}", headers={"accept-language": "en"}).text
    dutch = client.get(f"/stories/{story_id}", headers={"accept-language": "nl"}).text
    assert "<h2 id=\"h-summary\">Summary</h2>" in english and "<h2 id=\"h-summary\">Samenvatting</h2>" in dutch


def test_syndicated_copy_is_shown_as_also_published_by(fresh) -> None:
    client, store, ids, story_id = fresh
    original = store.get_article(ids[2]).article
    copy = {"id": "copy-1", "title": original.title, "text": original.text, "outlet": "Kopieblad",
            "url": "https://kopieblad.example/artikel", "published": "2020-09-15"}
    response = client.post("/api/articles", content=json.dumps(copy), headers=AUTH)
    assert response.status_code == 201, response.text
    [copy_id] = response.json()["data"]["new_ids"]
    digest = client.get(f"/stories/{story_id}.json").json()["data"]
    groups = [g for g in digest["duplicates"] if copy_id in g]
    assert groups and groups[0][0] == ids[2]  # the first report is the original
    page = client.get(f"/stories/{story_id}").text
    section = page[page.index('id="duplicates"'):]
    assert "Ook gepubliceerd door" in section and "Kopieblad" in section[: section.index("</section>")]
