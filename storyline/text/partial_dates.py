"""Partial-date arithmetic for time expressions: spans, shifts, covers, and reader-facing words.

A partial date (2020-09) stands for every day it may be; shifting it shifts that whole span, and
the result is the finest partial date that covers every shifted day, so no precision is invented.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from storyline.model import PartialDate

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def month_end(y: int, m: int) -> date:
    """The last day of month m of year y."""
    return date(y, m, calendar.monthrange(y, m)[1])


def span(p: PartialDate) -> tuple[date, date]:
    """The first and last day a partial date may stand for."""
    if p.day is not None and p.month is not None:
        d = date(p.year, p.month, p.day)
        return d, d
    if p.month is not None:
        return date(p.year, p.month, 1), month_end(p.year, p.month)
    return date(p.year, 1, 1), date(p.year, 12, 31)


def cover(a: date, b: date) -> PartialDate | None:
    """The finest partial date that contains every day from a to b."""
    if a == b:
        return PartialDate(a.year, a.month, a.day)
    if (a.year, a.month) == (b.year, b.month):
        return PartialDate(a.year, a.month)
    if a.year == b.year:
        return PartialDate(a.year)
    return None


def shift_days(pub: PartialDate, days: int) -> PartialDate | None:
    """``pub`` moved by a number of days, as precise as the shifted span allows.

    A shift of at most a week from a month-precision date keeps that month (the same assumption
    a weekday in such a report makes); otherwise the cover of the shifted span.
    """
    if pub.day is None and pub.month is not None and abs(days) <= 7:
        return pub  # a few days around a report dated by month: assumed in that month, like weekdays
    lo, hi = span(pub)
    try:
        return cover(lo + timedelta(days=days), hi + timedelta(days=days))
    except OverflowError:
        return None


def shift_months(pub: PartialDate, months: int) -> PartialDate | None:
    """``pub`` moved by whole months at month precision; None without a month."""
    if pub.month is None:
        return None
    total = pub.year * 12 + (pub.month - 1) + months
    y, m = divmod(total, 12)
    return PartialDate(y, m + 1) if 1 <= y <= 9999 else None


def describe(value: PartialDate | None, weekday: int | None = None, part: str | None = None,
             month: int | None = None, day: int | None = None) -> str:
    """Reader-facing words for a resolved time: "a Monday in September 2020", "late July 2020"."""
    if value is None:
        if month is not None:
            base = f"{day} {MONTH_NAMES[month - 1]}" if day else MONTH_NAMES[month - 1]
            base = f"{part} {base}" if part else base
            return f"{base} (year unknown)"
        if weekday is not None:
            return f"a {DAY_NAMES[weekday]} (date unknown)"
        return "date unknown"
    if value.day is not None and value.month is not None:
        text = f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
        return f"{DAY_NAMES[weekday]} {text}" if weekday is not None else text
    if value.month is not None:
        text = f"{MONTH_NAMES[value.month - 1]} {value.year}"
    else:
        text = str(value.year)
    if weekday is not None:
        return f"a {DAY_NAMES[weekday]} in {text}"
    if part:
        return f"{part} {text}"
    return text


def date_or_month(y: int, m: int, d: int | None) -> PartialDate | None:
    """The date y-m-d, falling back to y-m when the day does not exist (31 June); None if invalid."""
    try:
        return PartialDate(y, m, d) if d is not None else PartialDate(y, m)
    except ValueError:
        try:
            return PartialDate(y, m)
        except ValueError:
            return None


