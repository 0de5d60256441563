"""Dutch and English numerals: digit strings, number words, scale words, ordinals, vague plurals.

Pure helpers used by the quantity finder. Digit strings follow the article language: Dutch
writes "100.000" and "1,5", English "100,000" and "1.5"; a separator followed by exactly three
digits is a thousands separator in either language when the groups are regular. Number words are
parsed from their parts ("honderdduizend", "tweeënhalf", "eenentwintig", "twenty-five") by our own
combination logic (text2num splits "1,5 miljard" apart and has no "een half miljard").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

# ----------------------------------------------------------------------------- digit strings

_DIGITS = re.compile(r"^\d+(?:[.,]\d+)*$")
_SEPARATORS = re.compile(r"([.,])")
_MAX_DIGITS = 15  # longer digit runs are codes (ids, phone numbers), not quantities


def parse_numeral(token: str, language: str | None = "nl") -> float | None:
    """Value of a digit string such as "774", "100.000", "1,5", "1,000.5"; None when malformed.

    Dutch (and any non-English language): "." groups thousands, "," is the decimal mark; English the
    reverse. A lone separator followed by a group of exactly three digits ("1.500", "1,500") is read
    as a thousands separator in both; "1.5" in Dutch text is read as a decimal (a common slip).
    """
    if not token or len(token) > 40 or not _DIGITS.match(token):
        return None
    english = (language or "nl") == "en"
    thousands, decimal = (",", ".") if english else (".", ",")
    parts = _SEPARATORS.split(token)
    numbers = parts[0::2]
    seps = parts[1::2]
    if not seps:
        return _finite(token)
    if len(set(seps)) == 2:
        # both marks: the last one is the decimal mark, the others group thousands
        last = seps[-1]
        if any(s == last for s in seps[:-1]):
            return None
        groups = numbers[1:-1]
        if not (1 <= len(numbers[0]) <= 3 and all(len(g) == 3 for g in groups)):
            return None
        return _finite("".join(numbers[:-1]) + "." + numbers[-1])
    sep = seps[0]
    if len(seps) > 1:
        # several equal marks: only valid as thousands grouping
        if 1 <= len(numbers[0]) <= 3 and all(len(g) == 3 for g in numbers[1:]):
            return _finite("".join(numbers))
        return None
    head, tail = numbers
    if sep == thousands and len(tail) == 3 and 1 <= len(head) <= 3:
        return _finite(head + tail)
    if sep == decimal or (sep == thousands and len(tail) != 3):
        return _finite(head + "." + tail)
    # the other language's thousands mark with three digits: "1,500" in Dutch text
    if len(tail) == 3 and 1 <= len(head) <= 3:
        return _finite(head + tail)
    return None


def _finite(text: str) -> float | None:
    if len(text.replace(".", "")) > _MAX_DIGITS:
        return None
    value = float(text)
    return value if math.isfinite(value) else None


# ----------------------------------------------------------------------------- number words

_NL_PARTS: dict[str, float] = {
    "nul": 0, "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
    "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
    "negentien": 19, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
    "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100, "duizend": 1000,
}
_EN_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
}

#: Scale words that multiply the number before them ("1,5 miljard", "3.5 million", "$2bn").
SCALES: dict[str, float] = {
    "duizend": 1e3, "miljoen": 1e6, "mln": 1e6, "mio": 1e6, "miljard": 1e9, "mld": 1e9,
    "mrd": 1e9, "biljoen": 1e12,
    "thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
    "tn": 1e12,
}
#: Scale suffixes written straight after digits in English money ("$3m", "€5k", "1.5bn").
SCALE_SUFFIXES: dict[str, float] = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}

_NL_PART_RE = re.compile(
    "|".join(sorted((re.escape(k) for k in [*_NL_PARTS, "en", "ën", "half"]), key=len, reverse=True))
)


def _parse_nl_word(word: str) -> float | None:
    pos, parts = 0, []
    while pos < len(word):
        m = _NL_PART_RE.match(word, pos)
        if not m:
            return None
        parts.append(m.group())
        pos = m.end()
    if not parts or parts[0] in ("en", "ën", "half") or parts[-1] in ("en", "ën"):
        return None
    total, current, prev = 0.0, 0.0, ""
    for part in parts:
        if part in ("en", "ën"):
            if prev in ("en", "ën", "honderd", "duizend"):
                return None
        elif part == "half":
            if prev not in ("en", "ën"):
                return None
            current += 0.5
        elif part == "honderd":
            current = (current or 1) * 100
        elif part == "duizend":
            total += (current or 1) * 1000
            current = 0
        else:
            value = _NL_PARTS[part]
            if prev and prev not in ("en", "ën", "honderd", "duizend") and value < 100:
                return None  # "tweedrie" is not a number
            current += value
        prev = part
    return total + current


def _parse_en_word(word: str) -> float | None:
    total, current = 0.0, 0.0
    pieces = [p for p in word.replace("-", " ").split() if p != "and"]
    if not pieces:
        return None
    prev = 0.0
    for piece in pieces:
        value = _EN_WORDS.get(piece)
        if value is None:
            return None
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            total += (current or 1) * 1000
            current = 0
        else:
            if prev and prev < 100 and not (prev >= 20 and prev % 10 == 0 and value < 10):
                return None
            current += value
        prev = value
    return total + current


@lru_cache(maxsize=65_536)
def parse_number_word(word: str, language: str | None = "nl") -> float | None:
    """Value of a cardinal number word: "honderdduizend" 100000, "tweeënhalf" 2.5, "twenty-five" 25.

    "anderhalf" is 1.5; Dutch compounds are split into their parts and combined; returns None for
    anything that is not a number word (including plain "een"/"en").
    """
    w = (word or "").lower().replace("\u00ad", "")
    if not w or len(w) > 60:
        return None
    if w == "anderhalf":
        return 1.5
    if w in ("half", "halve"):
        return 0.5
    if language == "en":
        return _parse_en_word(w) if w not in ("a", "an") else None
    value = _parse_nl_word(w)
    if value is None and language != "nl":
        value = _parse_en_word(w)
    return value


# ----------------------------------------------------------------------------- ordinals

_NL_ORD_SPECIAL = {"eerste": 1, "derde": 3, "achtste": 8}
_EN_ORD: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100, "thousandth": 1000,
}
_DIGIT_ORD = re.compile(r"^(\d{1,4})(?:e|de|ste|st|nd|rd|th)$", re.IGNORECASE)


@lru_cache(maxsize=65_536)
def parse_ordinal(word: str, language: str | None = "nl") -> int | None:
    """Value of an ordinal: "zesde" 6, "eenentwintigste" 21, "sixth" 6, "6e", "21st"; else None."""
    w = (word or "").lower()
    if not w or len(w) > 60:
        return None
    m = _DIGIT_ORD.match(w)
    if m:
        return int(m.group(1))
    if language != "nl" or w in _EN_ORD:
        if w in _EN_ORD:
            return _EN_ORD[w]
        head, _, last = w.rpartition("-")
        if head and last in _EN_ORD and _EN_ORD[last] < 10:
            base = _parse_en_word(head)
            return int(base + _EN_ORD[last]) if base else None
        if language == "en":
            return None
    if w in _NL_ORD_SPECIAL:
        return _NL_ORD_SPECIAL[w]
    for suffix in ("ste", "de"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            if stem.endswith("der") and suffix == "de":
                stem = stem[:-3] + "drie"  # "honderdderde"
            value = _parse_nl_word(stem)
            if value is not None and value >= 1 and value == int(value):
                return int(value)
    return None


# ----------------------------------------------------------------------------- vague amounts


@dataclass(frozen=True)
class Vague:
    """A vague plural amount ("tientallen") as an interval."""

    low: float
    high: float


#: Vague plurals and the interval they stand for (documented choice: "tientallen" = 20–99).
VAGUE: dict[str, Vague] = {
    "tientallen": Vague(20, 99), "honderden": Vague(200, 999), "duizenden": Vague(2000, 9999),
    "tienduizenden": Vague(20_000, 99_999), "honderdduizenden": Vague(200_000, 999_999),
    "miljoenen": Vague(2e6, 999e6), "miljarden": Vague(2e9, 999e9),
    "dozens": Vague(24, 99), "scores": Vague(40, 99), "hundreds": Vague(200, 999),
    "thousands": Vague(2000, 9999), "millions": Vague(2e6, 999e6), "billions": Vague(2e9, 999e9),
}
#: Vague plurals that scale a following vague plural or scale word ("tens of thousands").
VAGUE_PREFIX: dict[str, Vague] = {"tens": Vague(20, 99), "hundreds": Vague(200, 999)}
#: Plural scale words after a vague amount: "tientallen miljoenen", "hundreds of millions".
SCALE_PLURALS: dict[str, float] = {
    "duizenden": 1e3, "miljoenen": 1e6, "miljarden": 1e9, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9,
}
