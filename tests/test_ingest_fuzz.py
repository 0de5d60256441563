"""Any bytes under any name give only Articles and Rejecteds: the readers never raise on bad input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import read_bytes
from storyline.model import Article, Rejected

_MARKUP = [b"<html>", b"<body>", b"<p>", b"</p>", b"<rss version='2.0'>", b"<channel>", b"<item>", b"<title>",
           b"</title>", b"<description>", b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<entry>", b"{", b"}",
           b"[", b"]", b'"text": ', b'"id": ', b'"published": "2020-09"', b",", b"\n", b" date 2020-09 ",
           b"Beeld EPA", b"\xeb", b"\xc3\xab", b"\x00", b"&amp;", b"<![CDATA[", b"]]>", b"Een zin over Minsk. "]
_CHUNKS = st.lists(st.one_of(st.sampled_from(_MARKUP), st.binary(max_size=12)), max_size=40).map(b"".join)


@given(_CHUNKS, st.sampled_from(["a.txt", "a.jsonl", "a.json", "a.html", "a.xml", "noext"]),
       st.sampled_from([None, "text/html", "application/rss+xml", "application/json", "text/plain; charset=utf-8"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_read_bytes_never_raises(data: bytes, name: str, content_type: str | None) -> None:
    items = list(read_bytes(data, name, name, content_type=content_type))
    assert items, "every input gives at least one Article or Rejected"
    for item in items:
        assert isinstance(item, (Article, Rejected))
        if isinstance(item, Rejected):
            assert item.reason and item.source.startswith(name)
        else:
            assert item.text.strip() and item.source.startswith(name)
