"""HTML article pages → Article via trafilatura: main text, title, author, date, canonical URL, outlet (layer 2).

Malformed HTML is read best effort (lxml repairs it); a page without an article body (an index
page, an empty shell that needs JavaScript) becomes a Rejected that says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura

from storyline.ingest.dates import parse_date
from storyline.ingest.markup import outlet_from_url
from storyline.ingest.normalize import clean_inline, language_code, normalize_text
from storyline.model import Article, PartialDate, Rejected

# Only metadata near the top of the page is trusted for the date; no guessing from body text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_PUBLISHED_TIME = re.compile(
    r"""(?:article:published_time|datePublished|date_published|pubdate|publish-date|dc\.date)["']?"""
    r"""[^>]{0,80}?(?:content=|:\s*)["'](\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}[^"']{0,12})["']""",
    re.IGNORECASE,
)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
MIN_WORDS = 10  # less than this is a navigation stub or an error page, not an article


def _published(html: str, day: str | None) -> PartialDate | None:
    """Day from trafilatura/htmldate, refined to the minute when a page meta tag gives that day's time."""
    date = parse_date(day) if day else None
    m = _PUBLISHED_TIME.search(html[:200_000])
    if m:
        precise = parse_date(m.group(1))
        if precise is not None and (date is None or (precise.year, precise.month, precise.day)
                                    == (date.year, date.month, date.day)):
            return precise
    return date


def read_html(html: str, source: str, name: str, url: str | None = None) -> Iterator[Article | Rejected]:
    """Read one HTML article page; ``url`` (when fetched) helps resolve the canonical URL and outlet."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted input: report, never crash the run
        yield Rejected(source, f"malformed HTML that could not be parsed ({type(exc).__name__}: {exc})")
        return
    if doc is None or not (doc.text or "").strip():
        yield Rejected(source, "no article text found in the HTML page (an index page, or content that needs "
                               "JavaScript?)")
        return
    title = clean_inline(doc.title)
    lines = doc.text.split("\n")
    if title and lines and clean_inline(lines[0]) == title:
        lines = lines[1:]  # the page's <h1> repeats the title
    clean = normalize_text("\n\n".join(line for line in lines if line.strip()))
    if len(clean.text.split()) < MIN_WORDS:
        yield Rejected(source, f"no article text found in the HTML page (fewer than {MIN_WORDS} words outside "
                               "navigation and boilerplate)")
        return
    canonical = clean_inline(doc.url) or url
    lang = _HTML_LANG.search(html[:5000])
    yield Article(
        text=clean.text,
        title=title,
        published=_published(html, doc.date),
        outlet=clean_inline(doc.sitename) or outlet_from_url(canonical),
        url=canonical,
        language=language_code(doc.language) or (lang.group(1).lower() if lang else None),
        author=clean_inline(doc.author) or clean.author,
        source=source,
        external_id=name,
        boilerplate=clean.boilerplate,
        fmt="html",
    )
