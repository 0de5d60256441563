"""JSONL / JSON reader for the article schema of ARCHITECTURE.md, with aliases of common exports (layer 2).

Schema: ``id``, ``title``, ``text``, ``published`` (partial ISO allowed), ``outlet``, ``url``,
``language``. Aliases: ``published_at``/``date``/…, ``publisher``/``source``, ``body``/``content``.
A broken line becomes Rejected(path, reason, line=N) and the rest of the file is still read.
Per-article work is kept cheap: the ingest benchmark wants thousands of articles a second.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storyline.ingest.dates import parse_date
from storyline.ingest.markup import html_to_text, looks_like_html
from storyline.ingest.normalize import clean_inline, language_code, normalize_text
from storyline.model import Article, Rejected

ID_FIELDS = ("id", "_id", "article_id", "guid", "uuid")
TITLE_FIELDS = ("title", "headline")
TEXT_FIELDS = ("text", "body", "content", "article_text", "maintext")
DATE_FIELDS = ("published", "published_at", "date", "pubDate", "datePublished", "publication_date",
               "date_publish", "timestamp", "time")
OUTLET_FIELDS = ("outlet", "publisher", "source", "site_name", "sitename", "source_domain")
URL_FIELDS = ("url", "link", "canonical_url")
LANGUAGE_FIELDS = ("language", "lang")
AUTHOR_FIELDS = ("author", "authors", "byline")
WRAPPER_KEYS = ("articles", "items", "data", "results", "documents")


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    """The first present, non-empty value among ``names``."""
    for name in names:
        value = record.get(name)
        if value is not None and value != "" and value != []:
            return value
    return None


def _as_text(value: Any) -> str | None:
    """A field value as a string: names inside dicts ({'name': …}), lists joined with ', '."""
    if value is None:
        return None
    if isinstance(value, dict):
        if isinstance(value.get("rendered"), str):  # WordPress REST: {"rendered": "Kop &amp; meer"}
            return html_to_text(value["rendered"])
        value = value.get("name") or value.get("title") or value.get("id")
    if isinstance(value, list):
        parts = [_as_text(v) for v in value]
        value = ", ".join(p for p in parts if p)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def record_to_article(record: Any, source: str, fallback_id: str) -> Article | Rejected:
    """One decoded JSON object → Article, or Rejected naming what is missing or wrong."""
    if not isinstance(record, dict):
        return Rejected(source, f"expected a JSON object, found {type(record).__name__}")
    raw_id = _first(record, ID_FIELDS)
    external_id = _as_text(raw_id) if raw_id is not None else None
    which = f"article {external_id}" if external_id else "the article"
    raw_text = _first(record, TEXT_FIELDS)
    if isinstance(raw_text, dict):  # WordPress REST: "content": {"rendered": "<p>…</p>"}
        raw_text = raw_text.get("rendered")
    if not isinstance(raw_text, str) or not raw_text.strip():
        if raw_text is not None and not isinstance(raw_text, str):
            return Rejected(source, f"{which}: field 'text' must be a string, found {type(raw_text).__name__}")
        return Rejected(source, f"{which} has no text: 'text' (or 'body'/'content') is missing or empty")
    clean = normalize_text(html_to_text(raw_text) if looks_like_html(raw_text) else raw_text)
    if not clean.text:
        return Rejected(source, f"{which} has no text (only boilerplate lines)")
    language = _as_text(_first(record, LANGUAGE_FIELDS))
    partial = record.get("partial")
    return Article(
        text=clean.text,
        title=clean_inline(_as_text(_first(record, TITLE_FIELDS))),
        published=parse_date(_first(record, DATE_FIELDS)),
        outlet=clean_inline(_as_text(_first(record, OUTLET_FIELDS))),
        url=clean_inline(_as_text(_first(record, URL_FIELDS))),
        language=language_code(language),
        author=clean_inline(_as_text(_first(record, AUTHOR_FIELDS))) or clean.author,
        source=source,
        external_id=external_id or fallback_id,
        boilerplate=clean.boilerplate,
        partial=partial is True,
        fmt="json",
    )


def read_json(text: str, source: str, name: str) -> Iterator[Article | Rejected]:
    """Read JSONL (one object a line) or a JSON document (array, object, or {'articles': [...]})."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        yield from _read_document(stripped, source, name)
        return
    first_line = stripped.split("\n", 1)[0]
    try:
        json.loads(first_line)
    except ValueError:
        # Not JSONL from the first line on: maybe one pretty-printed JSON document.
        try:
            json.loads(stripped)
        except ValueError:
            pass
        else:
            yield from _read_document(stripped, source, name)
            return
    yield from _read_lines(text, source, name)


def _read_lines(text: str, source: str, name: str) -> Iterator[Article | Rejected]:
    """JSON Lines: every non-blank line one object; a broken line is reported with its number."""
    loads = json.loads
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = loads(line)
        except ValueError as exc:
            yield Rejected(source, f"invalid JSON ({_short(exc)}); the other lines are still read", line=number)
            continue
        if isinstance(record, dict) and _wrapped(record) is not None:
            yield from _read_records(_wrapped(record) or [], source, name)
            continue
        result = record_to_article(record, f"{source}:{number}", f"{name}:{number}")
        if isinstance(result, Rejected):
            yield Rejected(source, result.reason, line=number)
        else:
            yield result


def _read_document(text: str, source: str, name: str) -> Iterator[Article | Rejected]:
    """A whole JSON document: an array of articles, one article, or a wrapper with an article list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(source, f"invalid JSON ({exc.msg} at column {exc.colno}); nothing could be read from this file",
                       line=exc.lineno)
        return
    if isinstance(data, dict):
        wrapped = _wrapped(data)
        data = wrapped if wrapped is not None else [data]
    if not isinstance(data, list):
        yield Rejected(source, f"expected a JSON array or object of articles, found {type(data).__name__}")
        return
    yield from _read_records(data, source, name)


def _wrapped(record: dict[str, Any]) -> list[Any] | None:
    """The article list of a wrapper object ({'articles': [...]}) that has no text of its own, else None."""
    if any(k in record for k in TEXT_FIELDS):
        return None
    return next((record[k] for k in WRAPPER_KEYS if isinstance(record.get(k), list)), None)


def _read_records(data: list[Any], source: str, name: str) -> Iterator[Article | Rejected]:
    """Articles from a list of decoded objects; problems name the item number."""
    if not data:
        yield Rejected(source, "empty JSON array (no articles)")
        return
    for index, record in enumerate(data, start=1):
        result = record_to_article(record, f"{source}#{index}", f"{name}#{index}")
        if isinstance(result, Rejected):
            yield Rejected(source, f"item {index}: {result.reason}")
        else:
            yield result


def _short(exc: ValueError) -> str:
    """A JSON error message without the long position suffix."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return str(exc)[:120]
