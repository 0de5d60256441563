"""Name mentions (PER/LOC/ORG/MISC) without a trained model: capitalisation, gazetteers, cue words.

Per sentence, runs of capitalised tokens (with name particles such as 'van der', 'of') are
candidates; a sentence-initial word is kept only when it is a known name or the article also
capitalises it mid-sentence. Types come from gazetteers (places with Dutch exonyms, known
organisations, given names, surnames), organisation words, person cues ('president', 'zei')
and place prepositions; then per article a full name is carried to the bare surname
(Mention.key = full name) and unresolved surfaces take the type the article gives them elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma
from wordfreq import zipf_frequency

from storyline.model import Mention, Sentence
from storyline.text.gazetteer import Gazetteer, gazetteer
from storyline.text.lexicon import (
    CURRENCY_CODES,
    NOT_NAMES,
    ORG_SUFFIXES,
    ORG_WORDS,
    PERSON_CUE_SUFFIXES,
    PERSON_CUES,
    PERSON_VERBS,
    PLACE_CUES,
    PLACE_PREPOSITIONS,
    PLACE_SUFFIXES,
    PLACE_WORDS,
    TITLE_WORDS,
)
from storyline.text.sentences import TITLES as ABBREVIATED_TITLES
from storyline.text.stopwords import STOPWORDS
from storyline.text.tokens import LEMMATIZED, Token, tokenize

_PARTICLES = frozenset(["van", "de", "der", "den", "ter", "ten", "te", "du", "da", "dos", "la", "le", "von", "bin", "al", "el", "y", "of", "&"])
_JOINERS = _PARTICLES | {"voor", "for"}
# "minister Ferdinand Grapperhaus van Justitie": 'van' introduces the portfolio, not a surname part.
_PORTFOLIO_CUES = frozenset(["minister", "staatssecretaris", "commissaris", "eurocommissaris", "wethouder",
                             "gedeputeerde", "secretary", "minister-president"])
_MAX_NAME_TOKENS = 12  # longer runs of capitalised words are titles or noise, not one name
_OPENING = frozenset("\"'\u201c\u2018\u201e\u00ab(:\u2013\u2014-\u2022")
_COMMON_ZIPF = 3.0
_ALL_STOP = STOPWORDS["nl"] | STOPWORDS["en"]


@dataclass
class _Cand:
    sentence: int
    tokens: list[Token]
    type: str | None = None
    strength: int = 0  # 3 gazetteer/known, 2 structural cue, 1 weak context, 0 none
    key: str | None = None
    adjective: bool = False
    cue_before: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    # The character span of the tokens, read very often: set once (a candidate's tokens never change).
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self) -> None:
        self.start = self.tokens[0].start
        self.end = self.tokens[-1].end


_WORD_CACHE_LIMIT = 200_000


class _WordCache(dict[str, bool]):
    """A rule that depends on the word only, with its answers cached: ``cache[word]`` is a dict lookup
    (no Python call) once the word was seen. Bounded: past ``_WORD_CACHE_LIMIT`` words, new answers are
    computed but not kept."""

    def __init__(self, rule: Callable[[str], bool]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, word: str) -> bool:
        found = self.rule(word)
        if len(self) < _WORD_CACHE_LIMIT:
            self[word] = found
        return found


def _cap_rule(w: str) -> bool:
    return w[:1].isupper() and w[:1].isalpha() and w.lower() not in NOT_NAMES


_CAP = _WordCache(_cap_rule)


def _is_cap(tok: Token) -> bool:
    return _CAP[tok.text]


def _place_adjective(g: Gazetteer, word: str) -> str | None:
    """Dutch adjectives of places: Amsterdamse → Amsterdam, Groningse → Groningen, Haagse → The Hague."""
    if len(word) < 6 or not word.endswith("se") or g.place(word) is not None:
        return None
    stem = word[:-2]
    for name in (stem, stem + "en", "Den " + stem):
        place = g.place(name)
        if place is not None and place.kind in ("city", "region"):
            return place.canonical
    return None


def _is_initial(tok: Token) -> bool:
    return len(tok.text) == 1 and tok.text.isupper()


@lru_cache(maxsize=65536)
def _zipf(word: str, language: str) -> float:
    return zipf_frequency(word, language if language in ("nl", "en", "de", "fr") else "en")


@lru_cache(maxsize=8)
def load_frequencies(language: str) -> None:
    """Load wordfreq's word list of ``language`` with the gazetteers, not inside the first article using it."""
    _zipf("de", language)


