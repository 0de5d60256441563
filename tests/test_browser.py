"""The pages in a real headless Chromium (Debian's, driven by Playwright) against a real `storyline serve`.

As a reader would: open the seed story, open a citation, read the facts, search, use the keyboard
and a phone-width screen; an article full of markup runs no script. Screenshots go to
test-artifacts/. Skipped, with the reason, only where no Chromium is installed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
from test_web_support import ARTIFACTS, EVIL_ARTICLE, TOKEN, Server, seed_store, seed_story

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
# The story digest carries facts (storyline.facts wired into the digest): set True to require the
# conflict badge and the arrests conflict in the facts table of the seed story.
FACTS_IN_DIGEST = True
# The story digest carries a cited summary (storyline.summarize wired into the digest).
SUMMARY_IN_DIGEST = True


def _no_browser_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return (f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium); "
                ".ci/run does this in CI")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """A seeded database served by a real `storyline serve` subprocess, plus one headless browser."""
    reason = _no_browser_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    store, settings, ids = seed_store(tmp_path_factory.mktemp("browser"))
    story_id = seed_story(store, ids)
    store.close()
    server = Server(settings.db, token=TOKEN)
    try:
        evil = httpx.post(server.base + "/api/articles", content=json.dumps(EVIL_ARTICLE),
                          headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/json"})
        assert evil.status_code == 201, evil.text
        ARTIFACTS.mkdir(exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                digest = httpx.get(f"{server.base}/stories/{story_id}.json", timeout=60).json()["data"]
                yield {"base": server.base, "story": story_id, "ids": ids, "browser": browser, "digest": digest,
                       "evil": evil.json()["data"]["new_ids"][0]}
            finally:
                browser.close()
    finally:
        server.stop()


@pytest.fixture()
def page(site):
    context = site["browser"].new_context(viewport={"width": 1100, "height": 900}, locale="nl-NL")
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_stories_list_leads_to_the_seed_story(site, page) -> None:
    page.goto(site["base"] + "/stories")
    headline = site["digest"]["headline"]
    link = page.get_by_role("link", name=headline)
    assert link.is_visible()
    assert page.locator("ol.stories li").filter(has=link).locator(".badge.conflict").is_visible()
    link.click()
    page.wait_for_url(f"**/stories/{site['story']}")
    assert page.locator("h1").inner_text() == headline
    page.screenshot(path=str(ARTIFACTS / "stories-to-story.png"), full_page=True)


def test_seed_story_page_shows_sources_timeline_and_events(site, page) -> None:
    page.goto(f"{site['base']}/stories/{site['story']}")
    sources = page.locator("table.sources tbody tr")
    assert sources.count() == 5
    assert "000_c21658cd86badd4b.txt" in sources.first.inner_text()
    digest = site["digest"]
    svg = page.locator("svg.timeline")
    assert svg.is_visible()
    assert svg.locator("g.entry").count() == len(digest["timeline"]) >= 2
    titles = svg.locator("g.entry title").all_text_contents()
    assert all(entry["label"] in title for entry, title in zip(digest["timeline"], titles, strict=True))
    assert page.locator("#events li").count() == len(digest["events"])
    names = page.locator("table.entities tbody th").all_inner_texts()
    assert any("Poetin" in n or "Putin" in n for n in names)
    page.screenshot(path=str(ARTIFACTS / "story-page.png"), full_page=True)


def test_citation_opens_the_supporting_sentence(site, page) -> None:
    if not SUMMARY_IN_DIGEST:
        pytest.skip("the story digest has no summary yet; set SUMMARY_IN_DIGEST = True when storyline.summarize "
                    "is wired into the digest")
    page.goto(f"{site['base']}/stories/{site['story']}")
    cite = page.locator("details.cite").first
    quote = cite.locator("blockquote")
    assert not quote.is_visible()
    cite.locator("summary").click()
    assert quote.is_visible() and len(quote.inner_text()) > 20
    page.screenshot(path=str(ARTIFACTS / "citation-open.png"), full_page=True)
    page.set_viewport_size({"width": 1100, "height": 1500})
    page.screenshot(path=str(ARTIFACTS / "story-page-top.png"))  # docs/story-page.png is a copy of this
    # and by keyboard: focus the next marker and press Enter
    second = page.locator("details.cite summary").nth(1)
    second.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.cite").nth(1).locator("blockquote").is_visible()


def test_conflict_badge_and_arrests_conflict_in_the_facts_table(site, page) -> None:
    if not FACTS_IN_DIGEST:
        pytest.skip("the story digest has no facts yet; set FACTS_IN_DIGEST = True when storyline.facts is wired "
                    "into the digest")
    page.goto(f"{site['base']}/stories/{site['story']}")
    assert page.locator("header .badge.conflict").is_visible()
    first_fact = page.locator("table.facts tbody tr").first
    assert "verdict-row-conflict" in (first_fact.get_attribute("class") or "")
    text = first_fact.inner_text()
    assert "774" in text and ("duizend" in text or "1000" in text)
    page.screenshot(path=str(ARTIFACTS / "facts-conflict.png"), full_page=True)


def test_search_from_the_form(site, page) -> None:
    page.goto(site["base"] + "/search")
    page.get_by_label("Zoekvraag").fill("Poetin lening")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Poetin+lening*")
    results = page.locator("ol.results li")
    assert results.count() >= 2
    assert results.first.locator("mark").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    page.get_by_label("Zoekvraag").fill("AND (")
    page.keyboard.press("Enter")
    alert = page.get_by_role("alert")
    assert "E030" in alert.inner_text() and "double quotes" in alert.inner_text()
    page.screenshot(path=str(ARTIFACTS / "search-bad-query.png"))


def test_article_with_markup_runs_no_script(site, page) -> None:
    page.goto(f"{site['base']}/articles/{site['evil']}")
    assert page.locator("h1").inner_text() == EVIL_ARTICLE["title"]
    assert page.locator("img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.goto(f"{site['base']}/search?q=Poetin+Sotsji")
    page.goto(f"{site['base']}/stories")
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_keyboard_skip_link_and_focus(site, page) -> None:
    page.goto(site["base"] + "/stories")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_phone_width_has_no_sideways_scrolling(site) -> None:
    context = site["browser"].new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                          device_scale_factor=2, locale="en-GB")
    pg = context.new_page()
    try:
        for url in ["/stories", f"/stories/{site['story']}", f"/articles/{site['ids'][2]}", "/search?q=Poetin"]:
            pg.goto(site["base"] + url)
            overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, (url, overflow)
        pg.goto(f"{site['base']}/stories/{site['story']}")
        assert pg.locator("h2#h-sources").inner_text() == "Sources"  # English from Accept-Language
        pg.screenshot(path=str(ARTIFACTS / "story-phone.png"), full_page=True)
    finally:
        context.close()
