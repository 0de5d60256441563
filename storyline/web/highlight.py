"""Cut a text into plain and highlighted pieces for display (names, quantities, dates; search matches).

Pieces are plain data (text + kind); the template escapes each piece, so highlighting never
injects markup from the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.model import Analysis

KINDS = ("name", "quantity", "time")


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of a text: [start, end) with its kind and a short explanation."""

    start: int
    end: int
    kind: str
    note: str = ""


def analysis_spans(text: str, analysis: Analysis | None) -> list[Span]:
    """Names, quantities and time phrases of the analysis whose offsets really point at their words."""
    if analysis is None:
        return []
    spans: list[Span] = []
    for m in analysis.mentions:
        spans.append(Span(m.start, m.end, "name", f"{m.type} {m.key}"))
    for q in analysis.quantities:
        value = "" if q.value is None else f"{q.value:g}"
        spans.append(Span(q.start, q.end, "quantity", " ".join(x for x in (q.kind, value, q.unit or "") if x)))
    for t in analysis.times:
        spans.append(Span(t.start, t.end, "time", t.description or (t.value.iso() if t.value else "")))
    good = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    return _non_overlapping(good)


def _non_overlapping(spans: list[Span]) -> list[Span]:
    """Keep spans left to right; where two overlap the longer one wins (then the earlier)."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def segments(text: str, spans: list[Span]) -> list[dict[str, Any]]:
    """The text as consecutive pieces ``{"text", "kind", "note"}``; kind None for plain text."""
    out: list[dict[str, Any]] = []
    pos = 0
    for span in spans:
        if span.start > pos:
            out.append({"text": text[pos:span.start], "kind": None, "note": ""})
        out.append({"text": text[span.start:span.end], "kind": span.kind, "note": span.note})
        pos = span.end
    if pos < len(text):
        out.append({"text": text[pos:], "kind": None, "note": ""})
    return out


def article_segments(text: str, analysis: Analysis | None) -> list[dict[str, Any]]:
    """An article's text cut at its analysed names, quantities and dates."""
    return segments(text, analysis_spans(text, analysis))


def snippet_segments(snippet: str, marks: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """A search snippet cut at its matched terms (kind 'match')."""
    spans = [Span(s, e, "match") for s, e in marks if 0 <= s < e <= len(snippet)]
    return segments(snippet, _non_overlapping(spans))
