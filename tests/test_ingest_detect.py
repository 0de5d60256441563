"""Format detection (extension, content type, sniffing) and byte decoding rules."""

from __future__ import annotations

import pytest

from storyline.ingest.decode import Decoded, Undecodable, binary_kind, decode_bytes
from storyline.ingest.detect import detect_format, sniff_format


@pytest.mark.parametrize(
    ("name", "head", "content_type", "expected"),
    [
        ("a.txt", "<html><body>", None, "text"),  # a known extension wins
        ("a.TEXT", "x", None, "text"),
        ("a.jsonl", "x", None, "json"),
        ("a.ndjson", "x", None, "json"),
        ("a.json", "x", None, "json"),
        ("a.htm", "x", None, "html"),
        ("a.rss", "<rss>", None, "feed"),
        ("a.atom", "<feed>", None, "feed"),
        ("a.xml", "<?xml version='1.0'?><rss>", None, "feed"),
        ("a.xml", "<!DOCTYPE html><html>", None, "html"),  # .xml is checked against the content
        ("README", "Een gewone tekst.", None, "text"),
        ("noext", '{"id": 1, "text": "a"}', None, "json"),
        ("noext", '[{"id": 1}]', None, "json"),
        ("noext", "[Update] Een bericht", None, "text"),  # a bracket is not JSON by itself
        ("noext", "{geen json}", None, "text"),
        ("noext", "\n  <?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>", None, "feed"),
        ("noext", "<!doctype html><html lang=nl>", None, "html"),
        ("https://x.example/rss", "<?xml version='1.0'?><rss>", "application/rss+xml", "feed"),
        ("https://x.example/nieuws", "<!DOCTYPE html>", "text/html; charset=utf-8", "html"),
        ("https://x.example/feed", "<rss version='2.0'>", "text/html", "feed"),  # mislabelled feed
        ("https://x.example/feed", "<?xml version='1.0'?><feed>", "text/plain", "feed"),
        ("https://x.example/api", '[{"text": "a"}]', "application/json", "json"),
        ("https://x.example/a.html?x=1#top", "x", "application/octet-stream", "html"),
        ("https://www.nu.nl", "<html>", None, "html"),
    ],
)
def test_detect_format(name: str, head: str, content_type: str | None, expected: str) -> None:
    assert detect_format(name, head, content_type) == expected


def test_sniff_rss_before_embedded_html() -> None:
    assert sniff_format("<?xml version='1.0'?><rss><channel><description><html>") == "feed"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04rest", "ZIP archive (or .docx/.xlsx/.epub)"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"tekst\x00met nul", "binary data (contains NUL bytes)"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 4, "binary data (many control characters)"),
        (b"Gewone tekst met \x1b[1m een escape.", None),
        ("Tekst in UTF-16.".encode("utf-16"), None),
    ],
)
def test_binary_kind(data: bytes, kind: str | None) -> None:
    assert binary_kind(data) == kind


def test_decode_declared_charset_wrong_falls_back() -> None:
    decoded = decode_bytes("Financiën".encode("cp1252"), declared="utf-8")
    assert isinstance(decoded, Decoded) and decoded.text == "Financiën" and decoded.encoding == "cp1252"
    decoded = decode_bytes("Financiën".encode(), declared="no-such-charset")
    assert isinstance(decoded, Decoded) and decoded.text == "Financiën"


def test_decode_latin1_bytes_cp1252_cannot_decode() -> None:
    # 0x81 is undefined in cp1252: mapped as in latin-1 (WHATWG), the 'ë' still comes out right.
    decoded = decode_bytes("Het ministerie van Financiën en de coördinatie van het beleid.".encode("latin-1")
                           + b" \x81")
    assert isinstance(decoded, Decoded) and "Financiën" in decoded.text


def test_decode_rejects_empty_and_bad_bom() -> None:
    assert isinstance(decode_bytes(b" \n "), Undecodable)
    bad = decode_bytes(b"\xef\xbb\xbfGoed begin, dan \xff\xfe kapot")
    assert isinstance(bad, Undecodable) and "byte-order mark" in bad.reason


def test_decode_mostly_non_latin_uses_the_detector() -> None:
    text = "Президент Лукашенко встретился с Путиным в Сочи в понедельник. " * 3
    decoded = decode_bytes(text.encode("cp1251"))
    assert isinstance(decoded, Decoded) and decoded.text == text