@lru_cache(maxsize=65536)
def _is_word(low: str, language: str) -> bool:
    """Whether simplemma's dictionary knows ``low`` as a word of ``language`` (headline words like 'Bekoelde')."""
    return language in LEMMATIZED and simplemma.is_known(low, lang=language)


def _is_place_cue(word: str) -> bool:
    low = word.lower()
    return low in PLACE_CUES or (len(low) > 5 and low.endswith(("stad", "dorp", "plaats", "provincie")))


def _cue_rule(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in PERSON_CUES or (len(low) > 6 and low.endswith(PERSON_CUE_SUFFIXES))


_CUE = _WordCache(_cue_rule)


def _is_cue(word: str) -> bool:
    return _CUE[word]


def _known_rule(word: str) -> bool:
    g = gazetteer()
    return (g.place(word) is not None or g.org(word) is not None or g.is_given(word)
            or g.adjective_country(word) is not None)


_KNOWN = _WordCache(_known_rule)  # the gazetteer never changes, so neither do its answers


def _known(g: Gazetteer, word: str) -> bool:
    """Whether ``word`` is a known place, organisation, given name or country adjective (``g``: the gazetteer)."""
    return _KNOWN[word]


def _trim_compound(span: list[Token]) -> list[Token]:
    """'EU-lidstaten' → 'EU', 'Joint Strike Fighter-programma' → 'Joint Strike Fighter' (name part only)."""
    if not span:
        return span
    last = span[-1]
    cut = last.text.rfind("-")
    if cut > 0 and last.text[cut + 1:cut + 2].islower() and last.text[:1].isupper():
        trimmed = Token(last.text[:cut], last.start, last.start + cut)
        return span[:-1] + [trimmed]
    return span


def _split_juxtaposed(cands: list[_Cand], text: str) -> list[_Cand]:
    """Split runs like 'steunde Moskou Minsk' whose words each occur alone elsewhere in the article."""
    surfaces = [text[c.start:c.end] for c in cands]
    singles = Counter(c.tokens[0].text for c in cands if len(c.tokens) == 1)
    whole = Counter(surfaces)
    g = gazetteer()
    out: list[_Cand] = []
    for c, surface in zip(cands, surfaces):
        if len(c.tokens) > 1 and whole[surface] == 1 and not g.is_given(c.tokens[0].text) \
                and g.place(surface) is None and g.org(surface) is None \
                and all(singles[t.text] or g.place(t.text) is not None for t in c.tokens):
            out.extend(_Cand(c.sentence, [t], extra=dict(c.extra), cue_before=c.cue_before and k == 0)
                       for k, t in enumerate(c.tokens))
        else:
            out.append(c)
    return out


class _Scanner:
    """Finds and types candidates in one article."""

    def __init__(self, text: str, sentences: list[Sentence], language: str,
                 tokens: list[list[Token]] | None = None) -> None:
        self.text = text
        self.sentences = sentences
        self.language = language
        self.g = gazetteer()
        self.tokens = tokens if tokens is not None else [tokenize(s.text, offset=s.start) for s in sentences]
        texts = [[t.text for t in toks] for toks in self.tokens]  # per sentence, read once
        self.words: set[str] = set().union(*texts)
        self.caps: list[list[int]] = [[i for i, w in enumerate(ws) if w[:1].isupper()] for ws in texts]
        self.mid_caps: set[str] = {ws[i] for ws, caps in zip(texts, self.caps) for i in caps
                                   if i > 0 and ws[i - 1] not in _OPENING
                                   and not (i > 1 and ws[i - 1] == ws[i - 2] == ",")}

    def _drop_initial(self, tok: Token) -> bool:
        """Whether a capitalised sentence-initial word is just a capitalised common word."""
        w = tok.text
        low = w.lower()
        if low in _ALL_STOP or low in NOT_NAMES:
            return True
        if _known(self.g, w) or w in self.mid_caps or (w.isupper() and len(w) > 1):
            return False
        if low in self.words or _is_cue(w):
            return True
        return _zipf(low, self.language) >= _COMMON_ZIPF or _is_word(low, self.language)

    def candidates(self) -> list[_Cand]:
        out: list[_Cand] = []
        for si, toks in enumerate(self.tokens):
            n = len(toks)
            done = 0
            for i in self.caps[si]:
                if i < done:
                    continue
                tok = toks[i]
                if not _CAP[tok.text]:
                    continue
                initial = i == 0 or toks[i - 1].text in _OPENING or (i > 1 and toks[i - 1].text == toks[i - 2].text == ",")
                j = i + 1
                while j < n and j - i < _MAX_NAME_TOKENS:
                    nxt = toks[j]
                    if _CAP[nxt.text] and nxt.start - toks[j - 1].end <= 1:
                        j += 1
                        continue
                    if nxt.text == "." and _is_initial(toks[j - 1]) and nxt.start == toks[j - 1].end and j + 1 < n \
                            and (_is_cap(toks[j + 1]) or toks[j + 1].text.lower() in _PARTICLES):
                        j += 1  # an initial: "J. de Vries", "George W. Bush"
                        continue
                    k = j
                    while k < n and k - j < 3 and toks[k].text.lower() in _JOINERS:
                        k += 1
                    if j < k < n and _is_cap(toks[k]) and self._particle_ok(toks[i:j], toks[j], toks[k]) and not (
                            i > 0 and toks[i - 1].text.lower() in _PORTFOLIO_CUES and toks[j].text.lower() == "van"):
                        j = k + 1  # "Jan van der Berg", "Partij voor de Dieren"
                        continue
                    break
                span = toks[i:j]
                prev = toks[i - 1] if i > 0 else None
                keep_first = (len(span) > 2 and span[1].text == ".") or (len(span) > 1 and (
                    span[0].text.lower() not in _ALL_STOP and any(t.text.lower() in ORG_WORDS for t in span[1:])
                ))  # "J. de Vries", "General Motors"
                if initial and not keep_first and self._drop_initial(span[0]):
                    span = span[1:]
                    prev = tok
                while span and span[0].text.lower() in _PARTICLES and span[0].text[0].islower():
                    span = span[1:]
                while span and span[-1].text.lower() in _PARTICLES:
                    span = span[:-1]
                if len(span) > 1 and span[0].text.lower() in _ALL_STOP and _known(self.g, span[1].text):
                    prev, span = span[0], span[1:]
                if span and "-" in span[-1].text:
                    span = _trim_compound(span)
                cue = prev is not None and _CUE[prev.text]
                if span and not self._not_a_name(span, toks[j] if j < n else None):
                    out.extend(self._split(si, span, cue, toks[j] if j < n else None, prev))
                done = j
        return out

    def _not_a_name(self, span: list[Token], nxt: Token | None) -> bool:
        """Title words only ('Chief Operating Officer'), single letters, stopwords, currency codes."""
        for t in span:
            if not (_CUE[t.text] or t.text.lower() in TITLE_WORDS):
                break
        else:
            return True
        if len(span) == 1:
            w = span[0].text
            if len(w) == 1 or w.lower() in _ALL_STOP or w in CURRENCY_CODES:
                return True
            if w.lower() in ABBREVIATED_TITLES and not w.isupper() and nxt is not None and nxt.text == "." \
                    and nxt.start == span[0].end:
                return True  # "Sen. Robert Torricelli": the title, not a name ("Hun Sen" keeps its two words)
            if w in ("US", "U.S.", "A", "C", "NZ", "HK") and nxt is not None and nxt.text == "$":
                return True
        return False

    def _particle_ok(self, before: list[Token], particle: Token, after: Token) -> bool:
        """'Jan van der Berg', 'Bank of England', 'Raad van State' join; 'Macron van Frankrijk' does not."""
        if sum(map(str.isupper, after.text)) > 1:
            return False  # an acronym after 'van' is an organisation: "Thierry Baudet van FvD"
        if any(t.text.lower() in ORG_WORDS for t in before[-3:]) or before[-1].text == "." \
                or before[-1].text.lower() in _PARTICLES:
            return True
        if self.g.place(after.text) is not None:
            return False
        if particle.text.lower() in ("voor", "for"):  # "Forum voor Democratie", not "koos Poetin voor Minsk"
            return not self.g.is_given(after.text) and not self.g.is_given(before[0].text)
        return self.g.is_given(before[0].text) or particle.text[0].isupper()

    def _split(self, si: int, span: list[Token], cue: bool, nxt: Token | None, prev: Token | None) -> list[_Cand]:
        """Split a leading country adjective off ('Russische Federatie' stays whole when known)."""
        surface = self.text[span[0].start:span[-1].end]
        if len(span) > 1 and self.g.adjective_country(span[0].text) and not self._whole_known(surface):
            return [_Cand(si, span[:1])] + self._split(si, span[1:], cue, nxt, span[0])
        first = span[0].text
        cut = first.find("-")
        if len(span) > 1 and cut > 0 and first[cut + 1:cut + 2].islower():
            head = Token(first[:cut], span[0].start, span[0].start + cut)
            return self._split(si, [head], False, span[1], prev) + self._split(si, span[1:], True, nxt, span[0])
        inner = next((k for k in range(1, len(span) - 1) if _is_cue(span[k].text) and span[k + 1].text[:1].isupper()
                      and not _known(self.g, span[k].text)), None) if len(span) > 2 else None
        if inner is not None:  # "Apple CEO Steve Jobs": an organisation, a role, a person
            return self._split(si, span[:inner], cue, span[inner], prev) + \
                self._split(si, span[inner + 1:], True, nxt, span[inner])
        has_org_word = len(span) > 1 and any(t.text.lower() in ORG_WORDS for t in span[1:])
        while len(span) > 1 and _is_cue(span[0].text) and not has_org_word and not _known(self.g, span[0].text):
            prev, span = span[0], span[1:]
            cue = True
        cand = _Cand(si, span, cue_before=cue)
        if nxt is not None:
            cand.extra["next"] = nxt.text
        if prev is not None:
            cand.extra["prev"] = prev.text
        return [cand]

    def _whole_known(self, surface: str) -> bool:
        return self.g.place(surface) is not None or self.g.org(surface) is not None

    def type_candidate(self, c: _Cand) -> None:
        """Type one candidate from its own words and immediate context."""
        g = self.g
        words = [t.text for t in c.tokens]
        surface = self.text[c.start:c.end]
        low_words = [w.lower() for w in words]
        if len(words) == 1 and (country := g.adjective_country(words[0])) and words[0].lower() not in _ALL_STOP \
                and g.place(words[0]) is None:
            c.type, c.strength, c.key, c.adjective = "LOC", 3, country, True
            return
        if (org := g.org(surface)) is not None:
            c.type, c.strength, c.key = "ORG", 3, org
            return
        if len(words) == 1 and (town := _place_adjective(g, words[0])) is not None:
            c.type, c.strength, c.key, c.adjective = "LOC", 3, town, True
            return
        place = g.place(surface)
        if len(words) > 1 and not c.cue_before and (low_words[-1] in PLACE_WORDS or (
                low_words[-1].endswith(PLACE_SUFFIXES) and len(low_words[-1]) > 6)):
            c.type, c.strength = "LOC", 2
            return
        if any(w in ORG_WORDS for w in low_words[1:]) or (len(words) > 1 and low_words[0] in ORG_WORDS) \
                or (low_words[-1].endswith(ORG_SUFFIXES) and len(low_words[-1]) > 6):
            c.type, c.strength = "ORG", 3 if place is None else 2
            return
        if place is not None:
            c.type, c.strength, c.key = "LOC", 3, place.canonical
            if len(words) == 1 and (c.cue_before or c.extra.get("next", "") in PERSON_VERBS) and \
                    place.kind not in ("country", "area"):
                c.type, c.strength, c.key = "PER", 2, None
            return
        if len(words) > 1 and (g.is_given(words[0]) or (_is_initial(c.tokens[0]) and words[1] == ".")):
            c.type, c.strength = "PER", 3
            return
        if c.cue_before:
            c.type, c.strength = "PER", 2
            return
        if c.extra.get("next", "") in PERSON_VERBS or c.extra.get("prev", "").lower() in PERSON_VERBS \
                or c.extra.get("prev", "").lower() == "aldus":
            c.type, c.strength = "PER", 1
            return
        if g.is_surname(words[-1]):
            c.type, c.strength = "PER", 2 if len(words) > 1 else 1
            return
        if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
            c.type, c.strength = "ORG", 1
            return
        if _is_place_cue(c.extra.get("prev", "")):
            c.type, c.strength = "LOC", 2
            return
        if c.extra.get("prev", "").lower() in PLACE_PREPOSITIONS and len(words) == 1:
            c.type, c.strength = "LOC", 1
            return


def _key(surface: str) -> str:
    """Within one article a name is spelled one way: compare case-insensitively, nothing more."""
    return surface.lower()


_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z]{1,9})\s*\)")


