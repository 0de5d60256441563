"""RSS 2.0 / Atom feeds → one Article per item, via feedparser (layer 2).

Dates are parsed from the raw strings with our own parser first (feedparser leaves Dutch dates
such as 'ma, 14 sep 2020 10:00:00 +0200' empty and invents 00:00 for date-only strings). Items
with only a summary are ingested with ``partial=True``. Malformed XML: when feedparser recovers
items they are read and one Rejected says the feed was broken; when none, the feed is rejected.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser

from storyline.ingest.dates import parse_date
from storyline.ingest.markup import html_to_text, outlet_from_url
from storyline.ingest.normalize import clean_inline, language_code, normalize_text
from storyline.model import Article, PartialDate, Rejected


def _xml_problem(exc: object) -> tuple[str, int | None]:
    """A short description of feedparser's bozo exception and its line number, when known."""
    line = None
    get_line = getattr(exc, "getLineNumber", None)
    if callable(get_line):
        try:
            line = int(get_line())
        except (TypeError, ValueError):
            line = None
    message = getattr(exc, "getMessage", None)
    text = message() if callable(message) else str(exc)
    return str(text)[:160], line


def _entry_date(entry: Any) -> PartialDate | None:
    """Publication date of an item: raw published/updated string first, then feedparser's parse."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            date = parse_date(raw)
            if date is not None:
                return date
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                if parsed.tm_hour == 0 and parsed.tm_min == 0:
                    return PartialDate(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
                return PartialDate(parsed.tm_year, parsed.tm_mon, parsed.tm_mday, parsed.tm_hour, parsed.tm_min)
            except ValueError:
                continue
    return None


def _entry_body(entry: Any) -> tuple[str, bool]:
    """The item's text and whether it is only a summary (partial)."""
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    if best.strip():
        return html_to_text(best), False
    return html_to_text(entry.get("summary") or entry.get("description") or ""), True


def read_feed(data: bytes | str, source: str, name: str) -> Iterator[Article | Rejected]:
    """Read an RSS/Atom feed; every item becomes an Article (or a Rejected naming the item)."""
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted input: report, never crash the run
        yield Rejected(source, f"malformed feed that could not be parsed ({type(exc).__name__}: {exc})")
        return
    entries = parsed.get("entries") or []
    if parsed.get("bozo"):
        problem, line = _xml_problem(parsed.get("bozo_exception"))
        if not entries:
            yield Rejected(source, f"malformed XML, no feed items could be read ({problem})", line=line)
            return
        yield Rejected(source, f"malformed XML ({problem}); read best effort, {len(entries)} item(s) recovered, "
                               "items after the error may be missing", line=line)
    elif not entries:
        kind = "an RSS/Atom feed without items" if parsed.get("version") else "not an RSS or Atom feed"
        yield Rejected(source, f"{kind}; nothing to read")
        return
    channel = parsed.get("feed") or {}
    outlet = clean_inline(channel.get("title")) or outlet_from_url(channel.get("link"))
    language = language_code(channel.get("language"))
    for number, entry in enumerate(entries, start=1):
        raw_text, partial = _entry_body(entry)
        clean = normalize_text(raw_text)
        title = clean_inline(entry.get("title"))
        if not clean.text:
            yield Rejected(source, f"item {number} ({title or 'untitled'}): no text in content or summary")
            continue
        link = clean_inline(entry.get("link"))
        yield Article(
            text=clean.text,
            title=title,
            published=_entry_date(entry),
            outlet=outlet,
            url=link,
            language=language_code(entry.get("language")) or language,
            author=clean_inline(entry.get("author")) or clean.author,
            source=f"{source}#{number}",
            external_id=clean_inline(entry.get("id")) or link or f"{name}#{number}",
            boilerplate=clean.boilerplate,
            partial=partial,
            fmt="feed",
        )
