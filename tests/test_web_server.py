"""One real `storyline serve` subprocess on a free 127.0.0.1 port, spoken to over real HTTP."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from markupsafe import escape
from test_web_support import TOKEN, Server, drop_last_article, jsonl, restore_articles, seed_store, seed_story

from storyline.store import Store


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    store, settings, ids = seed_store(tmp_path_factory.mktemp("served"))
    story_id = seed_story(store, ids)
    server = Server(settings.db, token=TOKEN)
    try:
        yield server, store, ids, story_id
    finally:
        log = server.stop()
        store.close()
        assert "Traceback" not in log, log


def test_pages_and_json_over_real_http(served) -> None:
    server, _, ids, story_id = served
    with httpx.Client(base_url=server.base, timeout=10) as client:
        data = client.get(f"/stories/{story_id}.json").json()
        assert data["ok"] and sorted(a["id"] for a in data["data"]["articles"]) == sorted(ids)
        page = client.get(f"/stories/{story_id}")
        assert page.status_code == 200 and str(escape(data["data"]["headline"])) in page.text
        assert page.headers["content-security-policy"].startswith("default-src 'self'")
        assert "server" not in page.headers  # no software banner
        assert client.get("/search.json", params={"q": "Sotsji"}).json()["data"]["results"]
        missing = client.get("/nope.json")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "E060"


def _non_loopback_address() -> str | None:
    """An address of this machine other than 127.x, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("192.0.2.1", 9))  # no packet is sent for UDP connect
            address = sock.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_binds_to_loopback_only_by_default(served) -> None:
    server = served[0]
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://{address}:{server.port}/stories.json", timeout=3)


def test_reads_keep_working_while_an_http_ingest_runs(served) -> None:
    server, store, ids, story_id = served
    before = store.count_articles()
    records = [{"id": f"bulk-{i}", "title": f"Bericht {i}", "published": "2020-09-15", "outlet": "Testbode",
                "text": f"Bericht {i}: in Minsk werden {i} demonstranten opgepakt, meldt de oppositie. " * 8}
               for i in range(1000)]
    body = jsonl(records)
    result: dict[str, object] = {}

    def post() -> None:
        response = httpx.post(server.base + "/api/articles", content=body, timeout=120,
                              headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/x-ndjson"})
        result["status"] = response.status_code
        result["data"] = response.json()

    worker = threading.Thread(target=post)
    latencies: list[float] = []
    statuses: list[int] = []
    with httpx.Client(base_url=server.base, timeout=10) as client:
        worker.start()
        while worker.is_alive() or len(latencies) < 20:
            for url in (f"/stories/{story_id}.json", "/search.json?q=Loekasjenko", f"/articles/{ids[0]}"):
                t0 = time.perf_counter()
                statuses.append(client.get(url).status_code)
                latencies.append(time.perf_counter() - t0)
        worker.join()
    assert result["status"] == 201, result
    assert result["data"]["data"]["new"] == 1000  # type: ignore[index]
    assert set(statuses) == {200}
    assert max(latencies) < 5.0, max(latencies)
    assert store.count_articles() == before + 1000
    assert store.fts_in_sync()


def test_story_changed_by_another_process_is_shown_fresh(served) -> None:
    server, store, _, story_id = served
    assert httpx.get(f"{server.base}/stories/{story_id}.json").json()["data"]["article_count"] == 5
    old = drop_last_article(store, story_id)
    try:
        assert httpx.get(f"{server.base}/stories/{story_id}.json", timeout=60).json()["data"]["article_count"] == 4
        assert "4 berichten" in httpx.get(f"{server.base}/stories/{story_id}", timeout=60).text
    finally:
        restore_articles(store, story_id, old)


def test_serve_refuses_a_database_it_cannot_open(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(RuntimeError, match="E010"):
        Server(str(bad))


def test_post_without_token_is_refused_by_a_server_without_one(tmp_path: Path) -> None:
    db = str(tmp_path / "plain.db")
    Store(db).close()
    server = Server(db)
    try:
        response = httpx.post(server.base + "/api/articles", content=json.dumps({"text": "x y z"}),
                              headers={"authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 403 and response.json()["error"]["code"] == "E040"
    finally:
        server.stop()
