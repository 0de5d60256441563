"""Find quantities in Dutch and English text: counts, money, percentages, durations, ordinals, ages.

``find_quantities`` scans for numerals (digits and number words), extends each with scale words,
a second number of a range, a unit, a currency and a qualifier before it, and keeps what the
quantity counts (the head noun nearby) plus the content lemmas of its clause.

Documented choices: durations are in seconds (unit "s"; a month is 30.44 days, a year 365.24
days); ages ("66-jarige", "66 jaar oud", "(66)" after a name) are kind "age" with the value in
years and unit "year"; years ("in 2020") and dates ("9 augustus") are not quantities (they are
time expressions); intervals per qualifier are listed in ``storyline.text.units``. Vague plurals
("tientallen", "honderden") are kind count/number with value None and the interval of
``storyline.text.numbers.VAGUE``. Ranges ("500 à 600") have value None, low and high.
"""

from __future__ import annotations

import bisect
import re

from storyline.model import Quantity, Sentence
from storyline.text.anchors import lower_same_length, word_starts
from storyline.text.numbers import (
    SCALE_PLURALS,
    SCALE_SUFFIXES,
    SCALES,
    VAGUE,
    VAGUE_PREFIX,
    parse_number_word,
    parse_numeral,
    parse_ordinal,
)
from storyline.text.quantity_heads import find_head
from storyline.text.units import (
    CENT_WORDS,
    CURRENCY_ADJECTIVES,
    CURRENCY_BEFORE,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    ID_WORDS,
    MONTHS,
    NAME_OK_BEFORE,
    PERCENT_WORDS,
    POINT_WORDS,
    TIME_UNITS,
    UPPER_ONLY,
    interval,
    qualifier_before,
)

_NL_PART = ("een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|"
            "vijftien|zestien|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|"
            "zeventig|tachtig|negentig|honderd|duizend")
_EN_NUM = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
           "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
           "eighty|ninety|hundred|thousand|dozen")
_EN_ORD = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
           "twentieth|thirtieth|hundredth|thousandth")
_VAGUE = "|".join(sorted(VAGUE, key=len, reverse=True))

_CANDIDATE = re.compile(
    r"(?P<dig>(?<![\w.,])\d+(?:[.,]\d+)*)"
    rf"|(?P<word>\b(?:{_VAGUE}|tens|anderhalf|half|eerste|derde|"
    rf"(?:{_NL_PART})(?:{_NL_PART}|ën|en|half)*(?:ste|de)?|"
    rf"(?:{_EN_NUM})(?:[-\s]+(?:and\s+)?(?:{_EN_NUM}))*|(?:(?:twenty|thirty|forty|fifty|sixty|"
    rf"seventy|eighty|ninety)-)?(?:{_EN_ORD}))\b)",
    re.IGNORECASE,
)
_WORD_AT = re.compile(r"\s*([^\W\d_]+(?:['\u2019][^\W\d_]+)?)\.?", re.UNICODE)
_SUFFIX_AT = re.compile(r"[^\W\d_]+")
_RANGE_AT = re.compile(r"\s*(?:[-–—]|(?:à|tot(?:\s+en\s+met)?|to|or|of|en|and|a)(?!\w))\s*", re.IGNORECASE)
_NUMBER_AT = re.compile(r"(?:[€$£]\s?)?(\d+(?:[.,]\d+)*)|([^\W\d_]+(?:-[^\W\d_]+)?)")
_CLOCK_AFTER = re.compile(r"\s*(?:uur\s+['\u2019]s\s+(?:ochtends|morgens|middags|avonds|nachts)"
                          r"|u\b|h\b|o['\u2019]clock|[ap]\.?m\.?(?!\w))", re.IGNORECASE)
_AGE_AFTER = re.compile(r"(?:-|\s)?jarigen?\b|-year-olds?\b|\s+(?:jaar|years?)\s+oud\b|\s+years?\s+old\b",
                        re.IGNORECASE)
