"""The fast paths of text analysis give exactly what the plain code they replace gave.

Each test keeps the plain version (as it was before the fast path) next to the fast one and
compares them on tricky inputs: whitespace of all kinds, apostrophes, digits, accents, dotted
abbreviations, ties.
"""

from __future__ import annotations

import random
import re
from collections import Counter

from storyline.text.language import _WORD, _WORD_LANG, _scan
from storyline.text.names import _most_common
from storyline.text.tokens import _GAP_PLAIN

TEXTS = [
    "",
    "de",
    "De minister zei: 'z'n plan is klaar', and the president said it's done.\n\nHet is 2019 — d'r is één ding.",
    "  leading\u2003and\u00a0trailing\twhitespace \n",
    "U.S. o.a. a.s. e.g. i.e. 1,5 mln. F-35's 14:30 1/2 100.000 Loekasjenko\u2019s",
    "Ça va? Über die Brücke, mit der Familie. Le président a dit que les élections étaient truquées.",
    "e\u0301e\u0301n cafe\u0301 naïef ² ½ x²y the_end de_facto 'de' \"het\" (een) [the]",
]


def _scan_plain(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in _WORD.findall(text.lower()):
        if word in _WORD_LANG:
            counts[word] = counts.get(word, 0) + 1
    return counts


def _random_texts(n: int = 300) -> list[str]:
    rng = random.Random(7)
    words = sorted(_WORD_LANG)[:200] + ["z'n", "d'r", "it's", "2019", "U.S.", "é", "Ça", "x_y", "'de'", "de,", "the."]
    seps = [" ", "  ", "\n", "\t", "\u00a0", "\u2003", ", ", ". ", "-", "'", "\u2019", ""]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 40)):
            w = rng.choice(words)
            parts.append(w.upper() if rng.random() < 0.1 else w.capitalize() if rng.random() < 0.2 else w)
            parts.append(rng.choice(seps))
        out.append("".join(parts))
    return out


def test_profile_scan_counts_what_findall_counts() -> None:
    for text in TEXTS + _random_texts():
        assert dict(_scan(text)) == _scan_plain(text), text


def test_most_common_breaks_ties_like_counter() -> None:
    rng = random.Random(3)
    for _ in range(500):
        tally: dict[str, int] = {}
        counter: Counter[str] = Counter()
        for _ in range(rng.randint(1, 8)):
            t, n = rng.choice("ABCD"), rng.randint(1, 3)
            tally[t] = tally.get(t, 0) + n
            counter[t] += n
        assert _most_common(tally) == counter.most_common(1)[0][0]


def test_token_pattern_lookahead_changes_no_token() -> None:
    """The lookahead before the dotted-abbreviation alternative only rejects words sooner."""
    plain = re.compile(r"(\s*)((?:[^\W\d_]\.){2,}(?![^\W\d_])|\d+(?:[.,:/]\d+)*|[^\W_]+(?:[-'\u2019][^\W_]+)*|\S)")
    for text in TEXTS + _random_texts():
        assert _GAP_PLAIN.findall(text) == plain.findall(text), text


def _tokenize_plain(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """tokenize() as it was: one findall with gaps over the whole text, then the possessive split."""
    from storyline.text.tokens import _GAP_TOKEN, _POSSESSIVE

    web = "@" in text or "#" in text or "http" in text or "www." in text
    out, pos = [], offset
    for gap, word in (_GAP_TOKEN if web else _GAP_PLAIN).findall(text):
        pos += len(gap)
        out.append((word, pos, pos + len(word)))
        pos += len(word)
    split = []
    for word, start, end in out:
        if ("'" in word or "\u2019" in word) and len(word) > 3 and word[0].isupper():
            p = _POSSESSIVE.search(word)
            if p is not None and word[p.start() - 1].isalpha():
                split += [(word[:p.start()], start, start + p.start()), (word[p.start():], start + p.start(), end)]
                continue
        split.append((word, start, end))
    return split


def test_tokenize_chunk_by_chunk_gives_the_tokens_of_one_scan() -> None:
    from storyline.text.tokens import tokenize

    rng = random.Random(11)
    pieces = ["De", "U.S.", "o.a.", "a.", "J.", "1,5", "100.000", "14:30", "1/2", "F-35's", "Loekasjenko\u2019s",
              "zo'n", "'80", ",,Zo", "gaat''", "(Sotsji)", "x²", "½", "e\u0301", "naïef", "www.nu.nl", "#tag",
              "@nos", "info@dpg.nl", "http://a.b/c", "_", "a_b", "—", "…", "2019-2020", "mln.", "Ça", "ǅemal"]
    seps = [" ", "  ", "\n", "\t", "\u00a0", "\u2003", "", ",", ".", "-", "'", "\x1c", "\x85", "\u200b", "\u2028",
            "\r\n", "\x0b\x0c"]
    texts = TEXTS + ["".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(0, 25)))
                     for _ in range(500)]
    for text in texts:
        for offset in (0, 7):
            assert [(t.text, t.start, t.end) for t in tokenize(text, offset)] == _tokenize_plain(text, offset), text


def test_sentence_word_helpers_match_the_character_loops() -> None:
    from storyline.text.sentences import _OPENERS, _next_word, _word_before

    def word_before_plain(text: str, start: int, dot: int) -> str:
        i = dot
        while i > start and not text[i - 1].isspace():
            i -= 1
        return text[i:dot].lstrip(_OPENERS)

    def next_word_plain(text: str, pos: int, end: int) -> str:
        j = pos
        while j < end and (text[j] in _OPENERS):
            j += 1
        k = j
        while k < end and not text[k].isspace() and text[k] not in ".,;:!?":
            k += 1
        return text[j:k]

    rng = random.Random(5)
    pieces = ["De", "mln.", "(Zo", ",,Het", "\u201eDit", "'s", "—", "-", "\u2022", "a\u00a0b", "x\ty", "\n", " ", "  ",
              "J.", "o.a.", "1.", "!", "?", "\u2026", "\u00ab", "[", "", "Ça", "2020,", "zei:", "\u2003"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n", "\u00a0"]) for _ in range(rng.randint(0, 12)))
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1, 3):
                assert _word_before(text, a, b) == word_before_plain(text, a, b), (text, a, b)
                assert _next_word(text, a, b) == next_word_plain(text, a, b), (text, a, b)
