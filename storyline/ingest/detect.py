"""Which reader a source needs: by file extension, HTTP content type, then by sniffing content (layer 2)."""

from __future__ import annotations

import os
import re
from typing import Literal

Format = Literal["text", "json", "html", "feed"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "json", ".ndjson": "json", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}
CONTENT_TYPES: dict[str, Format] = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/xml": "feed", "text/xml": "feed",
    "application/json": "json", "application/x-ndjson": "json", "application/jsonl": "json",
    "application/x-jsonlines": "json", "text/plain": "text",
}
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html|head|body|article)\b", re.IGNORECASE)
_JSON_START = re.compile(r"^\ufeff?\s*(?:\{\s*(?:\"|\})|\[\s*(?:\{|\]))")


def sniff_format(head: str) -> Format:
    """Guess the format from the first characters of the content; plain text when nothing matches."""
    start = head[:4096]
    if _JSON_START.match(start):
        return "json"
    stripped = start.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        feed = _FEED_ROOT.search(start)
        html = _HTML_ROOT.search(start)
        if feed and (not html or feed.start() < html.start()):
            return "feed"
        if html:
            return "html"
        if stripped.startswith("<?xml"):
            return "feed"
        return "html"
    return "text"


def detect_format(name: str, head: str, content_type: str | None = None) -> Format:
    """Format of an input: a known extension wins, then the HTTP content type, then the content.

    ``.xml`` and XML content types are checked against the content, because servers label
    HTML pages and feeds loosely.
    """
    ext = os.path.splitext(name.split("?", 1)[0].split("#", 1)[0])[1].lower()
    by_ext = EXTENSIONS.get(ext)
    if by_ext is not None and by_ext != "feed":
        return by_ext
    if by_ext == "feed":
        sniffed = sniff_format(head)
        return "html" if sniffed == "html" else "feed"
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        by_type = CONTENT_TYPES.get(mime)
        if by_type in ("feed", "html", "text"):
            sniffed = sniff_format(head)
            if sniffed in ("feed", "html") and sniffed != by_type:
                return sniffed
            return by_type if by_type != "text" or sniffed == "text" else sniffed
        if by_type is not None:
            return by_type
    return sniff_format(head)