_AGE_PAREN = re.compile(r"[^\W\d_]\s\($")
_AGO_AFTER = re.compile(r"\s+(?:geleden|ago|terug)\b", re.IGNORECASE)
_YEAR_PREP = {"in", "sinds", "van", "tot", "voor", "na", "tussen", "begin", "eind", "eind-",
              "medio", "jaar", "zomer", "winter", "lente", "herfst", "since", "until", "by", "from",
              "to", "during", "early", "late", "mid", "en", "of", "and", "or", "vanaf", "uit", "per",
              "anno", "halverwege", "najaar", "voorjaar", "rond", "around", "the", "het", "de"}
_PLURAL_NOUN = re.compile(r"(?:en|ers|s|'s|’s)$")
_IDIOM = re.compile(r"(?:onder\s+vier\s+ogen|in\s+(?:één|een)\s+adem|op\s+twee\s+gedachten|"
                    r"met\s+twee\s+woorden|twee\s+walletjes|één\s+voor\s+één|een\s+voor\s+een|"
                    r"one\s+by\s+one|one\s+of\s+a\s+kind)\b", re.IGNORECASE)
# Small patterns of the candidate checks, compiled once (not looked up in re's cache per candidate).
_LIST_NUMBER_AFTER = re.compile(r"\.\s+[A-ZÀ-Ý]")
_MINUTES_END = re.compile(r"[.:]\d\d$")
_UUR_AT = re.compile(r"\s*uur\b")
_CLOCK_TOKEN = re.compile(r"\d{1,2}[.:]\d\d")
_CLOCK_UNIT_AT = re.compile(r"\s*(?:uur|u\b|h\b)")
_ARTICLE_END = re.compile(r"\b(?:the|a|its|his|her|their)\s+$", re.IGNORECASE)
_DETERMINER_END = re.compile(r"\b(?:the|a|an|its|his|her|their|our|my|your|this|that)\s+$|['’]s\s+$", re.IGNORECASE)
_OF_AT = re.compile(r"\s+of\s+", re.IGNORECASE)
_BETWEEN_END = re.compile(r"\b(?:tussen|between)\s+\S*\s*$", re.IGNORECASE)
_OVER_END = re.compile(r"\bover\s+$")  # case-sensitive where the original check was
_OVER_END_ANY_CASE = re.compile(r"\bover\s+$", re.IGNORECASE)
_OM_AT_END = re.compile(r"\b(?:om|at)\s+$", re.IGNORECASE)
_WHO = re.compile(r"(?:van\s+wie|waarvan|onder\s+wie|of\s+whom|of\s+which|including)\s+$", re.IGNORECASE)


