"""Readers: inputs (files, folders, globs, stdin, URLs) → Article or Rejected, never an exception (layer 2).

Public API::

    sources, rejected = expand_inputs(["news/", "feed.xml", "-"], settings)
    for item in read_source(sources[0], settings): ...      # Article | Rejected
    for item in read_inputs(["news/"], settings): ...        # both steps, rejections included

The format is chosen by extension, HTTP content type, then content sniffing (see ``detect``).

What the readers put in an Article (``fmt`` names the reader: text | json | html | feed):

- ``source``: the path as expanded (or ``stdin``, or the URL); JSONL lines ``path:N``, JSON array
  items ``path#N``, feed items ``feed#N``.
- ``external_id``: the file name for text/HTML files (``000_c21658cd86badd4b.txt``; files of one
  run that share a name get the shortest trailing path that tells them apart, ``d30001t/C1``), the JSON
  ``id`` as a string (else ``name:N``), the feed item's guid/id (else its link), the final URL
  for a fetched page.
- ``Rejected.source`` is the path/URL/``stdin``; ``line`` is set for JSON(L) errors and XML errors.
  A malformed feed from which items were recovered yields those items plus one Rejected.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from storyline.ingest.decode import Decoded, decode_bytes, read_file_bytes, read_limited
from storyline.ingest.detect import Format, detect_format
from storyline.ingest.jsonl import read_json
from storyline.ingest.sources import InputSource, expand_inputs
from storyline.ingest.text import read_text
from storyline.model import Article, Rejected
from storyline.settings import Settings

if TYPE_CHECKING:
    from storyline.ingest.fetch import Fetched

__all__ = ["InputSource", "expand_inputs", "read_bytes", "read_inputs", "read_source"]


def read_source(source: InputSource, settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Article | Rejected]:
    """Read one source and yield its articles; every problem is a Rejected with a reason, never an exception.

    ``stdin`` replaces ``sys.stdin.buffer`` for the '-' source (tests, the web API).
    """
    try:
        if source.kind == "url":
            fetched = _heavy("fetch").fetch_url(source.location, settings)
            if isinstance(fetched, Rejected):
                yield fetched
                return
            yield from _read_fetched(source, fetched)
            return
        if source.kind == "stdin":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = read_limited(stream, settings.max_input_bytes)
        else:
            data = read_file_bytes(source.location, settings.max_input_bytes)
        if not isinstance(data, bytes):
            yield Rejected(source.location if source.kind == "file" else "stdin", data.reason)
            return
        label = "stdin" if source.kind == "stdin" else source.location
        yield from read_bytes(data, label, source.name)
    except (MemoryError, RecursionError) as exc:
        yield Rejected(source.location, f"input too complex to read ({type(exc).__name__})")


def read_bytes(data: bytes, source: str, name: str, content_type: str | None = None,
               charset: str | None = None, url: str | None = None) -> Iterator[Article | Rejected]:
    """Read raw input bytes (a file's, stdin's or an HTTP body) with the right reader.

    ``source`` is what Article.source/Rejected.source will say; ``name`` the display name used as
    external id for one-article formats. The web API can call this for uploaded bodies.
    """
    decoded = decode_bytes(data, charset)
    if not isinstance(decoded, Decoded):
        yield Rejected(source, decoded.reason)
        return
    fmt: Format = detect_format(url or name, decoded.text[:4096], content_type)
    if fmt == "json":
        yield from read_json(decoded.text, source, name)
    elif fmt == "html":
        yield from _heavy("html").read_html(decoded.text, source, name, url=url)
    elif fmt == "feed":
        # feedparser honours the XML encoding declaration itself, so it gets the bytes.
        yield from _heavy("feed").read_feed(data, source, name)
    else:
        yield from read_text(decoded.text, source, name)


def _heavy(module: str) -> Any:
    """The html/feed/fetch reader module, imported on first use.

    trafilatura, feedparser and httpx take ~0.6 s to import; a run over text and JSONL files (and
    every CLI command that never reads input) should not pay for them. Not a cycle: these modules
    import nothing from this package's ``__init__``.
    """
    return importlib.import_module(f"storyline.ingest.{module}")


def _read_fetched(source: InputSource, fetched: Fetched) -> Iterator[Article | Rejected]:
    """Read an HTTP response body; the content type and the body decide between article and feed."""
    yield from read_bytes(fetched.data, fetched.url, fetched.final_url, fetched.content_type, fetched.charset,
                          url=fetched.final_url)


def read_inputs(inputs: Sequence[str], settings: Settings) -> Iterator[Article | Rejected]:
    """Expand ``inputs`` and read every source: path rejections first, then each source's items in order."""
    sources, rejected = expand_inputs(inputs, settings)
    yield from rejected
    for source in sources:
        yield from read_source(source, settings)