def _acronyms(cands: list[_Cand], text: str) -> None:
    """'Government Accountability Office (GAO)': later 'GAO' mentions get the long name's key and type."""
    if "(" not in text:
        return  # nothing is defined: a definition needs "(" after the long name
    defined: dict[str, _Cand] = {}
    for c in cands:
        if len(c.tokens) < 2:
            continue  # a definition needs a long name of two words or more
        words = [t.text for t in c.tokens if t.text[:1].isupper() and t.text.lower() not in _PARTICLES]
        m = _ACRONYM_AFTER.match(text, c.end)
        if len(words) > 1 and m and m.group(1).upper().startswith("".join(w[0] for w in words).upper()[:2]):
            defined[m.group(1)] = c
    if not defined:
        return
    for c in cands:
        long = defined.get(text[c.start:c.end])
        if long is not None and long is not c:
            c.key = long.key or text[long.start:long.end]
            if long.type is not None:
                c.type, c.strength = long.type, max(c.strength, long.strength)


def _resolve(cands: list[_Cand], text: str) -> None:
    """Article-level rules: carry full names to bare surnames, vote types per surface, set keys."""
    _acronyms(cands, text)
    full_by_head: dict[str, list[_Cand]] = defaultdict(list)
    for c in cands:
        if c.type == "PER" and len(c.tokens) > 1 and c.strength >= 2:
            full_by_head[_key(c.tokens[-1].text)].append(c)
    for c in cands:
        if c.adjective:
            continue
        head = _key(c.tokens[-1].text)
        if head in full_by_head and c.strength < 3 or (head in full_by_head and len(c.tokens) == 1
                                                          and c.type != "LOC"):
            fulls = full_by_head[head]
            before = [f for f in fulls if f.start <= c.start]
            full = (before[-1] if before else fulls[0])
            c.type = "PER"
            c.strength = max(c.strength, 2)
            c.key = text[full.start:full.end]
    keys = [_key(text[c.start:c.end]) for c in cands]
    votes: dict[str, dict[str, int]] = {}  # surface → type → summed strength (types in first-seen order)
    for c, key in zip(cands, keys):
        if c.type and c.strength >= 2:
            tally = votes.setdefault(key, {})
            tally[c.type] = tally.get(c.type, 0) + c.strength
    weak: dict[str, dict[str, int]] = {}
    for c, key in zip(cands, keys):
        if c.strength < 2:
            found = votes.get(key)
            if found:
                c.type = _most_common(found)
                c.strength = 2
            else:
                tally = weak.setdefault(key, {})
                guess = c.type or _default_type(c)
                tally[guess] = tally.get(guess, 0) + 1
    for c, key in zip(cands, keys):  # without strong evidence, one surface gets one type: the most frequent guess
        if c.strength < 2:
            c.type = _most_common(weak[key])


