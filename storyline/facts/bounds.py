"""What a reported figure allows: the interval of true values its wording leaves open.

"774" is exactly 774; "1,3 miljard" is a rounded figure (1.25–1.35 bn); "circa vier uur" allows
±10 %; "bijna duizend" is just under 1000; "zeker 774" is 774 or more; "tientallen" is 20–99. Money
in another currency is converted to euro with the shipped reference rates (±2 % for the rate).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from storyline.facts.rates import RATE_TOLERANCE, Rate, to_eur
from storyline.model import PartialDate

_DECIMAL = re.compile(r"\d+[.,](\d+)")
_INT = re.compile(r"\d[\d.,]*")
_SCALE_WORDS = re.compile(r"\b(miljard|miljoen|mld|mln|duizend|billion|million|bn|thousand|biljoen|trillion)\b",
                          re.IGNORECASE)
_ROUND_WORDS = re.compile(r"\b(dozen|score|tiental|twintigtal|dertigtal|honderdtal|duizendtal|stuk of|"
                          r"or so|odd|a couple)\b", re.IGNORECASE)
APPROX = 0.10  # "circa", "ongeveer", "about"
ALMOST = 0.15  # "bijna duizend": at least 85 % of the figure, below it


@dataclass(frozen=True)
class Bounds:
    """The values a claim allows: [low, high] (None = open), whether it is a point figure, the unit
    the interval is in (EUR after conversion) and the rate used, if any."""

    low: float | None
    high: float | None
    point: float | None
    firm: bool  # a stated figure (exact or approximate), not a bound or a vague plural
    unit: str | None
    rate: Rate | None = None
    original_unit: str | None = None


def rounding(value: float, text: str, language: str | None = None) -> float:
    """Half the unit of the last written digit: '1,3 miljard' → 0.05 bn; '774' → 0.5; round numbers ±5 %."""
    scaled = _SCALE_WORDS.search(text or "")
    m = _DECIMAL.search(text or "")
    if m and scaled and language != "en" and "," in m.group(0):
        mantissa = float(m.group(0).replace(".", "").replace(",", "."))
        decimals = len(m.group(1))
    elif m and scaled and "." in m.group(0) and len(m.group(1)) != 3:
        mantissa = float(m.group(0).replace(",", ""))
        decimals = len(m.group(1))
    else:
        digits = _INT.search(text or "")
        if digits is None:  # number words ("duizend", "vier"): round by nature, 5 % (at least ½)
            return max(0.5 if value < 100 else 0.0, abs(value) * 0.05)
        raw = re.sub(r"[.,]", "", digits.group(0))
        if scaled:
            mantissa, decimals = float(raw), 0
        else:
            zeros = len(raw) - len(raw.rstrip("0")) if raw.strip("0") else 0
            if zeros >= 2:
                return abs(value) * 0.05
            return 0.5 if abs(value) >= 1 else abs(value) * 0.05
    if mantissa == 0:
        return 0.0
    scale = value / mantissa
    return 0.5 * 10 ** (-decimals) * abs(scale)


def bounds_of(kind: str, value: float | None, low: float | None, high: float | None, qualifier: str | None,
              text: str, unit: str | None = None, when: PartialDate | None = None,
              language: str | None = None) -> Bounds:
    """Bounds of one quantity claim; money is converted to EUR when a reference rate is known."""
    q = (qualifier or "exact").lower()
    if q in ("exact", "") and _ROUND_WORDS.search(text or ""):
        q = "approx"  # 'a dozen', 'een tiental', 'a hundred or so' are round by nature
    v = value
    if v is None and low is not None and high is not None and not math.isinf(high):
        v = None
    tol = rounding(v, text, language) if v is not None and kind not in ("ordinal", "age") else 0.0
    firm = False
    if q in ("exact", "") and v is not None:
        lo, hi, firm = v - tol, v + tol, True
    elif q == "approx" and v is not None:
        lo, hi, firm = v * (1 - APPROX) - tol, v * (1 + APPROX) + tol, True
    elif q in ("at_least", "more_than") and v is not None:
        lo, hi = v - tol if q == "at_least" else v, None
    elif q in ("at_most", "less_than") and v is not None:
        lo, hi = None, v + tol if q == "at_most" else v
    elif q == "almost" and v is not None:
        lo = low if low is not None and low < v else v * (1 - ALMOST)
        lo, hi = min(lo, v * (1 - ALMOST)), v
    else:  # range, vague, or a qualifier we do not know: trust the extractor's interval
        lo = low if low is not None else v
        hi = high if high is not None else v
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
    point = v if firm else None
    rate = None
    out_unit = unit
    if kind == "money" and unit and unit.upper() != "EUR":
        conv = to_eur(1.0, unit, when)
        if conv is not None:
            factor = conv.eur
            rate = conv.rate
            lo = lo * factor * (1 - RATE_TOLERANCE) if lo is not None else None
            hi = hi * factor * (1 + RATE_TOLERANCE) if hi is not None else None
            point = point * factor if point is not None else None
            out_unit = "EUR"
    return Bounds(lo, hi, point, firm, out_unit, rate, unit)


def overlap(a: Bounds, b: Bounds) -> bool:
    """Whether some value is allowed by both."""
    lo = max(x for x in (a.low, b.low, -math.inf) if x is not None)
    hi = min(x for x in (a.high, b.high, math.inf) if x is not None)
    return lo <= hi


def magnitude_close(a: Bounds, b: Bounds, factor: float = 3.0) -> bool:
    """Whether two figures are of the same order (within ``factor``): reports of one count rarely
    differ more, and a count ten times larger is usually another thing (protesters vs arrests)."""
    def centre(x: Bounds) -> float | None:
        if x.point is not None:
            return abs(x.point)
        if x.low is not None and x.high is not None:
            return abs(math.sqrt(max(x.low, 1e-9) * max(x.high, 1e-9)))
        return abs(x.low) if x.low is not None else (abs(x.high) if x.high is not None else None)

    ca, cb = centre(a), centre(b)
    if ca is None or cb is None:
        return True
    if ca == 0 or cb == 0:
        return ca == cb
    return max(ca, cb) / min(ca, cb) <= factor
