"""Word lists for quantities: currencies, time units, qualifiers and their intervals.

General Dutch and English vocabulary only. Interval choices are documented here once so that
the facts stage can rely on them:

- exact: [v, v]; approx ("circa", "ongeveer", "zo'n", "about"): [0.9·v, 1.1·v] (±10 %);
- almost ("bijna", "nearly"): [0.9·v, v]; at_least ("zeker", "minstens", "at least") and
  more_than ("meer dan", "ruim", "more than"): [v, None]; at_most ("maximaal", "tot", "up to")
  and less_than ("minder dan", "nog geen", "fewer than"): [None, v].
"""

from __future__ import annotations

import re

#: Qualifier phrases (lowercase, single spaces) → qualifier name. Matched right before a number.
QUALIFIERS: dict[str, str] = {
    # Dutch
    "meer dan": "more_than", "ruim": "more_than", "ruimschoots": "more_than", "boven de": "more_than",
    "dik": "more_than", "bijna": "almost", "haast": "almost", "nagenoeg": "almost", "bijkans": "almost",
    "vrijwel": "almost", "zeker": "at_least", "minstens": "at_least", "minimaal": "at_least",
    "ten minste": "at_least", "tenminste": "at_least", "op zijn minst": "at_least",
    "niet minder dan": "at_least", "maximaal": "at_most", "hoogstens": "at_most",
    "ten hoogste": "at_most", "hooguit": "at_most", "niet meer dan": "at_most", "tot": "at_most",
    "tot wel": "at_most", "minder dan": "less_than", "nog geen": "less_than", "onder de": "less_than",
    "circa": "approx", "ca.": "approx", "ca": "approx", "ongeveer": "approx", "zo'n": "approx",
    "rond": "approx", "rond de": "approx", "rondom": "approx", "om en nabij": "approx",
    "pakweg": "approx", "ruwweg": "approx", "naar schatting": "approx", "bij benadering": "approx",
    "omstreeks": "approx", "plusminus": "approx", "grofweg": "approx",
    # English
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "well over": "more_than", "nearly": "almost", "almost": "almost",
    "close to": "almost", "at least": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "at most": "at_most", "up to": "at_most", "no more than": "at_most",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx",
}
_EN_ONLY = {"over", "under", "some", "about", "around", "estimated", "an estimated"}
_NL_ONLY = {"tot", "rond", "dik", "zeker", "haast"}

_TOKEN = re.compile(r"\S+")
_LAST_WORDS = frozenset(k.split()[-1] for k in QUALIFIERS)
_QUAL_MAX_WORDS = max(len(k.split()) for k in QUALIFIERS)


def qualifier_before(prefix: str, language: str | None) -> tuple[str | None, int]:
    """Qualifier that ends ``prefix`` (text right before a number) and its length in characters.

    Looks up the last one to four words in the phrase table (longest first) instead of running a
    large alternation at every position.
    """
    tail = prefix[-40:]
    if not tail[-1:].isspace():
        return None, 0
    last = tail.rsplit(None, 1)[-1:] if tail.strip() else []
    if not last or last[0].lower().replace("\u2019", "'").lstrip("(\"'\u2018\u201c") not in _LAST_WORDS:
        return None, 0  # fast path: most numbers have no qualifier
    spans = [(m.start(), m.group()) for m in _TOKEN.finditer(tail)][-_QUAL_MAX_WORDS:]
    for k in range(len(spans), 0, -1):
        start, first = spans[-k]
        lead = len(first) - len(first.lstrip("(\"'\u2018\u201c"))
        words = [first[lead:]] + [w for _, w in spans[-k + 1:]] if k > 1 else [first[lead:]]
        phrase = " ".join(words).lower().replace("\u2019", "'")
        qualifier = QUALIFIERS.get(phrase)
        if qualifier is None:
            continue
        if (language == "nl" and phrase in _EN_ONLY) or (language == "en" and phrase in _NL_ONLY):
            return None, 0
        return qualifier, len(tail) - start - lead
    return None, 0


def interval(value: float, qualifier: str) -> tuple[float | None, float | None]:
    """[low, high] for a point value under a qualifier (see the module docstring)."""
    if qualifier == "approx":
        return value * 0.9, value * 1.1
    if qualifier == "almost":
        return value * 0.9, value
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return None, value
    return value, value


# ----------------------------------------------------------------------------- currencies