def _most_common(tally: dict[str, int]) -> str:
    """The type with the highest count; on a tie the first counted (as ``Counter.most_common(1)``)."""
    return max(tally, key=tally.__getitem__)


def _default_type(c: _Cand) -> str:
    """Unresolved names: products look like 'iPhone', 'A380', 'KC-30' (MISC); the rest ('GroenLinks') are most often
    organisations, because a person is introduced with a given name or a role the rules see."""
    words = [t.text for t in c.tokens]
    if any(any(map(str.isdigit, w)) for w in words) or any(w[:1].islower() and w not in _JOINERS for w in words):
        return "MISC"
    return "ORG"


def find_mentions(text: str, sentences: list[Sentence], language: str | None,
                  tokens: list[list[Token]] | None = None) -> list[Mention]:
    """Typed name mentions of an article, in text order, with a per-article key (full name / canonical).

    ``tokens`` (per sentence, offsets into ``text``) may be passed to avoid tokenising twice.
    """
    if not sentences:
        return []
    load_frequencies(language or "en")
    scanner = _Scanner(text, sentences, language or "en", tokens)
    cands = _split_juxtaposed(scanner.candidates(), text)
    for c in cands:
        scanner.type_candidate(c)
    _resolve(cands, text)
    out: list[Mention] = []
    for c in cands:
        surface = text[c.start:c.end]
        key = c.key or surface
        out.append(Mention(sentence=c.sentence, start=c.start, end=c.end, text=surface, type=c.type or "MISC",
                           key=key, head=c.tokens[-1].text, adjective=c.adjective))
    return out
