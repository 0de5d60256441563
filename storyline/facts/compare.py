"""Verdicts: do the values of one fact agree, fit together, or contradict each other — and why.

``agree``: the same figure after normalising numerals, units, scale and currency, within the rounding
of the less precise one; ``compatible``: some value fits every wording (bounds, vague plurals,
different precision); ``conflict``: two articles' values cannot both be true; ``single-source``.
Each verdict carries a one-line reason in words a reader understands.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from storyline.facts.bounds import Bounds, bounds_of, overlap
from storyline.facts.claims import Claim
from storyline.model import PartialDate, TimeExpr

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass(frozen=True)
class Relation:
    """How two claims relate: agree | compatible | conflict | incomparable (e.g. no exchange rate)."""

    kind: str
    detail: str = ""


def claim_bounds(c: Claim) -> Bounds:
    """Bounds of a quantity claim, money converted at the rate of the article's reference month."""
    if c.bounds is None:
        value = c.value if isinstance(c.value, int | float) else None
        c.bounds = bounds_of(c.kind, value, c.low, c.high, c.qualifier, c.text, c.unit, c.ref_date)
    return c.bounds


def date_range(c: Claim) -> tuple[dt.date, dt.date] | None:
    """First and last day a date claim allows (a part of a month narrows it to 10 days)."""
    return time_range(c.date) if c.date is not None else None


def time_range(t: TimeExpr) -> tuple[dt.date, dt.date] | None:
    """First and last day a resolved time expression allows; None when it could not be placed."""
    if t.value is None:
        return None
    v = t.value
    if v.day is not None:
        d = dt.date(v.year, v.month or 1, v.day)
        return d, d
    if v.month is not None:
        last = calendar.monthrange(v.year, v.month)[1]
        lo, hi = 1, last
        if t.part == "early":
            hi = 10
        elif t.part == "mid":
            lo, hi = 11, 20
        elif t.part == "late":
            lo = 21
        return dt.date(v.year, v.month, lo), dt.date(v.year, v.month, hi)
    return dt.date(v.year, 1, 1), dt.date(v.year, 12, 31)


def relation(a: Claim, b: Claim) -> Relation:
    """How the values of two claims relate (for quantities, dates and quotes)."""
    if a.kind == "quote":
        return Relation("agree", "same speaker, same content")
    if a.kind == "date":
        ra, rb = date_range(a), date_range(b)
        if ra is None or rb is None:
            return Relation("incomparable")
        if a.date and b.date and a.date.weekday is not None and b.date.weekday is not None \
                and a.date.weekday != b.date.weekday and ra[0] != ra[1]:
            return Relation("conflict", "different weekdays")
        if ra == rb:
            return Relation("agree")
        if ra[1] < rb[0] or rb[1] < ra[0]:
            return Relation("conflict")
        if (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1]):
            return Relation("agree", "one date is more precise than the other")
        return Relation("compatible")
    ba, bb = claim_bounds(a), claim_bounds(b)
    if a.kind == "money" and (ba.unit or "").upper() != (bb.unit or "").upper():
        return Relation("incomparable", f"currencies differ ({ba.original_unit} vs {bb.original_unit}) and there "
                                        "is no reference rate for the date")
    if not overlap(ba, bb):
        return Relation("conflict")
    if ba.firm and bb.firm:
        return Relation("agree")
    if not ba.firm and not bb.firm and a.qualifier == b.qualifier and a.value == b.value:
        return Relation("agree")
    return Relation("compatible")


# ----------------------------------------------------------------------------- reader-facing words


def _num(x: float) -> str:
    if abs(x) >= 1e9:
        return f"{x / 1e9:.3g} bn"
    if abs(x) >= 1e6:
        return f"{x / 1e6:.3g} m"
    if float(x).is_integer() or abs(x) >= 1000:
        return f"{round(x):,}"
    return f"{x:.3g}"


def describe(c: Claim) -> str:
    """A short English reading of a claim's value: 'exactly 774', 'just under 1,000', 'USD 1.5 bn'."""
    if c.kind == "date":
        return date_words(c.date.value if c.date else None, c.date.part if c.date else None,
                          c.date.weekday if c.date else None)
    if c.kind == "quote":
        return f"'{c.text}'"
    v = c.value if isinstance(c.value, int | float) else None
    unit = ""
    if c.kind == "money" and c.unit:
        unit = f"{c.unit} "
    elif c.kind == "percent":
        unit = ""
    if v is None:
        lo, hi = c.low, c.high
        if lo is not None and hi is not None:
            return f"{unit}{_num(lo)}–{_num(hi)}"
        return c.text
    if c.kind == "duration" and c.unit == "s":
        words = _duration(v)
    elif c.kind == "ordinal" and float(v).is_integer():
        n = int(v)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    else:
        words = f"{unit}{_num(v)}" + ("%" if c.kind == "percent" else "")
    q = (c.qualifier or "exact").lower()
    return {"exact": words if c.kind != "count" else f"exactly {words}", "approx": f"about {words}",
            "at_least": f"at least {words}", "more_than": f"more than {words}", "at_most": f"at most {words}",
            "less_than": f"less than {words}", "almost": f"just under {words}",
            "range": f"{_num(c.low or v)}–{_num(c.high or v)}",
            "vague": f"{c.text} ({_num(c.low or v)}–{_num(c.high or v)})" if c.low and c.high else c.text,
            }.get(q, words)


def _duration(seconds: float) -> str:
    for size, name in ((86400 * 365, "year"), (86400 * 7, "week"), (86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = round(seconds / size, 2)
            n_txt = f"{n:g}" if n < 10 else f"{n:.0f}"
            return f"{n_txt} {name}{'' if n == 1 else 's'}"
    return f"{seconds:g} seconds"


def date_words(value: PartialDate | None, part: str | None = None, weekday: int | None = None) -> str:
    """A date at its real precision in words: '9 August 2020', 'late July 2020', 'a Monday in September 2020'."""
    if value is None:
        return "an unknown date"
    if value.day is not None:
        return f"{value.day} {_MONTHS[(value.month or 1) - 1]} {value.year}"
    if value.month is not None:
        month = f"{_MONTHS[value.month - 1]} {value.year}"
        if weekday is not None:
            return f"a {calendar.day_name[weekday]} in {month}"
        if part:
            return f"{part} {month}"
        return month
    return str(value.year)


def group_label(claims: list[Claim]) -> str:
    """'002' or '002, 003': the articles of a group of claims with the same value."""
    out: list[str] = []
    for c in claims:
        if c.article not in out:
            out.append(c.article)
    return ", ".join(out)
