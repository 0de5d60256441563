"""Plain-text reader: the seed format (' date YYYY-MM' header) and ordinary .txt articles (layer 2).

A file is one article. A leading ' date 2020-09' header gives the publication date at its own
precision; otherwise the date is unknown (None). The first line is the title when it looks like
a headline: short, no final full stop, followed by a blank line, and not boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from storyline.ingest.dates import split_date_header
from storyline.ingest.normalize import boilerplate_kind, clean_inline, normalize_text
from storyline.model import Article, Rejected

MAX_HEADLINE_CHARS = 160
MAX_HEADLINE_WORDS = 25
_FINAL_STOP = re.compile(r"[.,;…]$")


def looks_like_headline(line: str) -> bool:
    """True for a short line without a final full stop that is not boilerplate (a headline's shape)."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADLINE_CHARS or len(stripped.split()) > MAX_HEADLINE_WORDS:
        return False
    if _FINAL_STOP.search(stripped) and not stripped.endswith("..."):
        return False
    return boilerplate_kind(stripped) is None


def split_title(body: str) -> tuple[str | None, str]:
    """Split off the first line as title when it looks like a headline and a blank line follows."""
    text = body.lstrip("\ufeff \t\r\n")
    first, sep, rest = text.partition("\n")
    if not sep:
        return None, text
    if rest.lstrip(" \t\r").startswith("\n") and rest.strip() and looks_like_headline(first):
        return first.strip(), rest
    return None, text


def read_text(text: str, source: str, name: str) -> Iterator[Article | Rejected]:
    """Read one plain-text article; ``source`` is its path (or 'stdin'), ``name`` its file name."""
    header = split_date_header(text)
    title, body = split_title(header.body)
    clean = normalize_text(body)
    if not clean.text:
        reason = "no article text (only boilerplate lines)" if clean.boilerplate else "empty (no text in the input)"
        yield Rejected(source, reason)
        return
    yield Article(
        text=clean.text,
        title=clean_inline(title),
        published=header.published,
        author=clean.author,
        source=source,
        external_id=name,
        boilerplate=clean.boilerplate,
        fmt="text",
    )
