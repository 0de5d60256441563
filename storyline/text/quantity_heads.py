"""What a quantity counts: the head noun near a number and the content lemmas of its clause.

Without a parser this uses word order: the noun after the number ("774 betogers"), skipping
adjectives ("ongewapende vrouwen"); for money and percentages also "X van <bedrag>" ("een lening
van 1,5 miljard") and "<percentage> van de X" ("80 procent van de stemmen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from storyline.text.numbers import SCALES, VAGUE, parse_number_word, parse_ordinal
from storyline.text.stopwords import is_stopword
from storyline.text.tokens import lemmatize
from storyline.text.units import CURRENCY_WORDS, PERCENT_WORDS, QUALIFIERS, TIME_UNITS

_CLAUSE_END = re.compile(r"[.;:!?()\[\]\n\"“”‘’«»—]|,\s|\s[-–]\s")
_WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
_BEFORE_VAN = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*)\s+(?:van|ter\s+waarde\s+van|of|worth)\s+"
                         r"(?:\S+\s+){0,2}$", re.IGNORECASE)
_PARTICIPLE = re.compile(r"^(?:[a-z]{0,6}ge[a-z]{3,}[dt]|[a-z]+ed)$")
_ADJ_SKIP = {"lang", "lange", "durende", "long", "oude", "old", "extra", "meer", "more", "andere",
             "other", "nieuwe", "new", "jaarlijkse", "annual", "procent"}
_STOP = {"per", "each", "elk", "elke", "a", "an", "ago", "geleden"}
_NATIONALITY = re.compile(r"(?:an|ese|ish|ian|i|sche|se|ische|aanse|eense)$")
_SKIP = set(QUALIFIERS) | set(SCALES) | set(TIME_UNITS) | set(CURRENCY_WORDS) | PERCENT_WORDS \
    | set(VAGUE) | {"half", "halve", "anderhalf", "wie", "waarvan", "whom", "which", "zo'n", "circa",
                    "ca", "ruim", "bijna", "zeker", "minstens", "ongeveer", "rond", "rij", "row"}
_WINDOW = 80


@dataclass
class Head:
    """The head word a quantity counts and the content lemmas around it."""

    counts: str | None
    lemmas: list[str] = field(default_factory=list)


@lru_cache(maxsize=65_536)
def _is_content(word: str, language: str) -> bool:
    low = word.lower().replace("\u2019", "'")
    if len(low) < 2 or low in _SKIP or is_stopword(low, language):
        return False
    return parse_number_word(low, language) is None and parse_ordinal(low, language) is None


def _is_noun(word: str, nxt: str | None, language: str) -> bool:
    """Rough noun test: a content word that is not a participle and not an adjective before a noun."""
    if not _is_content(word, language):
        return False
    low = word.lower()
    if word[:1].islower() and _PARTICIPLE.match(low):
        return False
    if low in _ADJ_SKIP:
        return False
    if nxt is not None and word[:1].isupper() and _is_content(nxt, language) and (
            nxt[:1].isupper() or _NATIONALITY.search(low)):
        return False  # "North Korean children", "Russische soldaten": a modifier of the noun that follows
    if nxt is not None and word[:1].islower() and (low.endswith(("e", "ische")) or
                                                   (language == "en" and low.endswith(("al", "ive", "ed",
                                                                                       "ous", "ic")))):
        return not _is_content(nxt, language)
    return True


def _words(text: str, start: int, end: int) -> list[str]:
    return _WORD.findall(text, start, end)


def _clause_after(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + _WINDOW))
    return m.start() if m else min(len(text), pos + _WINDOW)


def _clause_before(text: str, pos: int) -> int:
    lo = max(0, pos - _WINDOW)
    last = lo
    for m in _CLAUSE_END.finditer(text, lo, pos):
        last = m.end()
    return last


def _first_noun(words: list[str], language: str, skip_preps: bool = False) -> str | None:
    for i, w in enumerate(words[:4]):
        if w.lower() in _STOP:
            return None  # "50.000 euro per jaar": a rate, not what is counted
        nxt = words[i + 1] if i + 1 < len(words) else None
        if _is_noun(w, nxt, language):
            return w
        if w.lower() in _ADJ_SKIP or (w[:1].islower() and w.lower().endswith("e") and _is_content(w, language)) \
                or (w[:1].isupper() and _is_content(w, language)):
            continue  # adjective or name modifier: look at the next word
        if skip_preps and is_stopword(w, language):
            continue
        return None
    return None


def find_head(text: str, start: int, end: int, kind: str, language: str,
              head_before: bool = False) -> Head:
    """Head word that the quantity text[start:end] counts and content lemmas of its clause."""
    after_end = _clause_after(text, end)
    before_start = _clause_before(text, start)
    after = _words(text, end, after_end)
    before = _words(text, before_start, start)
    head: str | None = None
    if head_before:
        prev = _words(text, max(0, start - 40), max(0, start - 1))
        head = prev[-1] if prev and prev[-1][:1].isupper() else None
    elif kind in ("money", "percent"):
        low_after = [w.lower() for w in after[:3]]
        if kind == "percent" and low_after[:1] in (["van"], ["of"]):
            head = _first_noun(after[1:], language, skip_preps=True)
        if head is None:
            bm = _BEFORE_VAN.search(text[max(before_start, start - 60):start])
            if bm and _is_content(bm.group(1), language):
                head = bm.group(1)
        if head is None and low_after[:1] in (["aan"], ["voor"], ["in"], ["for"], ["in"]):
            head = _first_noun(after[1:], language, skip_preps=True)
        if head is None:
            head = _first_noun(after, language)
    elif kind == "duration":
        if after[:1] and after[0].lower() in ("durende", "lange", "long"):
            head = _first_noun(after[1:], language)
    elif kind == "ordinal":
        head = after[0] if after and not is_stopword(after[0], language) else None
    elif kind == "age":
        head = after[0] if after and after[0][:1].isupper() else _first_noun(after, language)
    else:
        if after[:2] and [w.lower() for w in after[:1]] in (["van"], ["of"], ["aan"]):  # "miljarden aan leningen"
            head = _first_noun(after[1:], language, skip_preps=True)
        else:
            head = _first_noun(after, language)
    lemmas: list[str] = []
    if head:
        lemmas.append(lemmatize(head, language))
    for w in after[:4] + before[-4:]:
        if _is_content(w, language) and w[:1].isalpha():
            lemma = lemmatize(w, language)
            if lemma not in lemmas and not is_stopword(lemma, language):
                lemmas.append(lemma)
    return Head(head, lemmas[:8])
