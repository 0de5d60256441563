"""The story timeline drawn as server-rendered SVG: readable without JavaScript, honest about precision.

Each entry is a row: when (in words) and what, on the left; on the right its time on a shared axis
as an interval as wide as the precision really known (a whole month for "September 2020", a day
for "14 September 2020"). Every row carries a <title> with the full text for tooltips and screen
readers. All text is XML-escaped here, since the result is inserted as markup.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import escape
from typing import Any

from markupsafe import Markup

WIDTH = 720
ROW = 48
TOP = 34
TEXT_X = 10
TRACK_X0, TRACK_X1 = 360, 706
TEXT_CHARS = 56

_MONTHS = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def interval(iso: str | None) -> tuple[date, date] | None:
    """First and last day a partial ISO date may mean ('2020-09' → 1–30 Sep 2020); None when unknown."""
    if not iso:
        return None
    parts = iso.split("T")[0].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            return date(year, month, 1), nxt - timedelta(days=1)
        day = date(year, month, int(parts[2]))
        return day, day
    except (ValueError, IndexError):
        return None


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _x(text: object) -> str:
    """Text made safe for SVG: characters XML cannot carry removed, markup escaped."""
    return escape(_NOT_XML.sub("", str(text)))


def _clip(text: str, limit: int = TEXT_CHARS) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ticks(lo: date, hi: date, lang: str) -> list[tuple[date, str]]:
    """Month ticks for spans up to two years, year ticks beyond; at most ~8 labels."""
    months = _MONTHS.get(lang, _MONTHS["en"])
    if (hi - lo).days > 730:
        return [(date(y, 1, 1), str(y)) for y in range(lo.year + (lo.month > 1 or lo.day > 1), hi.year + 1)]
    ticks = []
    y, m = lo.year, lo.month
    if lo.day > 1:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    while date(y, m, 1) <= hi:
        ticks.append((date(y, m, 1), f"{months[m - 1]} {y}" if m == 1 or not ticks else months[m - 1]))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = max(1, len(ticks) // 8 + (len(ticks) % 8 > 0))
    return ticks[::step]


def render_timeline(entries: list[dict[str, Any]], labels: dict[str, str], title: str, lang: str = "nl") -> Markup:
    """SVG markup for the timeline entries (dicts with time, precision, description, label, articles).

    ``labels`` maps article ids to the short names shown next to each entry.
    """
    spans = [interval(e.get("time")) for e in entries]
    known = [s for s in spans if s]
    lo = min((s[0] for s in known), default=None)
    hi = max((s[1] for s in known), default=None)
    if lo is not None and hi is not None:
        pad = max(1, (hi - lo).days // 40)
        lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    total_days = max(1, (hi - lo).days + 1) if lo and hi else 1
    width = TRACK_X1 - TRACK_X0

    def x(day: date) -> float:
        assert lo is not None
        return TRACK_X0 + width * (day - lo).days / total_days

    height = TOP + ROW * len(entries) + 8
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height}" '
           f'width="{WIDTH}" height="{height}" role="group" aria-labelledby="timeline-svg-title">'),
           f'<title id="timeline-svg-title">{_x(title)}</title>']
    if lo is not None:
        out.append(f'<line class="axis" x1="{TRACK_X0}" y1="{TOP - 6}" x2="{TRACK_X1}" y2="{TOP - 6}"/>')
        for day, text in _ticks(lo, hi, lang):  # type: ignore[arg-type]
            tx = x(day)
            out.append(f'<line class="tick" x1="{tx:.1f}" y1="{TOP - 10}" x2="{tx:.1f}" y2="{height - 4}"/>')
            out.append(f'<text class="tick-label" x="{tx + 2:.1f}" y="{TOP - 14}">{_x(text)}</text>')
    for i, (entry, span) in enumerate(zip(entries, spans, strict=True)):
        y = TOP + i * ROW
        when = str(entry.get("description") or entry.get("time") or "?")
        what = str(entry.get("label") or "")
        cited = " ".join(labels.get(a, a) for a in entry.get("articles") or [])
        full = f"{when}: {what}" + (f" ({cited})" if cited else "")
        out.append(f'<g class="entry precision-{_x(str(entry.get("precision") or "unknown"))}">')
        out.append(f"<title>{_x(full)}</title>")
        if i % 2 == 0:
            out.append(f'<rect class="band" x="0" y="{y}" width="{WIDTH}" height="{ROW}"/>')
        out.append(f'<text class="when" x="{TEXT_X}" y="{y + 19}">{_x(_clip(when))}</text>')
        out.append(f'<text class="what" x="{TEXT_X}" y="{y + 38}">{_x(_clip(what + (" · " + cited if cited else "")))}</text>')
        if span is not None and lo is not None:
            x0, x1 = x(span[0]), x(span[1] + timedelta(days=1))
            if x1 - x0 < 8:
                mid = (x0 + x1) / 2
                out.append(f'<circle class="mark" cx="{mid:.1f}" cy="{y + ROW / 2:.1f}" r="5"/>')
            else:
                out.append(f'<rect class="mark" x="{x0:.1f}" y="{y + ROW / 2 - 5:.1f}" width="{x1 - x0:.1f}" '
                           f'height="10" rx="5"/>')
        else:
            out.append(f'<text class="undated" x="{TRACK_X0}" y="{y + 29}">?</text>')
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))
