"""Rendering of hand-built digests: plain lines, the rich terminal view and the JSON form agree."""

from __future__ import annotations

import io
import json

from rich.console import Console

from storyline.model import (
    Digest,
    DigestArticle,
    DigestStory,
    Fact,
    FactValue,
    PartialDate,
    Rejected,
    SourceRef,
    Summary,
    SummarySentence,
    TimelineEntry,
)
from storyline.render.terminal import print_digest, print_search
from storyline.render.text import (
    Table,
    digest_lines,
    format_date,
    marked_snippet,
    search_lines,
    shorten,
    table_lines,
)
from storyline.store import Highlight, SearchHit


def sample() -> Digest:
    a = DigestArticle("id-a", "a.txt", title="Poetin belooft steun [bold]", outlet="NOS",
                      published=PartialDate(2020, 9, 14), language="nl", word_count=420)
    b = DigestArticle("id-b", "b.txt", title=None, lead="Rusland leent Belarus 1,5 miljard…",
                      published=None, language="nl", word_count=300, partial=True)
    summary = Summary("Poetin steunt Loekasjenko", [
        SummarySentence("Rusland leent Belarus geld.", "id-b", 0,
                        [SourceRef("id-b", 0), SourceRef("id-a", 2)]),
    ], language="nl")
    timeline = [TimelineEntry(PartialDate(2020, 9, 14), "day", "14 September 2020", "ontmoeting in Sotsji",
                              ["a.txt"])]
    facts = [Fact("f1", "money", "lening", "conflict", "1,5 vs 1,3 miljard", [
        FactValue("a.txt", "1,5 miljard", 1.5e9, "USD", 1.5e9, 1.5e9, 2, 10, 21, "id-a"),
        FactValue("b.txt", "1,3 miljard", 1.3e9, "EUR", 1.3e9, 1.3e9, 0, 5, 16, "id-b"),
    ])]
    one = DigestStory([a, b], id="s1", title="Belarus en Rusland", summary=summary, timeline=timeline, facts=facts)
    two = DigestStory([DigestArticle("id-c", "c.txt", title="Weer", word_count=90)], id="s2", title="Het weer")
    return Digest([one, two], rejected=[Rejected("bad.jsonl", "invalid JSON", line=3)], notes=["2 stories"])


def test_plain_digest_lines():
    lines = digest_lines(sample())
    text = "\n".join(lines)
    assert lines[0] == "Story 1 of 2: Belarus en Rusland (2 articles)"
    assert "2020-09-14 (day)" in text and "date unknown" in text
    assert "“Rusland leent Belarus 1,5 miljard…”" in text and "(summary only)" in text
    assert "  Rusland leent Belarus geld. [2, 1]" in lines  # cited by the numbers of the article list
    assert "  14 September 2020: ontmoeting in Sotsji [1]" in lines
    assert "  lening — conflict: 1,5 vs 1,3 miljard" in lines
    assert "    [1] 1,5 miljard" in lines and "    [2] 1,3 miljard" in lines
    assert "Story 2 of 2: Het weer (1 article)" in lines
    assert lines[-2:] == ["rejected (1):", "  bad.jsonl:3: invalid JSON"]
    assert "note: 2 stories" in lines


def test_terminal_digest_shows_the_same_content():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=160, color_system=None)
    print_digest(console, sample())
    text = out.getvalue()
    for needle in ["Belarus en Rusland", "a.txt", "2020-09-14 (day)", "date unknown", "[2, 1]", "bad.jsonl:3",
                   "Poetin belooft steun [bold]"]:
        assert needle in text, needle


def test_digest_json_has_every_section():
    d = json.loads(json.dumps(sample().to_dict()))
    story = d["stories"][0]
    assert d["articles"] == 3
    assert story["articles"][0]["published"] == "2020-09-14" and story["articles"][0]["precision"] == "day"
    assert story["summary"][0]["articles"] == ["id-b", "id-a"]
    assert story["timeline"][0]["time"] == "2020-09-14"
    assert story["facts"][0]["verdict"] == "conflict"
    assert d["rejected"] == [{"source": "bad.jsonl", "line": 3, "reason": "invalid JSON"}]


def test_search_rendering_marks_matches():
    hit = SearchHit("id-a", "a.txt", "Poetin belooft steun", "NOS", PartialDate(2020, 9),
                    "…ontving Loekasjenko in Sotsji. De…", [Highlight(24, 30)])
    assert marked_snippet(hit) == "…ontving Loekasjenko in [Sotsji]. De…"
    lines = search_lines("sotsji", [hit])
    assert lines[0].startswith("1. a.txt  Poetin belooft steun  (NOS, 2020-09 (month))")
    assert search_lines("x", []) == ["no articles match 'x'"]
    out = io.StringIO()
    print_search(Console(file=out, force_terminal=True, width=160, color_system=None), "sotsji", [hit])
    assert "Sotsji" in out.getvalue() and "a.txt" in out.getvalue()


def test_small_helpers():
    assert format_date(None) == "date unknown"
    assert format_date(PartialDate(2020)) == "2020 (year)"
    assert shorten("a  b\nc") == "a b c"
    assert shorten("x" * 100, 10) == "x" * 9 + "…"
    assert table_lines(Table(["n", "name"], [["10", "a"], ["2", "bb"]], frozenset({0}))) == [
        " n  name", "10  a", " 2  bb"]
