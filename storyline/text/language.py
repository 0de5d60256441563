"""Language identification: a cheap stopword profile first, lingua only for short or ambiguous text.

The profile counts words that are function words of exactly one language; it decides most
articles in microseconds. Short or mixed text falls back to a lingua detector restricted to a
few languages in low-accuracy mode (≈ 30 MB), built once on first use.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import filterfalse
from typing import Any

from storyline.text.stopwords import STOPWORDS

# Languages storyline analyses fully; others are recognised and reported.
ANALYSED: frozenset[str] = frozenset({"nl", "en"})

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_PROFILE_CHARS = 3000  # enough words to decide an article; keeps long texts cheap
PROFILE_CHARS = _PROFILE_CHARS


# Calendar words help on short, name-heavy lines ("… in Sochi on Monday").
_CALENDAR = {
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart mei juni juli "
          "augustus oktober gisteren vandaag morgen",
    "en": "monday tuesday wednesday thursday friday saturday sunday january february march may june july "
          "august october yesterday today tomorrow",
}


def _exclusive_profiles() -> dict[str, frozenset[str]]:
    """Per language, the stopwords that belong to no other profile (so 'in', 'die' count for nobody)."""
    words_of = {lang: set(words) | set(_CALENDAR.get(lang, "").split()) for lang, words in STOPWORDS.items()}
    seen: Counter[str] = Counter()
    for words in words_of.values():
        seen.update(words)
    return {lang: frozenset(w for w in words if seen[w] == 1) for lang, words in words_of.items()}


_PROFILES = _exclusive_profiles()


_WORD_LANG: dict[str, str] = {w: lang for lang, words in _PROFILES.items() for w in words}


def profile_scores(text: str, limit: int | None = _PROFILE_CHARS) -> dict[str, int]:
    """Count of language-exclusive function words per language in the first ``limit`` characters of ``text``."""
    if limit and len(text) > limit:
        text = text[:limit]
    scores: dict[str, int] = dict.fromkeys(_PROFILES, 0)
    for word, count in (_hits(text) if len(text) > _SHORT else _scan(text)):
        scores[_WORD_LANG[word]] += count
    return scores


def other_language_words(text: str, article_language: str) -> tuple[str, ...]:
    """The function words of languages other than ``article_language`` that occur as words in ``text``."""
    return tuple(w for w, _ in (_hits(text) if len(text) > _SHORT else _scan(text))
                 if _WORD_LANG[w] != article_language)


_SHORT = 200  # sentences and short blocks are profiled once each: not worth a cache entry


@lru_cache(maxsize=4)
def _hits(text: str) -> tuple[tuple[str, int], ...]:
    """``_scan`` for whole texts, cached by the text itself: analyze() profiles an article twice."""
    return _scan(text)


_ALPHA_PROFILE_WORDS = frozenset(w for w in _WORD_LANG if w.isalpha())


def _scan(text: str) -> tuple[tuple[str, int], ...]:
    """Each profile word occurring in ``text`` (lowercased) with its count (as ``_WORD.findall`` finds them).

    A ``_WORD`` match never spans whitespace, and a whitespace-separated chunk of letters only is one
    match by itself: those chunks (most words) are counted straight from ``str.split`` at C speed, and
    only the other chunks ("zei:", "z'n", "2019") go through the regex. The counts are those of
    ``_WORD.findall`` over the whole text; the order of the pairs may differ.
    """
    chunks = text.lower().split()
    counts = Counter(filter(_ALPHA_PROFILE_WORDS.__contains__, chunks))
    counts.update(filter(_WORD_LANG.__contains__, _WORD.findall(" ".join(filterfalse(str.isalpha, chunks)))))
    return tuple(counts.items())


def _profile_decision(scores: dict[str, int]) -> str | None:
    """The profile's answer when it is clear (enough hits, a clear winner), else None."""
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 3 and top >= 2 * second + 1:
        return best
    return None


@lru_cache(maxsize=1)
def _lingua() -> Any:
    """The lingua detector for the few languages we meet, built once (it is costly)."""
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.DUTCH, Language.ENGLISH, Language.GERMAN, Language.FRENCH]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def _lingua_decision(text: str, scores: dict[str, int]) -> str | None:
    """lingua's answer; when it is unsure (low-accuracy mode on names-heavy text), a profile lead wins."""
    values = _lingua().compute_language_confidence_values(text[:_PROFILE_CHARS])
    if not values:
        return None
    best = str(values[0].language.iso_code_639_1.name).lower()
    margin = values[0].value - (values[1].value if len(values) > 1 else 0.0)
    if margin < 0.3:
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        if ranked[0][1] > ranked[1][1]:
            return ranked[0][0]
    return best


def detect_language(text: str, fallback: bool = True) -> str | None:
    """ISO 639-1 code of ``text`` ('nl', 'en', 'de', …) or None when there are no words to judge.

    The stopword profile decides clear cases; lingua (if ``fallback``) decides short or mixed text.
    """
    if not text or not _WORD.search(text):
        return None
    scores = profile_scores(text)
    decided = _profile_decision(scores)
    if decided is not None or not fallback:
        return decided
    letters = sum(1 for ch in text[:_PROFILE_CHARS] if ch.isalpha())
    if letters < 8:
        return None
    return _lingua_decision(text, scores)


def is_foreign(text: str, article_language: str | None) -> str | None:
    """The other language of a line embedded in an article (an English tweet in Dutch text), else None.

    Conservative: only a clear profile winner that differs from the article's language counts,
    so short Dutch headlines are never marked foreign.
    """
    if not article_language:
        return None
    return foreign_by_scores(profile_scores(text), article_language)


def foreign_by_scores(scores: dict[str, int], article_language: str) -> str | None:
    """``is_foreign`` on already computed profile scores."""
    own = scores.get(article_language, 0)
    best, top = max(scores.items(), key=lambda kv: kv[1])
    if best != article_language and top >= 2 and own == 0:
        return best
    return None


def other_language_hits(scores: dict[str, int], article_language: str) -> int:
    """How many function words of languages other than the article's the scores hold."""
    return sum(v for k, v in scores.items() if k != article_language)
