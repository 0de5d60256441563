"""Small HTML helpers shared by the readers: fragments to paragraphs, outlet from a URL (layer 2).

Kept apart from ``html.py`` so the JSON and feed readers can use them without importing trafilatura.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

_BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "figcaption", "td")
_SPACE = re.compile(r"\s+")
_BLANK_RUN = re.compile(r"\n{3,}")
_TAG = re.compile(r"</?[A-Za-z][^>]{0,400}>")
_MARKUP_HINT = re.compile(r"<(?:p|br|div|span|a|em|strong|b|i|h[1-6]|li|ul|ol|figure|img|blockquote)\b[^>]{0,400}>",
                          re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when a text field carries HTML markup (``<p>``, ``<br>``, …), e.g. a CMS export's body."""
    return "<" in text and _MARKUP_HINT.search(text) is not None


def outlet_from_url(url: str | None) -> str | None:
    """The host name without 'www.' as a stand-in outlet name ('nos.nl'); None without a URL."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.lower()
    return (host.removeprefix("www.")) or None


def html_to_text(fragment: str) -> str:
    """An HTML fragment (feed item content) as plain text, one paragraph per block element."""
    if "<" not in fragment:
        return html.unescape(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _TAG.sub(" ", fragment)
    for el in root.iter():
        # Source line breaks in HTML are plain whitespace; only blocks and <br> break lines.
        if el.text:
            el.text = _SPACE.sub(" ", el.text)
        if el.tail:
            el.tail = _SPACE.sub(" ", el.tail)
    for el in root.iter(*_BLOCK_TAGS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = [line.strip() for line in root.text_content().split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()