def _sentence_of(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _word_after(text: str, pos: int) -> tuple[str, int, int]:
    """The next word after ``pos`` (skipping spaces; a trailing '.' is eaten) as (word, start, end)."""
    m = _WORD_AT.match(text, pos, min(len(text), pos + 60))
    if not m:
        return "", pos, pos
    return m.group(1), m.start(1), m.end()


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The word that ends right before ``pos`` (spaces skipped) and its start."""
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "'\u2019-"):
        j -= 1
    return text[j:i], j


def _scale_after(text: str, pos: int) -> tuple[float, int]:
    """Multiply by the scale words that follow ("miljard", "mln.", "half miljard"); (factor, end)."""
    factor, end = 1.0, pos
    for _ in range(2):
        word, _ws, we = _word_after(text, end)
        low = word.lower()
        if low in ("half", "halve"):
            w2, ws2, we2 = _word_after(text, _ws + len(word))
            if w2.lower() in SCALES:
                factor *= 0.5
                word, _ws, we, low = w2, ws2, we2, w2.lower()
            elif w2.lower() in TIME_UNITS or w2.lower() in CURRENCY_WORDS:
                return factor * 0.5, _ws + len(word)  # "een half uur"
        if low in SCALES and not (low in ("mn", "bn", "tn") and text[we - 1:we] == "."):
            factor *= SCALES[low]
            end = we if text[we - 1:we] == "." and low in ("mln", "mld", "mrd", "mio") else _ws + len(word)
        else:
            break
    return factor, end


def _is_sentence_start(text: str, pos: int) -> bool:
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    return i == 0 or text[i - 1] in ".!?:\n\"'‘“(«—–-"


def _currency_after(text: str, pos: int) -> tuple[str | None, int, bool]:
    """Currency named right after ``pos`` ("dollar", "Amerikaanse dollar", "euro's"); (ISO, end, cents)."""
    word, ws, _we = _word_after(text, pos)
    low = word.lower().replace("\u2019", "'")
    adjective = None
    if low in ("amerikaanse", "canadese", "australische", "hongkongse", "zwitserse", "britse",
               "zweedse", "deense", "noorse", "canadian", "australian", "us"):
        adjective = low
        word, ws, _we = _word_after(text, ws + len(word))
        low = word.lower().replace("\u2019", "'")
    code = CURRENCY_WORDS.get(low)
    if code is None or (low in UPPER_ONLY and not word.isupper()):
        return None, pos, False
    if adjective:
        code = CURRENCY_ADJECTIVES.get((adjective, code), code)
    return code, ws + len(word), low in CENT_WORDS


def _skip_candidate(text: str, s: int, e: int, language: str) -> bool:
    """True for numbers that are parts of names, codes, dates, clock times, phone numbers or scores."""
    before = text[s - 1] if s else " "
    if before in "/:+#§'\u2019" or text[e:e + 1] in ("/", ":") and text[e + 1:e + 2].isdigit():
        return True
    if before in ("-", "–") and s >= 2 and (text[s - 2].isalnum()):
        return True  # COVID-19, MH-17, 2019-2020 (second half), 500-600 handled as a range
    if before == "." and s >= 2 and text[s - 2].isalpha():
        return True  # "versie.3", web addresses
    token = text[s:e]
    if _LIST_NUMBER_AFTER.match(text[e:e + 4]) and len(token) <= 2 and token.isdigit() and \
            text[max(0, s - 20):s].rstrip(" \t")[-1:] in ("", "\n", ")", ":"):
        return True  # list numbering: "1. Henk van Gerven (SP) 2. André Rouvoet"
    token = text[s:e]
    if len(token) > 1 and token[0] == "0" and token[1].isdigit():
        return True  # 020-1234567, 007
    word, _ws = _word_before(text, s)
    low = word.lower().rstrip(".")
    if low in ID_WORDS:
        return True
    nxt, _, _ = _word_after(text, e)
    # "augustus 2020", "Aug. 9" — but not "eind juli 33 Russen"
    if low in MONTHS and (word[:1].isupper() or low not in ("mei", "may", "mar", "dec")) and (
            len(token) == 4 or (token.isdigit() and int(token) <= 31 and not (
                nxt[:1].isupper() or (len(nxt) > 3 and _PLURAL_NOUN.search(nxt))))):
        return True
    if nxt.lower() in MONTHS and (nxt.lower() not in ("may", "mar", "dec", "mei") or nxt[:1].isupper()
                                  or language == "nl"):
        return True  # "9 augustus", "14 sep"
    if _CLOCK_AFTER.match(text, e) and _MINUTES_END.search(token) or low in ("om", "at") and \
            _UUR_AT.match(text[e:e + 8]):
        return True
    return bool(_CLOCK_TOKEN.fullmatch(token) and _CLOCK_UNIT_AT.match(text[e:e + 6]))


def _name_before(text: str, s: int, e: int) -> bool:
    """A plain number right after a capitalised word inside a sentence: a model/name ("Boeing 737")."""
    word, ws = _word_before(text, s)
    if not word or not word[:1].isupper() or word.lower().replace("\u2019", "'") in NAME_OK_BEFORE:
        return False
    if word.lower() in MONTHS or _is_sentence_start(text, ws):
        return False
    nxt, _, _ = _word_after(text, e)
    return not (nxt and (_PLURAL_NOUN.search(nxt) and len(nxt) > 3))


def _is_year(text: str, s: int, e: int, value: float) -> bool:
    token = text[s:e]
    if not (len(token) == 4 and token.isdigit() and 1000 <= value <= 2100):
        return False
    word, _ = _word_before(text, s)
    if word.lower().rstrip("-") in _YEAR_PREP or word.lower() in MONTHS:
        return True
    nxt = text[e:e + 2]
    return nxt[:1] in ("", ".", ",", ";", ":", ")", "!", "?", "\n") or nxt.startswith(" -")


def find_quantities(text: str, sentences: list[Sentence], language: str) -> list[Quantity]:
    """Quantities in ``text`` with their normalised value or interval, unit, qualifier and what they count.

    Never raises on any string; linear in the length of the text.
    """
    try:
        return _find(text or "", sentences, (language or "nl").lower())
    except (ValueError, OverflowError, IndexError):  # defensive: never fail the analysis
        return []




def _shortest(words: set[str]) -> tuple[str, ...]:
    """Only the shortest anchors: "tien" already finds "tientallen" and "tiende"."""
    return tuple(sorted(w for w in words if not any(o != w and w.startswith(o) for o in words)))


_NL_ANCHORS = _shortest({*_NL_PART.split("|"), *(v for v in VAGUE if not v.isascii() or v.endswith("en")),
                         "anderhalf", "half", "eerste", "derde", "achtste"})
_EN_ANCHORS = _shortest({*_EN_NUM.split("|"), *_EN_ORD.split("|"), "dozens", "scores", "hundreds",
                         "thousands", "millions", "billions", "tens", "half"})
_DIGIT_RUN = re.compile(r"[0-9]+")


def _candidates(text: str, language: str) -> list[re.Match[str]]:
    """Candidate numerals, matched only where a digit run or a number word begins (see anchors.py)."""
    low = lower_same_length(text)
    if low is None:
        return list(_CANDIDATE.finditer(text))
    anchors = _EN_ANCHORS if language == "en" else _NL_ANCHORS if language == "nl" else \
        _NL_ANCHORS + _EN_ANCHORS
    positions = set(word_starts(low, anchors))
    positions.update([m.start() for m in _DIGIT_RUN.finditer(text)])
    out: list[re.Match[str]] = []
    for p in sorted(positions):
        if low.startswith(("een ", "één ", "one "), p) and not _next_is_scale_or_unit(low, p + 3):
            continue  # the article "een"/"one" (most anchors): no number unless a scale or unit follows
        m = _CANDIDATE.match(text, p)
        if m is not None:
            out.append(m)
    return out


def _find(text: str, sentences: list[Sentence], language: str) -> list[Quantity]:
    starts = [s.start for s in sentences]
    out: list[Quantity] = []
    last_end = 0
    for m in _candidates(text, language):
        s, _e = m.span()
        if s < last_end:
            continue
        try:
            q = _read(text, m, language)
        except (ValueError, OverflowError):  # skip this candidate only, keep the others
            q = None
        if q is None:
            continue
        q.sentence = _sentence_of(starts, q.start) if starts else 0
        if q.counts is None and q.kind in ("count", "number") and out and out[-1].sentence == q.sentence \
                and _WHO.search(text[max(0, q.start - 20):q.start]):
            q.counts, q.counts_lemmas = out[-1].counts, list(out[-1].counts_lemmas)
            q.kind = "count" if q.counts else q.kind
        out.append(q)
        last_end = q.end
    return out


def _read(text: str, m: re.Match[str], language: str) -> Quantity | None:
    """Build one Quantity from a candidate numeral, or None when it is not a quantity."""
    s, e = m.span()
    value: float | None = None
    vague = None
    kind = "number"
    unit: str | None = None
    ordinal = False
    if m.group("dig"):
        if _skip_candidate(text, s, e, language):
            return None
        value = parse_numeral(m.group("dig"), language)
        if value is None:
            return None
        suffix_m = _SUFFIX_AT.match(text, e)
        if suffix_m:
            suffix = suffix_m.group().lower()
            if suffix in ("e", "de", "ste", "st", "nd", "rd", "th") and value == int(value) and value < 10_000:
                ordinal, e = True, suffix_m.end()
            elif suffix in SCALE_SUFFIXES and (CURRENCY_BEFORE.search(text[max(0, s - 4):s])
                                               or suffix in ("bn", "mn")):
                value *= SCALE_SUFFIXES[suffix]
                e = suffix_m.end()
            else:
                return None  # 4G, 737MAX, 80s
        elif text[e:e + 1] in "-–" and text[e + 1:e + 2].isalpha() and not _AGE_AFTER.match(text, e):
            return None  # "10-puntenplan"
    else:
        word = m.group("word")
        low = word.lower()
        if low in ("een", "één", "eén", "one", "half") and not _next_is_scale_or_unit(text, e):
            return None
        if low in VAGUE or low == "tens":
            vague = VAGUE.get(low) or VAGUE_PREFIX[low]
        else:
            ord_value = parse_ordinal(low, language) if not low.endswith(("en", "ën")) else None
            if ord_value is not None and not (low == "second" and not _ARTICLE_END.search(text[max(0, s - 8):s])):
                value, ordinal = float(ord_value), True
            else:
                value = parse_number_word(low, language)
                if value is None and language == "en" and " " in low:
                    return None
                if value is None:
                    return None
        if low in ("een", "één", "eén", "one", "half") and not _next_is_scale_or_unit(text, e):
            return None
    if _IDIOM.match(text, max(0, s - 6)) or _IDIOM.match(text, max(0, s - 3)) or _IDIOM.match(text, s):
        return None  # "onder vier ogen", "in één adem": idioms, not quantities
    if ordinal:
        if m.group("word") and m.group("word")[:1].isupper() and not _is_sentence_start(text, s):
            return None  # "Tweede Kamer", "Eerste Wereldoorlog": part of a name
        if language == "en" and m.group("word") and not _DETERMINER_END.search(text[max(0, s - 8):s]):
            return None  # "he first observed": an adverb, not a rank
        return _ordinal(text, s, e, value or 0.0, language)
    prev_word, _pw = _word_before(text, s)
    if prev_word.lower() in ("jaren", "the") and m.group("word") and value is not None and value >= 10:
        return None  # "de jaren negentig": a decade

    # scale words: "1,5 miljard", "twee miljoen", "tientallen miljoenen", "tens of thousands"
    factor, e2 = _scale_after(text, e)
    if vague is not None:
        of = _OF_AT.match(text[e:e + 6])
        word, ws, _we = _word_after(text, e + (of.end() if of else 0))
        low = word.lower()
        if low in SCALE_PLURALS:
            vague = type(vague)(vague.low * SCALE_PLURALS[low], vague.high * SCALE_PLURALS[low])
            e2 = ws + len(word)
        elif of and low in VAGUE:
            vague = type(vague)(vague.low * VAGUE[low].low, vague.high * VAGUE[low].high / 10)
            e2 = ws + len(word)
        elif factor != 1.0:
            vague = type(vague)(vague.low * factor, vague.high * factor)
        elif m.group("word").lower() == "tens":
            return None
    elif value is not None:
        value *= factor
    e = e2
    low_v: float | None = value
    high_v: float | None = value
    qualifier = "vague" if vague is not None else "exact"
    if vague is not None:
        low_v, high_v = vague.low, vague.high

    # range: "500 à 600", "500-600", "1 tot 2 miljard", "tussen 500 en 600", "drie of vier dagen"
    if vague is None and value is not None:
        r = _RANGE_AT.match(text, e, min(len(text), e + 20))
        if r:
            connector = r.group().strip().lower()
            ok = connector not in ("en", "and") or _BETWEEN_END.search(text[max(0, s - 14):s])
            n2 = _NUMBER_AT.match(text, r.end()) if ok else None
            if n2 is not None and not (connector in ("a", "of", "or", "to") and n2.group(1) is None
                                       and parse_number_word(n2.group(2) or "", language) is None):
                second = parse_numeral(n2.group(1), language) if n2.group(1) else \
                    parse_number_word(n2.group(2) or "", language)
                if second is not None:
                    f2, e3 = _scale_after(text, n2.end())
                    first = value if factor != 1.0 or f2 == 1.0 else value * f2
                    second *= f2
                    if _looks_like_year(first) and _looks_like_year(second) and factor == f2 == 1.0:
                        return None  # "1944-1945": years, a time expression
                    if first < second and (connector not in ("-", "–", "—") or not (
                            first < 16 and second < 16 and not _unit_follows(text, e3))):
                        low_v, high_v, value, qualifier, e = first, second, None, "range", e3
                    elif connector in ("-", "–", "—") and not (text[r.end()].isalpha()):
                        return None  # score "2-1" or "3-3"

    # qualifier before (and a currency symbol before)
    left = s
    code_before = CURRENCY_BEFORE.search(text[max(0, s - 4):s])
    if code_before:
        unit, kind = CURRENCY_SYMBOLS.get(code_before.group(1).lower(), "USD"), "money"
        left = s - len(code_before.group(0))
    if qualifier == "exact":
        qual, qlen = qualifier_before(text[max(0, left - 40):left], language)
        if qual:
            qualifier = qual
            left -= qlen
            low_v, high_v = interval(value or 0.0, qual)

    # unit after
    age = _AGE_AFTER.match(text, e)
    if age and value is not None and value < 130 and kind != "money":
        return _make(text, left, age.end(), "age", value, value, value, "year", "exact", language)
    if _AGE_PAREN.search(text[max(0, s - 3):s]) and text[e:e + 1] == ")" and value is not None \
            and 0 < value < 130 and text[s:e].isdigit():
        return _make(text, s, e, "age", value, value, value, "year", "exact", language, head_before=True)
    word, ws, _we = _word_after(text, e)
    wlow = word.lower().replace("\u2019", "'")
    if kind != "money":
        code, cend, cents = _currency_after(text, e)
        if code:
            kind, unit, e = "money", code, cend
            if cents:
                value, low_v, high_v = (_mul(x, 0.01) for x in (value, low_v, high_v))
    if kind == "number":
        if text[e:e + 2].strip()[:1] == "%" and text[e:e + 1] in ("%", " ", "\u00a0"):
            kind, unit, e = "percent", "%", text.index("%", e) + 1
        elif wlow in PERCENT_WORDS or wlow in POINT_WORDS:
            kind, unit, e = "percent", "%" if wlow in PERCENT_WORDS else "pp", ws + len(word)
            if wlow.endswith("."):
                e += 1
        elif wlow in TIME_UNITS and (low_v is not None or high_v is not None):
            if _AGO_AFTER.match(text, ws + len(word)) or _OVER_END.search(text[max(0, left - 6):left]) \
                    and language == "nl":
                return None  # "drie dagen geleden", "over twee weken": a time expression
            if _OM_AT_END.search(text[max(0, left - 4):left]) and wlow == "uur":
                return None  # "om 4 uur": a clock time
            f = TIME_UNITS[wlow]
            kind, unit, e = "duration", "s", ws + len(word)
            if qualifier == "more_than" and _OVER_END_ANY_CASE.search(text[max(0, s - 6):s]):
                qualifier, left, low_v, high_v = "exact", s, value, value  # "over three years": during
            value, low_v, high_v = (_mul(x, f) for x in (value, low_v, high_v))
    if kind == "number" and value is not None and qualifier in ("exact",) and vague is None:
        if _is_year(text, s, e, value) or _name_before(text, s, e):
            return None
        if text[s:e].isdigit() and len(text[s:e]) >= 7:
            return None  # long bare digit runs are ids
    return _make(text, left, e, kind, value, low_v, high_v, unit, qualifier, language)


def _looks_like_year(x: float) -> bool:
    return x == int(x) and 1000 <= x <= 2100


def _mul(x: float | None, f: float) -> float | None:
    return None if x is None else x * f


def _unit_follows(text: str, pos: int) -> bool:
    word, _, _ = _word_after(text, pos)
    low = word.lower()
    return bool(low) and (low in TIME_UNITS or low in PERCENT_WORDS or low in CURRENCY_WORDS or low in SCALES)


def _next_is_scale_or_unit(text: str, pos: int) -> bool:
    word, ws, _we = _word_after(text, pos)
    low = word.lower()
    if low in ("half", "halve"):
        word, ws, _we = _word_after(text, ws + len(word))
        low = word.lower()
    return low in SCALES or low in TIME_UNITS or low in PERCENT_WORDS or low in CURRENCY_WORDS


def _ordinal(text: str, s: int, e: int, value: float, language: str) -> Quantity:
    return _make(text, s, e, "ordinal", value, value, value, None, "exact", language)


def _make(text: str, start: int, end: int, kind: str, value: float | None, low: float | None,
          high: float | None, unit: str | None, qualifier: str, language: str,
          head_before: bool = False) -> Quantity:
    head = find_head(text, start, end, kind, language, head_before=head_before)
    if kind == "number" and head.counts:
        kind = "count"
    return Quantity(sentence=0, start=start, end=end, text=text[start:end], kind=kind, value=value,
                    low=low, high=high, unit=unit, qualifier=qualifier, counts=head.counts,
                    counts_lemmas=head.lemmas)
