"""Date strings as found in inputs → PartialDate at the precision the source gives (layer 2).

Handles partial ISO 8601 ("2020-09", "2019-02-21 10:30:00", "2020-09-14T10:05:00+02:00"),
RFC 822 as in RSS ("Mon, 14 Sep 2020 10:00:00 +0200"), and Dutch and English written dates
("ma, 14 sep 2020 10:00:00 +0200", "14 september 2020", "September 14, 2020", "14-09-2020"),
which feedparser leaves empty. Every parser here returns None instead of raising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from storyline.model import PartialDate

# Month names and abbreviations, Dutch and English (lower case, without trailing full stop).
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "february", "feb", "febr"),
        ("maart", "march", "mrt", "mar", "maa"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("augustus", "august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

# Weekday names and abbreviations (ignored when parsing, but allowed in front of a date).
WEEKDAYS: frozenset[str] = frozenset(
    (
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "ma", "di", "wo", "do", "vr", "za", "zo",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    )
)

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_TIME = r"(?:[,\s]+(?:om\s+|at\s+)?(?P<H>\d{1,2})[:.h](?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*uur)?)?"
_ZONE = r"(?:\s*(?:[+-]\d{2}:?\d{2}|Z|UTC|GMT|CES?T|CET|[A-Z]{2,4}))?"
_LEAD = rf"^\s*(?:(?:{_WEEKDAY_ALT})\.?,?\s+)?"

# "14 september 2020", "ma, 14 sep. 2020 10:00:00 +0200", "14 Sep 2020"
_DAY_MONTH_YEAR = re.compile(
    _LEAD + rf"(?P<d>\d{{1,2}})\.?\s+(?P<mon>{_MONTH_ALT})\.?,?\s+(?P<y>\d{{4}})" + _TIME + _ZONE + r"\s*$",
    re.IGNORECASE,
)
# "September 14, 2020", "Sep 14 2020 10:00"
_MONTH_DAY_YEAR = re.compile(
    _LEAD + rf"(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})" + _TIME + _ZONE
    + r"\s*$",
    re.IGNORECASE,
)
# "september 2020", "sep. 2020"
_MONTH_YEAR = re.compile(rf"^\s*(?P<mon>{_MONTH_ALT})\.?,?\s+(?P<y>\d{{4}})\s*$", re.IGNORECASE)
# "14-09-2020", "14/9/2020", "14.09.2020 10:05" (day first, as written in Dutch)
_NUMERIC_DMY = re.compile(r"^\s*(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})" + _TIME + _ZONE + r"\s*$")
# "2020/09/14"
_NUMERIC_YMD = re.compile(r"^\s*(?P<y>\d{4})/(?P<m>\d{1,2})(?:/(?P<d>\d{1,2}))?" + _TIME + r"\s*$")


# "2020-09-14 10:30:00 +0200", "2020-09-14 10:30 CEST": ISO with the zone after a space.
_SPACED_ZONE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s+"
                          r"(?:[+-]\d{2}:?\d{2}|Z|UTC|GMT|CES?T|[A-Z]{2,4})$")


def _build(y: str, m: int | None, d: str | None, hh: str | None, mm: str | None) -> PartialDate | None:
    """PartialDate from matched parts, or None when the parts do not make a real date."""
    try:
        return PartialDate(
            int(y),
            m,
            int(d) if d else None,
            int(hh) if hh else None,
            int(mm) if mm else None,
        )
    except ValueError:
        return None


def parse_date(value: object) -> PartialDate | None:
    """Parse a date in any supported form (string, epoch seconds) to a PartialDate; None if unknown.

    Never raises: input data is untrusted, and an unreadable date is simply not known.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    if text[0].isdigit():
        try:
            return PartialDate.parse(text)
        except ValueError:
            pass
        zoned = _SPACED_ZONE.match(text)
        if zoned:
            try:
                return PartialDate.parse(zoned.group(1))
            except ValueError:
                pass
        if text.isdigit() and len(text) in (10, 13):
            return _from_epoch(float(text) / (1000 if len(text) == 13 else 1))
        m = _NUMERIC_DMY.match(text)
        if m:
            return _build(m["y"], int(m["m"]), m["d"], m["H"], m["M"])
        m = _NUMERIC_YMD.match(text)
        if m:
            return _build(m["y"], int(m["m"]), m["d"], m["H"], m["M"])
    return parse_written_date(text)


def parse_written_date(text: str) -> PartialDate | None:
    """Parse a written Dutch or English date ("ma, 14 sep 2020 10:00:00 +0200", "14 september 2020")."""
    if not isinstance(text, str) or len(text) > 100:
        return None
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        m = pattern.match(text)
        if m:
            return _build(m["y"], MONTHS[m["mon"].lower()], m["d"], m["H"], m["M"])
    m = _MONTH_YEAR.match(text)
    if m:
        return _build(m["y"], MONTHS[m["mon"].lower()], None, None, None)
    return None


def _from_epoch(seconds: float) -> PartialDate | None:
    """Epoch seconds (UTC) to a minute-precision date; None when out of any sensible range."""
    if not 0 < seconds < 253402300799:  # up to 9999-12-31
        return None
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return PartialDate(moment.year, moment.month, moment.day, moment.hour, moment.minute)


_HEADER = re.compile(r"^\ufeff?[ \t]*date[ \t]+(?P<date>\d{4}(?:-\d{1,2}(?:-\d{1,2}(?:T\d{1,2}:\d{2}(?::\d{2})?)?)?)?)(?=\s|$)[ \t]*")


@dataclass(frozen=True)
class HeaderSplit:
    """A text split at its seed-format date header: the date (None without a header) and the rest."""

    published: PartialDate | None
    body: str
    had_header: bool


def split_date_header(text: str) -> HeaderSplit:
    """Split a leading ' date YYYY-MM' header (the seed format) off a text; never raises.

    A header whose date is impossible (month 13) is still removed and gives published=None,
    so the word 'date' and the number do not end up in the article body.
    """
    if not isinstance(text, str):
        return HeaderSplit(None, "", False)
    m = _HEADER.match(text)
    if not m:
        return HeaderSplit(None, text, False)
    try:
        published: PartialDate | None = PartialDate.parse(m["date"])
    except ValueError:
        published = None
    return HeaderSplit(published, text[m.end():], True)
