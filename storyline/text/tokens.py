"""Tokens with character offsets, lemmas via simplemma (cached per word form), content lemmas.

simplemma quirks fixed here (RESOURCES.md): separable verbs come back with '_' (aan_houden),
curly apostrophes are not split ("Loekasjenko’s"), and adjectives in -isch(e) can come back
as a country name (Belarussische → Belarus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

import simplemma

from storyline.text.stopwords import is_stopword

LEMMATIZED: frozenset[str] = frozenset({"nl", "en", "de", "fr", "es", "it"})

_WEB = r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|[@#]\w+|"  # URLs, e-mail, handles, hashtags
_PLAIN = (
    r"(?=\w\.)(?:[^\W\d_]\.){2,}(?![^\W\d_])"  # dotted abbreviations: U.S., o.a. (the lookahead only
    # rejects most words sooner: the alternative needs a letter and a dot anyway)
    r"|\d+(?:[.,:/]\d+)*"  # numbers: 1,5  100.000  14:30  1/2
    r"|[^\W_]+(?:[-'\u2019][^\W_]+)*"  # words, with inner hyphens/apostrophes
    r"|\S"  # any other single character (punctuation, symbols)
)
_TOKEN = re.compile(_WEB + _PLAIN)
# The same alternatives, each token preceded by the whitespace before it (findall is much cheaper than
# match objects); only whitespace is ever skipped, because the last alternative takes any other character.
_GAP_TOKEN = re.compile(r"(\s*)(" + _WEB + _PLAIN + ")")
# Text without '@', '#', 'http' or 'www.' can match none of the web alternatives: skip trying them.
_GAP_PLAIN = re.compile(r"(\s*)(" + _PLAIN + ")")
_PLAIN_TOKEN = re.compile(_PLAIN)  # the plain alternatives alone
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_POSSESSIVE_CUE = re.compile(r"['\u2019][sS](?![^\W_])")  # where a token can end in 's


@dataclass(slots=True)
class Token:
    """A token and its character span in the text it came from."""

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with spans (shifted by ``offset``); "Loekasjenko’s" gives "Loekasjenko" + "’s"."""
    if "@" in text or "#" in text or "http" in text or "www." in text:
        pairs = _GAP_TOKEN.findall(text)
        # each token ends where the gaps and tokens before it and itself end (running sum, in C)
        ends = accumulate([len(gap) + len(word) for gap, word in pairs], initial=offset)
        next(ends)
        out = [Token(word, end - len(word), end) for (_, word), end in zip(pairs, ends)]
    else:
        out = _plain_tokens(text, offset)
    if ("'" not in text and "\u2019" not in text) or _POSSESSIVE_CUE.search(text) is None:
        return out  # no token can end in 's (quotes like ,,…'' are common, possessives are not)
    split: list[Token] = []
    for tok in out:
        word = tok.text
        if ("'" in word or "\u2019" in word) and len(word) > 3 and word[0].isupper():
            p = _POSSESSIVE.search(word)
            if p is not None and word[p.start() - 1].isalpha():
                cut = tok.start + p.start()
                split.append(Token(word[:p.start()], tok.start, cut))
                split.append(Token(word[p.start():], cut, tok.end))
                continue
        split.append(tok)
    return split


def _plain_tokens(text: str, offset: int) -> list[Token]:
    """The tokens ``_GAP_PLAIN`` finds in ``text`` (no web addresses), found chunk by chunk, which is faster.

    No token spans whitespace, so the tokens of the text are those of its whitespace-separated chunks
    (``str.split`` and the regex agree on what whitespace is); each chunk is found at or after the end
    of the one before. A chunk of letters only (most words) is one token: the word alternative takes it
    whole, and the others need a digit or a dot. Other chunks ("zei:", "1,5", "(Sotsji)") go through
    the token pattern, whose matches tile a chunk (the last alternative takes any single character).
    """
    out: list[Token] = []
    append = out.append
    find = text.find
    pos = 0
    for chunk in text.split():
        pos = find(chunk, pos)
        start = offset + pos
        pos += len(chunk)
        if chunk.isalpha():
            append(Token(chunk, start, offset + pos))
        else:
            for word in _PLAIN_TOKEN.findall(chunk):
                end = start + len(word)
                append(Token(word, start, end))
                start = end
    return out


_CACHE: dict[tuple[str, str], str] = {}
_CACHE_LIMIT = 500_000


def _clean(word: str, lemma: str) -> str:
    lemma = lemma.replace("_", "").replace("\u2019", "'").lower()
    low = word.lower()
    # simplemma maps some -isch(e) adjectives to the country ("Belarussische" → "Belarus").
    if low.endswith(("ische", "isch")) and not lemma.endswith("isch"):
        lemma = low.removesuffix("e")
    return lemma


def lemmatize(word: str, language: str | None) -> str:
    """Lowercase lemma of ``word`` (simplemma for supported languages, else the lowercased word); cached."""
    if not language or language not in LEMMATIZED or not word[:1].isalpha():
        return word.lower().replace("\u2019", "'")
    key = (word, language)
    found = _CACHE.get(key)
    if found is None:
        try:
            raw = simplemma.lemmatize(word.replace("\u2019", "'"), lang=language)
        except (ValueError, KeyError):
            raw = word
        found = _clean(word, raw)
        if len(_CACHE) < _CACHE_LIMIT:
            _CACHE[key] = found
    return found


def load_dictionaries(languages: frozenset[str] = LEMMATIZED) -> None:
    """Load simplemma's dictionaries now (≈ 3 s once per process) instead of in the first article needing one."""
    for language in sorted(languages & LEMMATIZED):
        simplemma.lemmatize("huis", lang=language)


_CONTENT: dict[str | None, dict[str, str | None]] = {}


def _content_lemma(word: str, language: str | None) -> str | None:
    """The content lemma of one word form, or None for punctuation and stopwords (cached per language)."""
    cache = _CONTENT.setdefault(language, {})
    if word in cache:
        return cache[word]
    lemma: str | None = None
    if word[:1].isalnum() and not is_stopword(word, language):
        lemma = lemmatize(word, language)
        if is_stopword(lemma, language):
            lemma = None
    if len(cache) < _CACHE_LIMIT:
        cache[word] = lemma
    return lemma


def lemmas_of_tokens(tokens: list[Token], language: str | None) -> list[str]:
    """Content lemmas of already tokenized words: lowercase, no stopwords, no punctuation."""
    get = _CONTENT.setdefault(language, {}).get
    out: list[str] = []
    for tok in tokens:
        lemma = get(tok.text, _MISSING)
        if lemma is _MISSING:
            lemma = _content_lemma(tok.text, language)
        if lemma is not None:
            out.append(lemma)  # type: ignore[arg-type]
    return out


_MISSING = object()


def content_lemmas(text: str, language: str | None) -> list[str]:
    """Lowercase lemmas of the content words of ``text``: stopwords and punctuation removed."""
    return lemmas_of_tokens(tokenize(text), language)
