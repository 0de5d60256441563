"""Find time expressions in Dutch and English text and resolve them with honest precision.

``find_times`` finds the phrases itself (dateparser's search is far too noisy) and resolves them
against the publication date, which may itself be partial (2020-09). A relative phrase is shifted
as an interval: the publication date stands for all the days it may be, and the result is the
finest date that covers every shifted day ("tien dagen geleden" in a report dated only 2020-09
is in 2020-08 or 2020-09, so only the year 2020 is certain). A weekday in a report dated only by
month keeps the month and the weekday ("a Monday in September 2020"), never an invented day.
A few days' shift from a report dated by month ("gisteren", "vorige week") is assumed to stay
in that month, as a weekday is. A day and month without a year take this year's when the month
is at most three months after the publication month ("op 14 mei" in an April report is
upcoming), else last year's ("in december" in an April report); the next one when the sentence
speaks of the future; "vorig jaar"/"last year" right after the date sets the year. The function
is pure and cheap, so a timeline stage can call it again with a reference date inferred from the
story.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from storyline.model import PartialDate, Sentence, TimeExpr
from storyline.text.anchors import lower_same_length, word_starts
from storyline.text.numbers import parse_number_word
from storyline.text.partial_dates import (
    MONTH_NAMES,
    cover,
    date_or_month,
    describe,
    shift_days,
    shift_months,
)
from storyline.text.units import MONTHS

_MONTHS = MONTHS  # one table of nl + en month names, shared with the quantity finder
_WEEKDAYS: dict[str, int] = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
    "zondag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
_REL_DAYS: dict[str, int] = {
    "eergisteren": -2, "gisteren": -1, "gisteravond": -1, "gisterochtend": -1, "gistermiddag": -1,
    "gisternacht": -1, "gistermorgen": -1, "vandaag": 0, "vanavond": 0, "vanochtend": 0,
    "vanmorgen": 0, "vanmiddag": 0, "vannacht": 0, "morgen": 1, "morgenochtend": 1,
    "morgenavond": 1, "morgenmiddag": 1, "overmorgen": 2, "yesterday": -1, "today": 0,
    "tonight": 0, "tomorrow": 1, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "last night": -1, "the day before yesterday": -2, "the day after tomorrow": 2,
}
_REL_NAMES = {-2: "two days before", -1: "the day before", 0: "the day of", 1: "the day after",
              2: "two days after"}
_PARTS: dict[str, str] = {
    "begin": "early", "begin van": "early", "eind": "late", "einde": "late", "eind van": "late",
    "aan het eind van": "late", "aan het begin van": "early", "half": "mid", "medio": "mid",
    "midden": "mid", "halverwege": "mid", "early": "early", "late": "late", "mid": "mid",
    "the end of": "late", "the beginning of": "early", "the middle of": "mid", "the start of": "early",
    "eind-": "late", "begin-": "early", "half-": "mid", "mid-": "mid",
}
_MOD_PAST = {"afgelopen", "vorige", "vorig", "verleden", "last", "past", "previous"}
_MOD_NEXT = {"komende", "volgende", "volgend", "aanstaande", "next", "coming"}
_MOD_THIS = {"deze", "dit", "this"}

_MONTH_RE = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
             "december|january|february|march|may|june|july|august|october|"
             r"jan\.?|feb\.?|febr\.?|mrt\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|okt\.?|oct\.?|"
             r"nov\.?|dec\.?")
_FULL_MONTH_RE = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
                  "december|january|february|march|may|june|july|august|october")
_WD_RE = "|".join(_WEEKDAYS)
_DAYPART = "ochtend|middag|avond|nacht|morgen"
_PART_RE = ("aan het eind van|aan het begin van|the beginning of|the middle of|the start of|"
            "the end of|begin van|eind van|einde|begin|eind|half|medio|midden|halverwege|early|late|mid")
_NUM_WORD = ("een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|vijftien|twintig|"
             "dertig|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
             "twenty|thirty|\\d{1,3}")
_REL_YEAR = r"\s+(?P<rel_year>vorig|verleden|volgend|dit|last|next|this)\s+(?:jaar|year)(?!\w)"
_UNIT_RE = "dagen|dag|weken|week|maanden|maand|jaren|jaar|days|day|weeks|months|month|years|year"

_TIME = re.compile(
    rf"(?P<dm>\b(?:(?:op|on)\s+)?(?P<dm_day>[0-3]?\d)(?:e|ste|de|st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<dm_month>{_MONTH_RE})(?!\w)(?:,?\s+(?P<dm_year>(?:1[5-9]|2\d)\d\d)(?!\d)|{_REL_YEAR})?)"
    rf"|(?P<wd>\b(?:(?P<wd_mod>afgelopen|vorige|komende|volgende|aanstaande|deze|last|next|this|past|"
    rf"coming|op|on)\s+)?(?P<wd_name>{_WD_RE})(?P<wd_part>{_DAYPART})?"
    rf"(?:\s+(?:morning|afternoon|evening|night))?(?!\w)"
    rf"(?:,?\s+(?:de\s+|the\s+)?(?P<wd_day>[0-3]?\d)(?:e|ste|de|st|nd|rd|th)?\s+(?P<wd_month>{_MONTH_RE})"
    rf"(?!\w)(?:,?\s+(?P<wd_year>(?:1[5-9]|2\d)\d\d)(?!\d))?)?)"
    rf"|(?P<pm>\b(?:in\s+)?(?P<pm_part>{_PART_RE})(?:\s+|-)(?P<pm_month>{_FULL_MONTH_RE})(?!\w)"
    rf"(?:\s+(?P<pm_year>(?:1[5-9]|2\d)\d\d)(?!\d)|{_REL_YEAR.replace('rel_', 'rel2_')})?)"
    rf"|(?P<md>\b(?:on\s+)?(?P<md_month>{_MONTH_RE})\s+(?P<md_day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d.,:]\d)"
    rf"(?!\s*(?:uur|procent|%|jaar|years?|dagen|days|mensen|people))"
    rf"(?:,?\s+(?P<md_year>(?:1[5-9]|2\d)\d\d)(?!\d))?)"
    rf"|(?P<my>\b(?P<my_month>{_FULL_MONTH_RE})\s+(?P<my_year>(?:1[5-9]|2\d)\d\d)(?!\d))"
    rf"|(?P<ago>\b(?P<ago_n>{_NUM_WORD}|enkele|een paar|a few|several)\s+(?P<ago_unit>{_UNIT_RE})\s+"
    rf"(?P<ago_dir>geleden|ago|later))"
    rf"|(?P<over>\bover\s+(?P<over_n>{_NUM_WORD}|enkele|een paar)\s+(?P<over_unit>{_UNIT_RE})(?!\w))"
    rf"|(?P<rp>\b(?P<rp_mod>deze|dit|vorige|vorig|afgelopen|volgende|volgend|komende|verleden|this|last|"
    rf"next|past|coming)\s+(?P<rp_unit>weekend|weekeinde|week|maand|jaar|month|year)(?!\w))"
    r"|(?P<rd>\b(?:the day before yesterday|the day after tomorrow|this morning|this afternoon|"
    r"this evening|last night|eergisteren|gisteravond|gisterochtend|gistermiddag|gisternacht|"
    r"gistermorgen|gisteren|vandaag|vanavond|vanochtend|vanmorgen|vanmiddag|vannacht|overmorgen|"
    r"morgenochtend|morgenavond|morgenmiddag|morgen|yesterday|today|tonight|tomorrow)(?!\w))"
    rf"|(?P<py>\b(?:in\s+)?(?P<py_part>{_PART_RE})\s+(?P<py_mod>vorig|verleden|dit|volgend|last|this|next)\s+"
    r"(?:jaar|year)(?!\w))"
    r"|(?P<yr>\b(?P<yr_prep>in|sinds|vanaf|tot|since|until|during|begin|eind|einde|medio|halverwege|early|"
    r"late|mid|het jaar|the year)[\s-]+"
    r"(?P<yr_year>(?:1[5-9]|20)\d\d)(?![\d.,]\d|[^\W\d_]|\s*(?:procent|%|euro|dollar|mensen|people)))"
    rf"|(?P<mo>\b(?:(?P<mo_prep>in|sinds|vanaf|tot|since|until|during|by|last|next|this|afgelopen|vorige|"
    rf"komende|volgende|aanstaande)\s+)?(?P<mo_month>{_FULL_MONTH_RE})"
    rf"(?!\w)(?:{_REL_YEAR.replace('rel_', 'rel3_')})?)"
    r"|(?P<iso>\b(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b)"
    r"|(?P<nd>(?<![\d./-])(?P<nd_a>[0-3]?\d)[-/.](?P<nd_b>[01]?\d)[-/.](?P<nd_y>(?:19|20)\d\d)(?![\d./-]))",
    re.IGNORECASE,
)
_AHEAD_MONTHS = 3  # a month up to three months after the report is taken as upcoming
_FUTURE_WORDS = frozenset({"zal", "zullen", "zult", "komende", "volgende", "aanstaande", "will", "shall",
                           "upcoming", "next"})
_WORD = re.compile(r"\w+")
_ENGLISH_CAPITAL = {"may", "march", "mar"}


def _year_for(month: int, day: int | None, pub: PartialDate, future: bool) -> int:
    """Year of a day/month without a year: most recent not after the publication (next if future)."""
    year = pub.year
    if pub.month is None:
        return year
    if future:
        return year + 1 if month < pub.month else year
    if month <= pub.month or month - pub.month <= _AHEAD_MONTHS:
        return year  # this year's, possibly a few months ahead ("op 14 mei" in an April report)
    return year - 1


def _count(word: str) -> int | None:
    low = word.lower()
    if low.isdigit():
        return int(low)
    if low in ("a", "an", "een", "één"):
        return 1
    if low in ("enkele", "een paar", "a few", "several"):
        return None
    value = parse_number_word(low, "en" if low.isascii() and low in ("one", "two", "three", "four",
                                                                       "five", "six", "seven", "eight",
                                                                       "nine", "ten", "eleven", "twelve",
                                                                       "fifteen", "twenty", "thirty")
                              else "nl")
    return int(value) if value is not None and value == int(value) else None


class _Resolver:
    """Resolve one matched phrase against the publication date."""

    def __init__(self, pub: PartialDate | None, text: str, lo: int, hi: int) -> None:
        self.pub = pub
        self._window = (text, lo, hi)
        self._future: bool | None = None
        self.days: tuple[date, date] | None = None  # the days a week/weekend phrase stands for

    @property
    def future(self) -> bool:
        """Does the sentence around the phrase speak of the future (computed only when needed)?"""
        if self._future is None:
            text, lo, hi = self._window
            self._future = not _FUTURE_WORDS.isdisjoint(w.lower() for w in _WORD.findall(text, lo, hi))
        return self._future

    def absolute(self, month: int, day: int | None, year: str | None,
                 part: str | None = None, rel_year: str | None = None) -> tuple[PartialDate | None, str]:
        if year:
            value = date_or_month(int(year), month, day)
        elif rel_year and self.pub is not None:  # "26 februari vorig jaar"
            step = -1 if rel_year.lower() in _MOD_PAST else 1 if rel_year.lower() in _MOD_NEXT else 0
            value = date_or_month(self.pub.year + step, month, day)
        elif self.pub is not None:
            value = date_or_month(_year_for(month, day, self.pub, self.future), month, day)
        else:
            return None, describe(None, part=part, month=month, day=day)
        return value, describe(value, part=part)

    def weekday(self, wd: int, mod: str | None) -> PartialDate | None:
        pub = self.pub
        if pub is None:
            return None
        if pub.day is None or pub.month is None:
            return PartialDate(pub.year, pub.month) if pub.month else PartialDate(pub.year)
        ref = date(pub.year, pub.month, pub.day)
        back = (ref.weekday() - wd) % 7
        if mod in _MOD_NEXT or (mod not in _MOD_PAST and mod not in _MOD_THIS and self.future and back):
            d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
        elif mod in _MOD_THIS:
            d = ref + timedelta(days=wd - ref.weekday())
        elif mod in _MOD_PAST:
            d = ref - timedelta(days=back or 7)
        else:
            d = ref - timedelta(days=back)
        return PartialDate(d.year, d.month, d.day)

    def period(self, mod: str, unit: str) -> PartialDate | None:
        pub = self.pub
        if pub is None:
            return None
        step = -1 if mod in _MOD_PAST else 1 if mod in _MOD_NEXT else 0
        if unit in ("jaar", "year"):
            return PartialDate(pub.year + step) if 1 <= pub.year + step <= 9999 else None
        if unit in ("maand", "month"):
            return shift_months(pub, step) if pub.month else (PartialDate(pub.year) if step == 0 else None)
        if pub.day is None:  # week / weekend in a report dated by month: no finer than the report
            return shift_days(pub, 7 * step) if step else PartialDate(pub.year, pub.month) \
                if pub.month else PartialDate(pub.year)
        ref = date(pub.year, pub.month or 1, pub.day)
        if unit in ("weekend", "weekeinde"):
            sat = ref + timedelta(days=(5 - ref.weekday()) % 7)
            if step < 0 or (step == 0 and ref.weekday() < 5 and mod not in _MOD_THIS):
                sat -= timedelta(days=7)
            elif step > 0 and ref.weekday() >= 5:
                sat += timedelta(days=7)
            self.days = (sat, sat + timedelta(days=1))
            return cover(sat, sat + timedelta(days=1))
        monday = ref - timedelta(days=ref.weekday()) + timedelta(days=7 * step)
        self.days = (monday, monday + timedelta(days=6))
        return cover(monday, monday + timedelta(days=6))

    def ago(self, n: int | None, unit: str, sign: int) -> PartialDate | None:
        pub = self.pub
        if pub is None or n is None:
            return None
        u = unit.lower()
        if u.startswith(("dag", "day")):
            return shift_days(pub, sign * n)
        if u.startswith("we"):
            value = shift_days(pub, sign * 7 * n)
            return value if value is None or value.day is None else PartialDate(value.year, value.month)
        if u.startswith(("maand", "month")):
            return shift_months(pub, sign * n) if pub.month else PartialDate(pub.year)
        y = pub.year + sign * n
        return PartialDate(y) if 1 <= y <= 9999 else None


def find_times(text: str, sentences: list[Sentence], published: PartialDate | None,
               language: str) -> list[TimeExpr]:
    """Time expressions in ``text`` resolved against ``published`` with the precision really known.

    Never raises on any string; linear in the length of the text.
    """
    try:
        return _find(text or "", sentences, published, (language or "").lower())
    except (ValueError, OverflowError, IndexError):  # defensive: never fail the analysis
        return []


_TIME_LOW = re.compile(_TIME.pattern)  # the same pattern for lowercased text (faster)
_ANCHOR_WORDS = {*_WEEKDAYS, *_MONTHS, *(w.split()[-1] for w in _REL_DAYS), "geleden", "ago",
                 "week", "weken", "weekeinde", "maand", "jaar", "jaren", "month", "year", "dagen", "maanden"}
_EN_ONLY_ANCHORS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                    "february", "march", "may", "june", "july", "august", "october", "mar", "oct", "yesterday",
                    "today", "tonight", "tomorrow", "morning", "afternoon", "evening", "night", "ago", "month",
                    "year"}
_NL_ONLY_ANCHORS = {*(w for w in _WEEKDAYS if not w.endswith("day")), "januari", "februari", "maart", "mei",
                    "juni", "juli", "augustus", "oktober", "mrt", "okt", "febr", "geleden", "weken",
                    "weekeinde", "maand", "maanden", "jaar", "jaren", "dagen",
                    *(w for w in _REL_DAYS if " " not in w and w not in ("yesterday", "today", "tonight",
                                                                         "tomorrow"))}


def _shortest(words: set[str]) -> tuple[str, ...]:
    """Only the shortest anchors: "jan" already finds "januari" and "january"."""
    return tuple(sorted(w for w in words if not any(o != w and w.startswith(o) for o in words)))


_ANCHORS = _shortest(_ANCHOR_WORDS)
_ANCHORS_BY_LANGUAGE = {"nl": _shortest((_ANCHOR_WORDS - _EN_ONLY_ANCHORS) | {"gister"}),
                        "en": _shortest(_ANCHOR_WORDS - _NL_ONLY_ANCHORS)}
_DIGIT_RUN = re.compile(r"\d+")
_UNIT_ANCHORS = frozenset({"week", "weken", "weekend", "weekeinde", "maand", "maanden", "jaar", "jaren",
                           "dagen", "month", "months", "year", "years", "weeks"})
_UNIT_PREV = frozenset({"deze", "dit", "vorige", "vorig", "afgelopen", "volgende", "volgend", "komende",
                        "verleden", "this", "last", "next", "past", "coming", "enkele", "paar", "few", "several",
                        "a", "an", "een", "één", *_NUM_WORD.split("|")})
_PREV_WORD = re.compile(r"(\w+)\W*$")
_WORD_START = re.compile(r"\b\w")
_DATE_SHAPE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)")
_ALPHA_WORD = re.compile(r"[^\W\d_]+\.?")
_ANCHOR_FULL = frozenset({*_ANCHOR_WORDS, "weken", "weekend", "jaren", "years", "months", "weeks",
                          *(d + part for d in _WEEKDAYS for part in ("ochtend", "middag", "avond", "nacht",
                                                                     "morgen"))})


def _matches(text: str, language: str | None = None) -> list[re.Match[str]]:
    """Matches of the time pattern, tried only near anchor words and digits (see anchors.py).

    Dutch text is searched for Dutch anchor words only, English for English ones (others: both).
    """
    low = lower_same_length(text)
    if low is None:
        return list(_TIME.finditer(text))
    anchors: dict[int, int] = {}  # position → how many words before it a phrase may begin
    for p in word_starts(low, _ANCHORS_BY_LANGUAGE.get(language or "", _ANCHORS)):
        w = _ALPHA_WORD.match(low, p)
        if w is None or not (w.group() in _ANCHOR_FULL or w.group().rstrip(".") in _ANCHOR_FULL):
            continue
        if w.group() in _UNIT_ANCHORS:  # "jaar", "week": only after a modifier or a count ("vorige week")
            prev = _PREV_WORD.search(low, max(0, p - 30), p)
            if prev is None or not (prev.group(1) in _UNIT_PREV or prev.group(1).isdigit()):
                continue
        anchors[p] = 5  # "op 9 augustus", "in de nacht van zondag": a few words before the anchor
    for d in _DIGIT_RUN.finditer(low):
        ds, de = d.span()
        if (de - ds == 4 or _DATE_SHAPE.match(low, ds)) and ds not in anchors:
            anchors[ds] = 2  # "in 2015", "het jaar 2019", "14-09-2020"
    out: list[re.Match[str]] = []
    done = 0
    tried: dict[int, re.Match[str] | None] = {}
    for p in sorted(anchors):
        if p < done:
            continue
        # the phrase may begin up to five words before the anchor ("op 9", "twee weken", "eind")
        back = anchors[p]
        starts = [w.start() for w in _WORD_START.finditer(low, max(done, p - 8 * back), p)][-back:] + [p]
        for i in starts:
            if i not in tried:
                tried[i] = _TIME_LOW.match(low, i)
            m = tried[i]
            if m and m.end() > p:
                full = _TIME.match(text, i)
                if full is not None and full.end() == m.end():
                    out.append(full)
                    done = m.end()
                break
    return out


def _find(text: str, sentences: list[Sentence], pub: PartialDate | None, language: str) -> list[TimeExpr]:
    starts = [s.start for s in sentences]
    out: list[TimeExpr] = []
    for m in _matches(text, language):
        index = max(0, bisect.bisect_right(starts, m.start()) - 1) if starts else 0
        sentence = sentences[index] if sentences else None
        lo = max(m.start() - 80, sentence.start if sentence else 0)
        hi = min(m.end() + 80, sentence.end if sentence else len(text))
        try:
            expr = None if m.group("over") and language == "en" else \
                _resolve(m, _Resolver(pub, text, lo, max(lo, hi)))  # English "over three years": a span
        except (ValueError, OverflowError):  # a date out of range (year 0, 10000): skip this phrase only
            expr = None
        if expr is None:
            continue
        expr.sentence = index
        out.append(expr)
    return out


def _resolve(m: re.Match[str], r: _Resolver) -> TimeExpr | None:
    """Turn one match into a TimeExpr (None when the match is not a time after all)."""
    g = m.group
    s, e = m.span()
    kind = m.lastgroup
    weekday: int | None = None
    part: str | None = None
    relative = False
    value: PartialDate | None
    if g("dm"):
        name = g("dm_month")
        if name.lower().rstrip(".") in _ENGLISH_CAPITAL and not name[0].isupper():
            return None
        month = _MONTHS[name.lower().rstrip(".")]
        value, desc = r.absolute(month, int(g("dm_day")), g("dm_year"), rel_year=g("rel_year"))
        if not 1 <= int(g("dm_day")) <= 31:
            return None
    elif g("wd"):
        weekday = _WEEKDAYS[g("wd_name").lower()]
        mod = (g("wd_mod") or "").lower() or None
        if g("wd_day"):
            month = _MONTHS[g("wd_month").lower().rstrip(".")]
            value, _ = r.absolute(month, int(g("wd_day")), g("wd_year"))
            desc = describe(value, weekday) if value else describe(None, month=month, day=int(g("wd_day")))
        else:
            relative = True
            value = r.weekday(weekday, mod if mod not in ("op", "on") else None)
            desc = describe(value, weekday)
    elif g("pm"):
        if g("pm_month")[0].islower() and g("pm_month").lower() in _ENGLISH_CAPITAL:
            return None
        part = _PARTS.get(" ".join(g("pm_part").lower().split()), "mid")
        month = _MONTHS[g("pm_month").lower()]
        value, desc = r.absolute(month, None, g("pm_year"), part, rel_year=g("rel2_year"))
    elif g("md"):
        name = g("md_month")
        if not name[0].isupper() or not 1 <= int(g("md_day")) <= 31:
            return None
        month = _MONTHS[name.lower().rstrip(".")]
        value, desc = r.absolute(month, int(g("md_day")), g("md_year"))
    elif g("my"):
        value = date_or_month(int(g("my_year")), _MONTHS[g("my_month").lower()], None)
        desc = describe(value)
    elif g("ago") or g("over"):
        relative = True
        n = _count(g("ago_n") or g("over_n"))
        sign = 1 if (g("over") or (g("ago_dir") or "").lower() == "later") else -1
        if g("ago_dir") and g("ago_dir").lower() == "later":
            return None  # "twee dagen later": relative to another event, not to the report
        value = r.ago(n, g("ago_unit") or g("over_unit"), sign)
        desc = describe(value) if value else "date unknown"
    elif g("rp"):
        relative = True
        unit = g("rp_unit").lower()
        value = r.period(g("rp_mod").lower(), unit)
        desc = describe(value) if value else "date unknown"
        if r.days is not None:  # "the weekend of 12–13 September 2020"
            a, b = r.days
            what = "weekend" if unit.startswith("weeke") else "week"
            first = f"{a.day} {MONTH_NAMES[a.month - 1]}" if a.month != b.month else str(a.day)
            if a.year != b.year:
                first += f" {a.year}"
            desc = f"the {what} of {first}–{b.day} {MONTH_NAMES[b.month - 1]} {b.year}"
    elif g("rd"):
        relative = True
        offset = _REL_DAYS[" ".join(g("rd").lower().split())]
        value = shift_days(r.pub, offset) if r.pub else None
        desc = describe(value) if value and value.day else \
            f"{_REL_NAMES[offset]} the report" + (f" ({describe(value)})" if value else "")
    elif g("py"):  # "eind vorig jaar", "early this year"
        part = _PARTS.get(" ".join(g("py_part").lower().split()), "mid")
        mod = g("py_mod").lower()
        step = -1 if mod in _MOD_PAST else 1 if mod in _MOD_NEXT else 0
        relative = True
        value = PartialDate(r.pub.year + step) if r.pub is not None and 1 <= r.pub.year + step <= 9999 else None
        desc = describe(value, part=part) if value else f"{part} {'last' if step < 0 else 'next' if step else 'this'} year"
    elif g("yr"):
        value = PartialDate(int(g("yr_year")))
        part = _PARTS.get(g("yr_prep").lower())  # "begin 2020", "mid-2019"
        desc = describe(value, part=part)
    elif g("mo"):
        name = g("mo_month")
        if name.lower() in _ENGLISH_CAPITAL and (not g("mo_prep") or not name[0].isupper()):
            return None
        if name.isascii() and name.lower() in ("may", "march") and not name[0].isupper():
            return None
        month = _MONTHS[name.lower()]
        mod = (g("mo_prep") or "").lower()
        if mod in _MOD_PAST | _MOD_NEXT and r.pub is not None and r.pub.month is not None \
                and not g("rel3_year"):
            ahead = month > r.pub.month if mod in _MOD_NEXT else month >= r.pub.month
            year = r.pub.year + (1 if mod in _MOD_NEXT and not ahead else -1 if mod in _MOD_PAST and ahead else 0)
            value = date_or_month(year, month, None)  # "last November": the most recent one before the report
            desc = describe(value)
        else:
            value, desc = r.absolute(month, None, None, rel_year=g("rel3_year"))
    elif g("iso"):
        value = date_or_month(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
        if value is None:
            return None
        desc = describe(value)
    elif g("nd"):
        a, b = int(g("nd_a")), int(g("nd_b"))
        if not (1 <= b <= 12 and 1 <= a <= 31):
            return None
        value = date_or_month(int(g("nd_y")), b, a)
        if value is None or value.day is None:
            return None
        desc = describe(value)
    else:  # pragma: no cover - every alternative is handled above
        return None
    del kind
    return TimeExpr(sentence=0, start=s, end=e, text=m.group(), value=value, weekday=weekday,
                    part=part, relative=relative, description=desc)