CURRENCY_WORDS: dict[str, str] = {
    "euro": "EUR", "euro's": "EUR", "euros": "EUR", "eur": "EUR", "eurocent": "EUR",
    "dollar": "USD", "dollars": "USD", "usd": "USD", "pond": "GBP", "ponden": "GBP",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "roebel": "RUB",
    "roebels": "RUB", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "rub": "RUB", "yen": "JPY", "jpy": "JPY", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY",
    "frank": "CHF", "franken": "CHF", "chf": "CHF", "zloty": "PLN", "pln": "PLN", "lira": "TRY",
    "lire": "TRY", "try": "TRY", "roepie": "INR", "roepies": "INR", "rupee": "INR",
    "rupees": "INR", "inr": "INR", "hryvnia": "UAH", "grivna": "UAH", "uah": "UAH",
    "sek": "SEK", "nok": "NOK", "dkk": "DKK", "cad": "CAD", "aud": "AUD", "hkd": "HKD",
    "bitcoin": "BTC", "bitcoins": "BTC", "btc": "BTC",
}
#: Adjectives that change the currency a word names ("Canadese dollar").
CURRENCY_ADJECTIVES: dict[tuple[str, str], str] = {
    ("canadese", "USD"): "CAD", ("canadian", "USD"): "CAD", ("australische", "USD"): "AUD",
    ("australian", "USD"): "AUD", ("hongkongse", "USD"): "HKD", ("zwitserse", "CHF"): "CHF",
    ("britse", "GBP"): "GBP", ("amerikaanse", "USD"): "USD", ("us", "USD"): "USD",
    ("zweedse", "SEK"): "SEK", ("deense", "DKK"): "DKK", ("noorse", "NOK"): "NOK",
}
#: Words that must be upper case to be read as a currency code (they are also common words).
UPPER_ONLY = {"try", "rub", "cad", "aud", "eur", "usd", "gbp", "nok", "sek", "dkk", "inr", "uah",
              "pln", "chf", "jpy", "cny", "hkd", "btc"}
CURRENCY_SYMBOLS: dict[str, str] = {
    "€": "EUR", "$": "USD", "us$": "USD", "c$": "CAD", "a$": "AUD", "hk$": "HKD", "£": "GBP",
    "¥": "JPY", "₽": "RUB", "₹": "INR", "eur": "EUR", "usd": "USD", "gbp": "GBP", "chf": "CHF",
}
CURRENCY_BEFORE = re.compile(r"(US\$|C\$|A\$|HK\$|[€$£¥₽₹]|\b(?:EUR|USD|GBP|CHF))\s?$")
CENT_WORDS = {"eurocent", "cent", "cents"}

# ----------------------------------------------------------------------------- time units

_MONTH_S = 2_629_746  # 30.436875 days: a Gregorian year / 12
_YEAR_S = 31_556_952  # 365.2425 days

TIME_UNITS: dict[str, float] = {
    "seconde": 1, "seconden": 1, "sec": 1, "second": 1, "seconds": 1, "secs": 1,
    "minuut": 60, "minuten": 60, "min": 60, "minute": 60, "minutes": 60, "mins": 60,
    "kwartier": 900, "uur": 3600, "uren": 3600, "hour": 3600, "hours": 3600, "hrs": 3600,
    "dag": 86_400, "dagen": 86_400, "etmaal": 86_400, "etmalen": 86_400, "day": 86_400,
    "days": 86_400, "week": 604_800, "weken": 604_800, "weeks": 604_800, "fortnight": 1_209_600,
    "maand": _MONTH_S, "maanden": _MONTH_S, "month": _MONTH_S, "months": _MONTH_S,
    "jaar": _YEAR_S, "jaren": _YEAR_S, "year": _YEAR_S, "years": _YEAR_S,
    "decennium": 10 * _YEAR_S, "decennia": 10 * _YEAR_S, "decade": 10 * _YEAR_S,
    "decades": 10 * _YEAR_S, "eeuw": 100 * _YEAR_S, "eeuwen": 100 * _YEAR_S,
    "century": 100 * _YEAR_S, "centuries": 100 * _YEAR_S,
}
PERCENT_WORDS = {"procent", "percent", "pct", "pct.", "%"}
POINT_WORDS = {"procentpunt", "procentpunten", "percentage point", "percentage points"}

#: Month names and abbreviations (nl + en, lowercase) — a number next to one is a date, not a count.
MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "mar": 3, "apr": 4, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}

#: Words before a number that make it an identifier, not a quantity ("artikel 5", "flight 17").
ID_WORDS = {
    "nr", "nummer", "no", "number", "artikel", "art", "paragraaf", "hoofdstuk", "pagina", "blz",
    "p", "pp", "versie", "version", "page", "chapter", "article", "section", "sectie", "kamer",
    "room", "lijn", "bus", "tram", "route", "snelweg", "flight", "vlucht", "code", "postcode",
    "huisnummer", "tel", "telefoon", "fax", "gate", "perron", "spoor", "zaak", "case", "level",
    "niveau", "fase", "phase", "editie", "seizoen", "season", "aflevering", "episode", "week",
    "ronde", "round", "groep", "group", "klasse", "categorie", "type", "model", "serie", "series",
}
#: Capitalised words that may stand right before a number (they are not product names).
NAME_OK_BEFORE = {
    "zeker", "ruim", "bijna", "circa", "ongeveer", "minstens", "maximaal", "meer", "nog", "ook",
    "slechts", "maar", "toen", "nu", "dan", "al", "over", "about", "around", "some", "nearly",
    "almost", "only", "just", "at", "the", "de", "het", "van", "op", "in", "en", "and", "with",
    "met", "by", "door", "ca", "zo'n", "pakweg", "tot", "to", "from", "naar", "rond",
}
