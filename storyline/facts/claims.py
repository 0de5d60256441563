"""Claims: the checkable statements of each article (quantities with what they count, dates, quotes).

A claim keeps its article, sentence and span, and what it is about (its subject): the counted noun
for a quantity, the event noun for a date, the speaker for a quote. Numbers that are not claims are
dropped here, before alignment: numbers inside names and codes ("G7", "Boeing 737", "COVID-19",
"A12"), years, phone numbers, sports scores, and numbers inside a date expression. A quantity that is
a part of another in the same sentence ("774 …, van wie 500 in Minsk") is marked as a part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.facts.concepts import WEAK_CONCEPTS, concepts, norm_lemma
from storyline.model import AnalyzedArticle, PartialDate, Quantity, Quote, TimeExpr
from storyline.text.quotes import find_quotes
from storyline.text.tokens import content_lemmas
from storyline.text.translit import fold

QUANTITY_KINDS = ("money", "count", "percent", "duration", "ordinal", "age")

_PART_CUES = re.compile(
    r"\b(van wie|van wie er|waarvan|waaronder|onder wie|onder hen|van hen|daarvan|inclusief|"
    r"of whom|of which|including|among them|among whom)\b", re.IGNORECASE)
_PHONE = re.compile(r"^\+?\(?\d{2,4}\)?(?:[\s\-./]?\d{2,4}){2,5}$")
_SCORE = re.compile(r"^\d{1,2}\s*[-–]\s*\d{1,2}$")
_NUMBER_WORDS = re.compile(r"\d")


@dataclass
class Claim:
    """One checkable statement of one article, with the features alignment compares."""

    id: int
    kind: str  # money | count | percent | duration | ordinal | date | quote
    article_id: str
    article: str  # label users see
    sentence: int
    start: int
    end: int
    text: str
    value: float | str | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    subject: str
    head: set[str] = field(default_factory=set)  # lemmas (and concepts) of what is counted / said
    near: set[str] = field(default_factory=set)  # lemmas (and concepts) right around the figure
    local: set[str] = field(default_factory=set)  # lemmas (and concepts) of the sentence
    window: set[str] = field(default_factory=set)  # lemmas of the sentence and its neighbours
    entities: set[str] = field(default_factory=set)  # folded names in the sentence
    times: list[TimeExpr] = field(default_factory=list)  # time expressions of the sentence
    ref_date: PartialDate | None = None  # the article's (possibly inferred) reference date
    part_of: int | None = None  # id of the claim this one is a part of (same sentence)
    date: TimeExpr | None = None  # for kind 'date': the time expression
    speaker: str | None = None  # for quotes: folded speaker key
    sentence_text: str = ""
    bounds: Any = field(default=None, repr=False, compare=False)  # cached Bounds (compare.claim_bounds)
    listing: bool = False  # the sentence lists three or more figures (a statistics line)


def _fold_name(name: str) -> str:
    return fold(name).casefold()


def _digits_only(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_noise_number(q: Quantity, text: str, sentence_start: int) -> bool:
    """True for numbers that are not claims: codes in names, years, phone numbers, scores."""
    surface = q.text.strip()
    before = text[max(0, q.start - 1):q.start]
    after = text[q.end:q.end + 1]
    if before and (before.isalpha() or before in "-/#") and _NUMBER_WORDS.search(surface[:1] or ""):
        return True  # G7, COVID-19, A12, F-16
    if after and after.isalpha() and surface[-1:].isdigit():
        return True  # 737MAX, 5G
    if _PHONE.match(surface) and len(_digits_only(surface)) >= 7:
        return True
    if _SCORE.match(surface) and q.kind not in ("percent", "money"):
        return True
    if q.kind in ("count", "number") and not q.counts and q.value is not None \
            and re.fullmatch(r"\d{4}", surface) and 1800 <= q.value <= 2100:
        return True  # a year
    if q.kind in ("count", "number") and surface[:1].isdigit() and q.start > sentence_start:
        prev = text[max(sentence_start, q.start - 40):q.start].split()
        if prev and prev[-1][:1].isupper() and prev[-1].isalpha() and not _sentence_initial(text, q.start, prev):
            return True  # Boeing 737, Airbus 320, Route 66
    return False


def _sentence_initial(text: str, pos: int, prev_words: list[str]) -> bool:
    """Whether the capitalised word before ``pos`` starts a sentence (so is capitalised anyway)."""
    if len(prev_words) < 2:
        return True
    return prev_words[-2][-1:] in ".!?:"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _surface(text: str, q: Quantity, sentence_start: int, sentence_end: int) -> _Span:
    """Span of the quantity with its counted noun when that follows ('774 betogers') or, failing that,
    directly precedes it ('injured 150')."""
    if q.counts:
        tail = text[q.end:min(sentence_end, q.end + 40)]
        m = re.search(re.escape(q.counts), tail)
        if m and m.start() <= 25:
            return _Span(q.start, q.end + m.end())
        head = text[max(sentence_start, q.start - 20):q.start]
        i = head.rfind(q.counts)
        if i >= 0 and not head[i + len(q.counts):].strip():
            return _Span(q.start - len(head) + i, q.end)
    return _Span(q.start, q.end)


_STREAK = re.compile(r"\b(op (een )?rij|achter elkaar|in a row|straight|running)\b", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s+([^\W\d_][\w-]*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\s+$")


def _elided_count(q: Quantity, text: str, sentence_end: int, language: str | None) -> Quantity | None:
    """'… en 120 gewonden', 'and 120 injured', 'injured 150': a bare number next to a word of a concept
    news reports count (dead, injured, arrested) counts that; None when there is no such word."""
    after = _WORD_AFTER.match(text, q.end, sentence_end)
    before = _WORD_BEFORE.search(text[max(0, q.start - 30):q.start])
    for m in (after, before):
        if m is None:
            continue
        word = m.group(1)
        found = concepts(content_lemmas(word, language) or [word.lower()]) - WEAK_CONCEPTS
        if found & {"DEATH", "INJURY", "ARREST", "EVACUATE", "MISSING", "PROTESTER"}:
            return Quantity(q.sentence, q.start, q.end, q.text, "count", q.value, q.low, q.high, q.unit,
                            q.qualifier, word, [word.lower(), *q.counts_lemmas])
    return None


def _part_of(q: Quantity, previous: list[tuple[Quantity, int]], text: str) -> int | None:
    """Claim id of an earlier quantity in the same sentence that ``q`` is a part of ("van wie 500")."""
    for prev, claim_id in reversed(previous):
        if prev.kind != q.kind or prev.sentence != q.sentence:
            continue
        between = text[prev.end:q.start]
        if len(between) <= 80 and _PART_CUES.search(between):
            return claim_id
    return None


def _head_lemmas(words: str | None, lemmas: Sequence[str], language: str | None) -> set[str]:
    """Lemmas of the counted noun (the first of ``counts_lemmas`` is its lemma) and their concepts."""
    out: set[str] = set()
    if words:
        out |= {norm_lemma(x) for x in content_lemmas(words, language)}
    if lemmas and words:
        out.add(norm_lemma(lemmas[0]))
    out |= concepts(out) | concepts(lemmas[:1] if words else [])
    if words and words[:1].isupper():
        out.add("PEOPLE")  # a demonym or group named by a proper adjective: 'Wit-Russen', 'Russen'

    return {x for x in out if x}


def _trivial(q: Quantity, head: set[str]) -> bool:
    """'twee landen', 'vier ogen': counts below 3 are not figures worth checking unless they count
    something news reports count (deaths, arrests, injured)."""
    if q.kind != "count" or q.value is None or q.value >= 3:
        return False
    return not (concepts(head) - WEAK_CONCEPTS)


def article_claims(item: AnalyzedArticle, times: list[TimeExpr], ref_date: PartialDate | None,
                   start_id: int = 0) -> list[Claim]:
    """The claims of one analysed article; ``times`` are its (possibly re-resolved) time expressions."""
    art, an = item.article, item.analysis
    aid = art.id  # a hash: compute once
    text = art.text
    label = art.label
    sents = an.sentences
    lemmas_of = [[norm_lemma(x) for x in ls] for ls in an.lemmas] if an.lemmas else [[] for _ in sents]
    ents_of: dict[int, set[str]] = {}
    for m in an.mentions:
        ents_of.setdefault(m.sentence, set()).add(_fold_name(m.head or m.key or m.text))
    times_of: dict[int, list[TimeExpr]] = {}
    for t in times:
        times_of.setdefault(t.sentence, []).append(t)

    number_words: dict[int, set[str]] = {}
    for q in an.quantities:
        number_words.setdefault(q.sentence, set()).update(
            norm_lemma(x) for x in content_lemmas(q.text, an.language))

    def base(i: int) -> dict:
        local = set(lemmas_of[i]) - number_words.get(i, set()) if i < len(lemmas_of) else set()
        window = set(local)
        for j in (i - 1, i + 1):
            if 0 <= j < len(lemmas_of):
                window |= set(lemmas_of[j])
        local = {x for x in local if not x[:1].isdigit()}
        return {"local": local | concepts(local), "window": window | concepts(window),
                "entities": ents_of.get(i, set()), "times": times_of.get(i, []), "ref_date": ref_date,
                "sentence_text": sents[i].text if i < len(sents) else ""}

    claims: list[Claim] = []
    next_id = start_id
    seen: list[tuple[Quantity, int]] = []
    figures_in: dict[int, int] = {}
    for q in an.quantities:
        if q.kind in ("count", "money", "percent", "duration"):
            figures_in[q.sentence] = figures_in.get(q.sentence, 0) + 1
    time_spans = [(t.start, t.end) for t in times]
    for q in sorted(an.quantities, key=lambda q: q.start):
        if q.kind == "number" and not q.counts and q.sentence < len(sents):
            q = _elided_count(q, text, sents[q.sentence].end, an.language) or q
        if q.kind not in QUANTITY_KINDS or q.sentence >= len(sents) or sents[q.sentence].foreign:
            continue
        if q.value is None and q.low is None and q.high is None:
            continue
        s = sents[q.sentence]
        if is_noise_number(q, text, s.start) or any(a <= q.start < b for a, b in time_spans):
            continue
        span = _surface(text, q, s.start, s.end)
        head = _head_lemmas(q.counts, q.counts_lemmas, an.language)
        if _trivial(q, head) or (q.kind == "ordinal" and (q.counts or "")[:1].isupper()):
            continue  # 'twee landen'; '81st Academy Awards' names an event, it is not a figure
        near = {norm_lemma(x) for x in (q.counts_lemmas[1:] if q.counts else q.counts_lemmas)}
        if q.kind == "ordinal" and _STREAK.search(text, q.end, min(s.end, q.end + 40)):
            head.add("STREAK")  # 'de zesde week op rij', 'the fifth day in a row': the length of a streak
            near.add("STREAK")
        subject = q.counts or ""
        claim = Claim(next_id, q.kind, aid, label, q.sentence, span.start, span.end, text[span.start:span.end],
                      q.value, q.low, q.high,
                      q.unit, q.qualifier, subject, head=head, near=near | concepts(near), **base(q.sentence))
        claim.part_of = _part_of(q, seen, text)
        claim.listing = figures_in.get(q.sentence, 0) >= 3
        if claim.part_of is not None:
            claim.subject = f"{subject} (part)"
        seen.append((q, next_id))
        claims.append(claim)
        next_id += 1
    for t in times:
        if t.value is None or t.sentence >= len(sents) or sents[t.sentence].foreign:
            continue
        if t.weekday is not None and t.value.day is None:
            continue  # 'maandag' in a month: the timeline places it; as a fact it says too little
        event = _event_noun(text, sents[t.sentence].start, t.start, t.text)
        if event is None:
            continue
        head = {norm_lemma(x) for x in content_lemmas(event, an.language)}
        head |= concepts(head) | concepts(content_lemmas(event, an.language))
        if not head:
            continue
        claims.append(Claim(next_id, "date", aid, label, t.sentence, t.start, t.end, t.text, t.value.iso(),
                            None, None, None, None, event, head=head, date=t, **base(t.sentence)))
        next_id += 1
    quotes = an.quotes
    if not quotes and an.language in ("nl", "en") and an.sentences:
        # an analysis made before quotes were extracted: find them now
        quotes = find_quotes(text, an.sentences, an.mentions, an.language)
    for qt in quotes:
        if not qt.speaker_key and not qt.speaker:
            continue
        if qt.sentence >= len(sents):
            continue
        claims.append(_quote_claim(next_id, item, aid, qt, base(qt.sentence)))
        next_id += 1
    return claims


_PREP = r"(?:van|op|on|of)\s+(?:de\s+|het\s+|the\s+)?"
_EVENT_OF = re.compile(r"(?P<noun>[^\W\d_][\w-]{3,})\s+" + _PREP + "$", re.IGNORECASE)
_EVENT_BEFORE = re.compile(r"(?P<noun>[^\W\d_][\w-]{3,})\s+$", re.IGNORECASE)
_STARTS_WITH_PREP = re.compile("^" + _PREP, re.IGNORECASE)


def _event_noun(text: str, sentence_start: int, start: int, time_text: str = "") -> str | None:
    """The event a date belongs to in '<noun> van/op <date>' ('presidentsverkiezingen van 9 augustus',
    'verkiezingsoverwinning op 9 augustus', 'the election of 9 August'); None otherwise."""
    before = text[max(sentence_start, start - 60):start]
    m = (_EVENT_BEFORE if _STARTS_WITH_PREP.match(time_text) else _EVENT_OF).search(before)
    if m is None or m.group("noun")[:1].isupper():  # 'Italy on Sunday': a place, not an event
        return None
    return m.group("noun")


def _quote_claim(claim_id: int, item: AnalyzedArticle, aid: str, qt: Quote, base: dict) -> Claim:
    speaker = _fold_name(qt.speaker_key or qt.speaker or "")
    surname = speaker.split()[-1] if speaker else ""
    words = {norm_lemma(x) for x in content_lemmas(qt.text, item.analysis.language)}
    return Claim(claim_id, "quote", aid, item.article.label, qt.sentence, qt.start, qt.end, qt.text,
                 qt.text, None, None, None, None, qt.speaker or qt.speaker_key or "", head=words | concepts(words),
                 speaker=surname, **base)
