"""Sentence splitting for Dutch and English news with exact character spans.

No splitter on PyPI survives Dutch abbreviations (ca., mln., dhr., o.a., initials), so this one
is a small rule scanner: paragraphs (blank lines, or single newlines in unwrapped text) always
end a sentence; inside a paragraph a stop ends one unless the word before it is an abbreviation,
an initial, or the next word starts in lower case. Closing quotes stay with their sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.model import Sentence
from storyline.text.anchors import lower_same_length
from storyline.text.language import (
    PROFILE_CHARS,
    detect_language,
    foreign_by_scores,
    is_foreign,
    other_language_hits,
    other_language_words,
    profile_scores,
)
from storyline.text.stopwords import STOPWORDS

# Titles and forms of address: a stop after them never ends a sentence ("Mr. Smith", "dhr. Jansen").
TITLES: frozenset[str] = frozenset(["dhr", "mevr", "mw", "mej", "mr", "mrs", "ms", "dr", "drs", "prof", "ir", "ing", "ds", "mgr", "st", "sr", "jr", "gen", "lt", "col", "capt", "sgt", "gov", "sen", "rep", "rev", "fr", "hr", "hrh", "br", "zr"])

# Abbreviations that may also end a sentence: split after them only when a typical sentence
# opener follows ("5 mln. De regering …").
ABBREVIATIONS: frozenset[str] = frozenset(["ca", "cca", "circa", "mln", "mld", "mrd", "bn", "mio", "nr", "no", "nos", "blz", "pag", "p", "pp", "art", "fig", "vs", "resp", "evt", "bijv", "bv", "zgn", "incl", "excl", "excl", "enz", "etc", "ibid", "vgl", "zie", "jl", "jhr", "min", "max", "gem", "tel", "afd", "ass", "dept", "univ", "corp", "inc", "ltd", "co", "bros", "est", "approx", "jan", "feb", "febr", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "ma", "di", "wo", "do", "vr", "za", "zo", "km", "kg", "cm", "mm", "ha", "ft", "lb", "oz", "sq", "ave", "blvd", "rd", "mt", "ft"])

_TERMINATOR = re.compile(r"(?:[.!?\u2026]+)[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)")
_OPENERS = "\"'\u201c\u2018\u201e\u00ab([\u2013\u2014-\u2022"
_MULTI_DOT = re.compile(r"^(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}$")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WRAP = re.compile(r"[a-z\u00e0-\u00ff,;]\n[ \t]*[a-z\u00e0-\u00ff]")

# Capitalised function words that typically open a sentence ("De", "The", "Het", "Maar").
_OPENER_WORDS: frozenset[str] = STOPWORDS["nl"] | STOPWORDS["en"]


@dataclass
class _Block:
    start: int
    end: int
    paragraph: int


def _blocks(text: str) -> list[_Block]:
    """Paragraph blocks: split at blank lines, and at single newlines unless the text is hard-wrapped."""
    singles = text.count("\n") - 2 * len(_BLANK_LINE.findall(text))
    wrapped = singles > 0 and len(_WRAP.findall(text)) >= max(1, 0.3 * singles)
    spans: list[tuple[int, int]] = []
    pos = 0
    breaks = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)] + [(len(text), len(text))]
    for brk_start, brk_end in breaks:
        if wrapped:
            spans.append((pos, brk_start))
        else:
            line_start = pos
            while (nl := text.find("\n", line_start, brk_start)) >= 0:
                spans.append((line_start, nl))
                line_start = nl + 1
            spans.append((line_start, brk_start))
        pos = brk_end
    out: list[_Block] = []
    for s, e in spans:
        if text[s:e].strip():
            out.append(_Block(s, e, len(out)))
    return out


def _word_before(text: str, start: int, dot: int) -> str:
    """The whitespace-delimited word that ends at ``dot`` (without leading quotes/brackets).

    Found with C-speed string methods: the text after the last plain space, then (for the rare other
    whitespace, such as a tab or no-break space, inside it) the part after the last whitespace.
    """
    word = text[max(start, text.rfind(" ", start, dot) + 1):dot]
    if not word or word[-1].isspace():
        return ""
    return word.rsplit(None, 1)[-1].lstrip(_OPENERS)


# After a stop: opening quotes/brackets, then the word up to whitespace or punctuation.
_NEXT_WORD = re.compile("[" + "".join(map(re.escape, _OPENERS)) + r"]*([^\s.,;:!?]*)")


def _next_word(text: str, pos: int, end: int) -> str:
    return _NEXT_WORD.match(text, pos, end).group(1)  # type: ignore[union-attr]  # the pattern matches ""


def _is_boundary(text: str, block_start: int, term_start: int, term: str, nxt: int, end: int) -> bool:
    """Whether the terminator ``term`` at ``term_start`` ends a sentence, given the next text at ``nxt``."""
    if nxt >= end:
        return True
    if text.startswith(",,", nxt):  # Dutch newspaper quote opening: ,,Zo gaat het''
        return True
    ch = text[nxt]
    following = _next_word(text, nxt, end)
    starts_upper = bool(following) and (following[0].isupper() or following[0].isdigit())
    if not (ch.isupper() or ch.isdigit() or ch in _OPENERS):
        return False
    if ch in _OPENERS and not starts_upper and not following[:1].isalpha():
        return ch in "\"'\u201c\u2018\u201e\u00ab"
    stop = term.rstrip("\"'\u201d\u2019\u00bb)]")
    if stop.strip(".") or len(stop) > 1:  # ! ? … or an ellipsis: a sentence end before a capital
        return starts_upper or ch in _OPENERS
    word = _word_before(text, block_start, term_start)
    low = word.lower()
    if low in TITLES:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. de Vries"
    if low in ABBREVIATIONS or _MULTI_DOT.match(word):
        return following.lower() in _OPENER_WORDS and following[:1].isupper()
    lead = term_start - len(word) - block_start
    # list numbering "1. Eerst …" at the start of a block is no sentence end
    return not (word.isdigit() and len(word) <= 2 and lead <= 8 and not text[block_start:block_start + lead].strip())


def _split_block(text: str, block: _Block) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = block.start
    for m in _TERMINATOR.finditer(text, block.start, block.end):
        nxt = m.end()
        while nxt < block.end and text[nxt].isspace():
            nxt += 1
        if _is_boundary(text, block.start, m.start(), m.group(), nxt, block.end):
            spans.append((begin, m.end()))
            begin = m.end()
    spans.append((begin, block.end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


class _HitBound:
    """A cheap upper bound on the other-language function words in a span of the text.

    Foreign blocks and lines need at least two such words; the bound counts substring occurrences
    (``str.count``, C speed) of the ones the whole text holds, which is never below the word count
    of a span up to the profile limit, so spans it clears need no profile at all.
    """

    def __init__(self, text: str, language: str) -> None:
        self.low = lower_same_length(text)
        self.words = other_language_words(text, language)

    def may_hold_two(self, start: int, end: int) -> bool:
        """False only when the span certainly holds fewer than two other-language function words."""
        if self.low is None or end - start > PROFILE_CHARS:
            return True  # lowercasing moved offsets, or the profile would cut the span: no shortcut
        low, total = self.low, 0
        for word in self.words:
            total += low.count(word, start, end)
            if total >= 2:
                return True
        return False


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Sentences of ``text`` with exact spans (``text[s.start:s.end] == s.text``), paragraph numbers
    and per-sentence language; embedded lines in another language are marked ``foreign``."""
    if language is None:
        language = detect_language(text)
    sentences: list[Sentence] = []
    # Foreign lines need other-language function words; most articles have fewer than two in all.
    look = bool(language) and other_language_hits(profile_scores(text, limit=None), language) >= 2
    bound = _HitBound(text, language) if look and language else None
    for block in _blocks(text):
        block_foreign: str | None = None
        check = False
        if bound is not None and language and bound.may_hold_two(block.start, block.end):
            scores = profile_scores(text[block.start:block.end])
            block_foreign = foreign_by_scores(scores, language)
            # One sentence can only be foreign when the block holds other-language words at all.
            check = block_foreign is None and other_language_hits(scores, language) >= 2
        for s, e in _split_block(text, block):
            piece = text[s:e]
            other = block_foreign or (is_foreign(piece, language) if check and bound is not None
                                      and bound.may_hold_two(s, e) else None)
            sentences.append(Sentence(index=len(sentences), start=s, end=e, text=piece,
                                      language=other or language, paragraph=block.paragraph,
                                      foreign=other is not None))
    return sentences
