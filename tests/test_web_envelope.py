"""Every JSON answer of every route is the one envelope, errors included (404, 405, 422, 4xx, 500).

The route table is walked, so a new route without a case here fails ``test_every_route_has_a_case``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route
from test_web_support import TOKEN, seed_store, seed_story

from storyline.web.app import create_app

ERROR_KEYS = {"code", "message", "hint"}


def routes(app: Any) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route, including those of included routers; mounts as (path, {'GET'})."""
    out: list[tuple[str, set[str]]] = []

    def walk(items: list[Any]) -> None:
        for route in items:
            if isinstance(route, Mount):
                out.append((route.path, {"GET"}))
            elif isinstance(route, Route):
                out.append((route.path, set(route.methods or ())))
            elif hasattr(route, "original_router"):
                walk(route.original_router.routes)
            elif hasattr(route, "path"):
                out.append((route.path, set(getattr(route, "methods", None) or ())))

    walk(app.routes)
    return out


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory):
    store, settings, ids = seed_store(tmp_path_factory.mktemp("envelope"))
    story_id = seed_story(store, ids)
    client = TestClient(create_app(settings, store), raise_server_exceptions=False)
    with client:
        yield client, ids, story_id
    store.close()


def cases(ids: list[str], story_id: str) -> dict[str, dict[str, Any]]:
    """Per route path: a good request, a request with a bad parameter (422) when it has parameters."""
    return {
        "/openapi.json": {"good": "/openapi.json", "raw": True},
        "/": {"good": "/", "html": True},
        "/stories.json": {"good": "/stories.json?page=1", "bad": "/stories.json?page=zero"},
        "/stories": {"good": "/stories", "html": True, "bad": "/stories?from=yesterday"},
        "/stories/{story_id}.json": {"good": f"/stories/{story_id}.json", "missing": "/stories/nope.json"},
        "/stories/{story_id}": {"good": f"/stories/{story_id}", "html": True, "missing": "/stories/nope"},
        "/articles/{key}.json": {"good": f"/articles/{ids[0]}.json", "missing": "/articles/0000000000.json"},
        "/articles/{key}": {"good": f"/articles/{ids[0]}", "html": True, "missing": "/articles/0000000000"},
        "/search.json": {"good": "/search.json?q=Poetin", "bad": "/search.json?q=x&page=-1"},
        "/search": {"good": "/search?q=Poetin", "html": True, "bad": "/search?page=abc"},
        "/api/articles": {"post": True},
        "/static": {"good": "/static/style.css", "raw": True, "missing": "/static/nope.css"},
    }


def assert_envelope(response: Any, ok: bool) -> dict[str, Any]:
    assert response.headers["content-type"].startswith("application/json"), response.text[:200]
    body = response.json()
    assert body["ok"] is ok
    if ok:
        assert "data" in body and set(body) <= {"ok", "data", "meta"}
    else:
        assert set(body) == {"ok", "error"}
        assert ERROR_KEYS <= set(body["error"]), body
        assert body["error"]["code"].startswith("E") and body["error"]["message"] and body["error"]["hint"]
        assert response.status_code >= 400
    return body


def test_every_route_has_a_case(env) -> None:
    client, ids, story_id = env
    known = cases(ids, story_id)
    missing = [path for path, _ in routes(client.app) if path not in known]
    assert not missing, f"routes without an envelope case: {missing}"


def test_json_routes_answer_in_the_envelope(env) -> None:
    client, ids, story_id = env
    for path, methods in routes(client.app):
        case = cases(ids, story_id)[path]
        if case.get("post"):
            continue
        response = client.get(case["good"])
        assert response.status_code == 200, (path, response.text[:300])
        if case.get("html"):
            assert response.headers["content-type"].startswith("text/html")
        elif not case.get("raw"):
            assert_envelope(response, ok=True)
        if "bad" in case:
            bad = client.get(case["bad"], headers={"accept": "application/json"})
            assert bad.status_code == 422, (path, bad.text)
            assert assert_envelope(bad, ok=False)["error"]["code"] == "E062"
        if "missing" in case:
            gone = client.get(case["missing"], headers={"accept": "application/json"})
            assert gone.status_code == 404, path
            assert_envelope(gone, ok=False)


def test_wrong_method_is_a_405_envelope_on_every_route(env) -> None:
    client, ids, story_id = env
    for path, methods in routes(client.app):
        case = cases(ids, story_id)[path]
        url = "/api/articles" if case.get("post") else case["good"]
        method = "DELETE" if "DELETE" not in methods else "PATCH"
        response = client.request(method, url, headers={"accept": "application/json"})
        assert response.status_code == 405, (path, response.status_code)
        assert assert_envelope(response, ok=False)["error"]["code"] == "E061"
        assert response.headers.get("allow"), path


def test_unknown_paths_are_404_envelopes(env) -> None:
    client = env[0]
    for url in ["/nope.json", "/api/nothing", "/stories/a/b.json", "/api/articles/extra"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert assert_envelope(response, ok=False)["error"]["code"] == "E060"
    page = client.get("/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html") and "E060" in page.text


def test_post_articles_errors_are_envelopes(env) -> None:
    client = env[0]
    auth = {"authorization": f"Bearer {TOKEN}"}
    for headers, body, status, code in [
        ({}, b"[]", 401, "E041"),
        (auth, b"not json", 400, "E043"),
        (auth, b'[{"title": "no text"}]', 400, "E001"),
        (auth | {"content-type": "image/png"}, b"[]", 400, "E043"),
    ]:
        response = client.post("/api/articles", content=body, headers=headers)
        assert response.status_code == status, response.text
        assert assert_envelope(response, ok=False)["error"]["code"] == code
    good = client.post("/api/articles", content=json.dumps([{"text": "Een kort bericht over niets."}]), headers=auth)
    assert good.status_code == 201
    assert_envelope(good, ok=True)


def test_internal_errors_are_500_envelopes(env, monkeypatch: pytest.MonkeyPatch) -> None:
    client, _, _story_id = env
    from storyline.web import views

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "search_page", broken)
    response = client.get("/search.json?q=Poetin")
    assert response.status_code == 500
    body = assert_envelope(response, ok=False)
    assert body["error"]["code"] == "E063" and "boom" not in json.dumps(body)
    page = client.get("/search?q=Poetin")
    assert page.status_code == 500 and "E063" in page.text and "boom" not in page.text


def test_json_clients_get_envelopes_from_page_routes_too(env) -> None:
    client = env[0]
    response = client.get("/stories/nope", headers={"accept": "application/json"})
    assert response.status_code == 404
    assert assert_envelope(response, ok=False)["error"]["code"] == "E021"


def test_paths_are_plain_files(tmp_path: Path) -> None:
    """Static files cannot escape their folder."""
    store, settings, _ = seed_store(tmp_path)
    with TestClient(create_app(settings, store)) as client:
        for url in ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py"]:
            response = client.get(url)
            assert response.status_code == 404, url
            assert "create_app" not in response.text
    store.close()
