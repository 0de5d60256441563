"""Find quotes and their speakers in Dutch and English text.

Quote marks are paired per paragraph (" “ ” „ « » and single ‘ ’ ' ‚); apostrophes inside or at
the start of words (Loekasjenko's, zo'n, 's avonds, '80) are not quote marks. A quote keeps the
quoted words (span without the marks) and, where the text says it, its speaker: a cue after the
quote ("aldus X", "zei hij", "said Smith", "X said"), before it ("X: '…'", "Hij noemde … '…'"),
or in the sentence just before a quote that stands alone ("…, zegt Godfroid. '…'", "Volgens X …").
A pronoun speaker is resolved to the nearest preceding person mention of matching gender when
mentions are given; otherwise the speaker stays None and the cue says what the text had.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from storyline.model import Mention, Quote, Sentence
from storyline.text.sentences import TITLES as ABBREVIATED_TITLES
from storyline.text.stopwords import is_stopword

_MARKS = re.compile(",,(?=\\S)|``|''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb'\u2018\u2019\u201a]")
_DOUBLE_OPEN = {"\u201c", "\u201e", "\u00ab", "\u201f"}
_DOUBLE_CLOSE = {"\u201d", "\u00bb"}
_SINGLE_OPEN = {"\u2018", "\u201a"}
_SINGLE_CLOSE = {"\u2019"}
_OPEN_BEFORE = set(" \t\n\u00a0([{—–-/:;,") | {""}
_MAX_QUOTE = 2000
_CUE_WINDOW = 240  # characters of a sentence searched for a cue before a quote

_VERBS = (
    "aldus|zegt|zei|zeggen|zeiden|schrijft|schreef|schreven|stelt|stelde|verklaart|verklaarde|"
    "vertelt|vertelde|benadrukt|benadrukte|meldt|meldde|laat weten|liet weten|voegt toe|voegde toe|"
    "voegt eraan toe|voegde eraan toe|waarschuwt|waarschuwde|reageert|reageerde|twittert|twitterde|"
    "tweette|antwoordt|antwoordde|roept|riep|vraagt|vroeg|belooft|beloofde|erkent|erkende|"
    "concludeert|concludeerde|noemt|noemde|noemen|noemden|sprak|spreekt|citeert|citeerde|"
    "said|says|say|wrote|writes|added|adds|told|tells|stated|states|declared|warned|warns|"
    "asked|asks|replied|tweeted|called|calls|according to|explained|insisted|argued|noted"
)
_PRONOUNS = {"hij": "m", "ze": "f", "zij": "f", "he": "m", "she": "f", "it": "n", "they": "n"}
_ROLE = (r"(?:(?:de|het|the|een|a)\s+)?(?:[a-zà-ÿ-]+\s+){0,3}?")
# An abbreviated title (the sentence splitter's list) may open a name ("said Rep. Joe Scarborough",
# "aldus prof. Jansen"); it is dropped from the speaker (``_TITLES``). Left out: "St." opens names
# ("St. Louis"), "Sr." and "Jr." follow them.
_OPENING_TITLES = sorted(ABBREVIATED_TITLES - {"st", "sr", "jr"}, key=lambda t: (-len(t), t))
_TITLE_ABBREVIATION = r"(?:(?:" + "|".join(f"{t.capitalize()}|{t}" for t in _OPENING_TITLES) + r")\.\s+)?"  # never ING.
_NAME = (_TITLE_ABBREVIATION +
         r"(?:[A-ZÀ-Ý][\w'’-]*)(?:\s+(?:(?:van|de|der|den|von|la|le|al|bin)\s+)*[A-ZÀ-Ý][\w'’-]*){0,3}")
_PRON = r"(?i:hij|ze|zij|he|she)"
_SPEAKER = (rf"(?P<pron>{_PRON})\b|{_ROLE}(?P<name>{_NAME})"
            r"|(?P<role>(?:de|het|the)\s+[a-zà-ÿ-]{3,})(?=\s*[.,;:!?)]|\s+(?:van|of|in|bij|at|op|on)\s|$)")
_AFTER = re.compile(rf"\s*[,.]?\s*(?:zo\s+)?(?P<verb>{_VERBS})\s+(?:{_SPEAKER})")
_AFTER_ANY = re.compile(rf"\s*,?\s*(?P<verb>[a-zà-ÿ]{{3,}})\s+(?:{_SPEAKER})")
_AFTER_PRON = re.compile(rf"\s+(?P<pron>{_PRON})\b")
_AFTER_EN = re.compile(rf"\s*,?\s*(?:(?P<pron2>he|she|it|they)|(?:the\s+|[a-z]+\s+){{0,3}}(?P<name2>{_NAME})"
                       r"|(?P<role>the\s+[a-z]+))\s+(?P<verb2>said|says|added|wrote|told|tweeted|warned|"
                       r"explained|insisted|argued|noted|stated|declared|replied|asked)\b")
_BEFORE_COLON = re.compile(rf"(?:(?P<pron>{_PRON})|(?P<name>{_NAME}))"
                           rf"(?:\s+(?i:{_VERBS})(?:\s+[\w'’-]+){{0,4}})?\s*:\s*$")
_VERB_AT = re.compile(rf"(?P<verb>{_VERBS})\b", re.IGNORECASE)
_VERB_FIRST = frozenset(v.split()[0] for v in _VERBS.split("|"))
_WORDS = re.compile(r"\w+")
_VOLGENS = re.compile(rf"\b(?i:volgens|according\s+to)\s+{_ROLE}(?P<name>{_NAME})")
_CONTEXT_END = re.compile(rf"(?P<verb>(?i:{_VERBS}))\s+(?:{_SPEAKER})\s*[.:]?\s*$")
_NAME_OR_PRON_END = re.compile(rf"(?:(?P<pron>{_PRON})|(?P<name>{_NAME}))\s+$")
_WORD_AT = re.compile(r"[\w'’-]+")
_LAST_WORD = re.compile(r"[\w'’-]+$")
# Compiled once here, not per call: the cues after a speech verb, at the start of a sentence, and
# "X zei"/"Hij zei" opening the sentence before a quote.
_SPEAKER_AFTER = re.compile(rf"\s+(?:{_SPEAKER})")
_SPEAKER_FIRST = re.compile(rf"\s*(?:(?P<pron>Hij|Ze|Zij|He|She)\b|{_ROLE}(?P<name>{_NAME}))")
_SPEAKER_VERB = re.compile(rf"\s*(?:(?P<pron>Hij|Ze|Zij|He|She)\b|(?P<name>{_NAME}))\s+(?:\w+\s+)?(?i:{_VERBS})\b")
_FEMALE_NAMES = {"maria", "svetlana", "angela", "ursula", "kamala", "hillary", "theresa", "sigrid",
                 "kajsa", "julia", "anna", "elena", "olga", "irina", "natalia", "tatjana", "marine",
                 "sophie", "femke", "lilianne", "mona", "marianne", "ingrid", "annemarie"}


_NOT_NAMES = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "gisteren",
              "vandaag", "morgen", "later", "daarna", "toen", "volgens", "dan", "ook", "maar", "yesterday",
              "today", "eerder", "intussen", "ondertussen", "inmiddels", "nadien", "sindsdien", "bovendien",
              "kortom", "daarnaast", "verder", "tenslotte", "conclusie", "vraag", "antwoord", "update", "lees",
              "zie", "tip", "kijk", "ofwel", "oftewel", "namelijk", "dus", "echter", "immers", "nee", "ja",
              "however", "moreover", "also", "note", "read", "see", "question", "answer", "conclusion"}


_TITLES = {"premier", "president", "minister", "woordvoerder", "correspondent", "oppositieleider",
           "burgemeester", "koning", "koningin", "prins", "paus", "generaal", "kanselier", "senator",
           "dokter", "professor", "prof", "dr", "mr", "mrs", "ms", "sir", "prime", "spokesman",
           "spokeswoman", "chancellor", "governor", "leider", "staatssecretaris", "commissaris",
           "voorzitter", "directeur", "topman", "topvrouw", "trainer", "coach", "bondscoach", "kamerlid",
           "fractievoorzitter", "partijleider", "lijsttrekker", "wethouder", "gedeputeerde", "advocaat",
           "officier", "hoogleraar", "onderzoeker", "econoom", "analist", "deskundige", "expert", "ceo",
           "president-directeur", "europarlementariër", "senaatsvoorzitter", "fractieleider",
           "ambassador", "ambassadeur"} | ABBREVIATED_TITLES


@dataclass
class _Pair:
    open: int  # index of the opening mark
    close: int  # index of the closing mark
    open_end: int  # index after the opening mark (",," is two characters)
    close_end: int  # index after the closing mark ("''" is two characters)


def _is_apostrophe(text: str, i: int) -> bool:
    """An apostrophe inside or at the start of a word, not a quote mark."""
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev.isalnum() and nxt.isalnum():
        return True  # Loekasjenko's, zo'n, video’s
    if nxt.isdigit() and not prev.isalnum():
        return True  # jaren '80
    if nxt in ("s", "t", "n") and not prev.isalnum():
        after = text[i + 2] if i + 2 < len(text) else ""
        if not after.isalnum():
            return True  # 's avonds, 't, 'n
    return False


def _pairs(text: str) -> list[_Pair]:
    """Pair quote marks paragraph by paragraph; unpaired marks are dropped."""
    out: list[_Pair] = []
    open_double: int | None = None
    open_single: int | None = None
    double_end = single_end = 0
    for m in _MARKS.finditer(text):
        i, j = m.span()
        ch = m.group()
        if ch in (",,", "``"):  # Dutch newspaper style ,,Tekst'' and newswire ``Text''
            ch = "\u201e"
        elif ch == "''":
            ch = "\u201d" if open_double is not None else '"'

        if open_double is not None and (i - open_double > _MAX_QUOTE or "\n" in text[open_double:i]):
            open_double = None
        if open_single is not None and (i - open_single > _MAX_QUOTE or "\n" in text[open_single:i]):
            open_single = None
        prev = text[i - 1] if i else ""
        nxt = text[j] if j < len(text) else ""
        can_open = prev in _OPEN_BEFORE or prev in "\"“‘«„" or not prev.strip()
        can_open = can_open and bool(nxt.strip())
        can_close = bool(prev.strip()) and (not nxt.isalnum())
        if ch in ("'", "\u2019", "\u2018", "\u201a"):
            if ch != "\u2018" and _is_apostrophe(text, i):
                continue
            if open_single is not None and (ch in _SINGLE_CLOSE or ch == "'") and can_close:
                if i - open_single <= _MAX_QUOTE:
                    out.append(_Pair(open_single, i, single_end, j))
                open_single = None
            elif (ch in _SINGLE_OPEN or ch == "'") and can_open and (open_double is None):
                open_single, single_end = i, j
            continue
        # double quotes
        if open_double is not None and (ch in _DOUBLE_CLOSE or ch in ('"', "\u201c")) and can_close:
            if i - open_double <= _MAX_QUOTE:
                out.append(_Pair(open_double, i, double_end, j))
            open_double = None
            open_single = None
        elif (ch in _DOUBLE_OPEN or ch == '"') and can_open:
            open_double, double_end = i, j
            open_single = None
        elif ch == "\u00bb" and can_open:  # »…« style
            open_double, double_end = i, j
    out.sort(key=lambda p: p.open)
    kept: list[_Pair] = []
    for p in out:  # drop quotes nested in another quote
        if kept and p.open < kept[-1].close:
            continue
        kept.append(p)
    return kept


@dataclass
class _Speaker:
    start: int
    end: int
    surface: str
    pronoun: str | None  # gender letter or "" for a pronoun; None for a name
    cue: str


def _speaker_from(m: re.Match[str], base: int, cue: str, pron: str = "pron",
                  name: str = "name") -> _Speaker | None:
    """The speaker a cue match names; None when the "name" is a capitalised ordinary word."""
    surface = m.groupdict().get(name)
    role = m.groupdict().get("role")
    if not surface and not m.groupdict().get(pron) and role:  # "zegt de conducteur": a role, no name
        return _Speaker(base + m.start("role"), base + m.end("role"), role, None, cue)
    if surface and not m.groupdict().get(pron):
        first = surface.split()[0].lower()
        if is_stopword(first, "nl") or is_stopword(first, "en") or first in _NOT_NAMES:
            return None
    if m.groupdict().get(pron):
        return _Speaker(base + m.start(pron), base + m.end(pron), m.group(pron),
                        _PRONOUNS.get(m.group(pron).lower()) or "", cue)
    start, end = m.start(name), m.end(name)
    words = surface.split() if surface else []
    while len(words) > 1 and words[0].lower().rstrip(".").rsplit("-", 1)[-1] in _TITLES:  # "Premier Rutte", "PVV-Kamerlid X", "Dr. Soto"
        start = m.string.index(words[1], start + len(words[0]))
        words = words[1:]
    return _Speaker(base + start, base + end, m.string[start:end], None, cue)


def _first(*found: _Speaker | None) -> _Speaker | None:
    return next((f for f in found if f is not None), None)


def _after_cue(text: str, close: int, limit: int) -> _Speaker | None:
    """Cue right after the closing mark: "…', aldus X", "…", zei hij", "…," Smith said"."""
    m = _AFTER.match(text, close + 1, limit)
    if m:
        verb = " ".join(m.group("verb").split())
        cue = verb + (" " + m.group("pron").lower() if m.group("pron") else "")
        found = _speaker_from(m, 0, cue)
        if found:
            return found
    m = _AFTER_EN.match(text, close + 1, limit)
    found = _speaker_from(m, 0, m.group("verb2"), "pron2", "name2") if m else None
    if found is None and (text[close - 1:close] == "," or text[close + 1:close + 3].lstrip()[:1] == ","):
        # ",,…'', sust de partijleider": after a quote and a comma an inverted verb + subject is
        # attribution, whatever the verb
        m = _AFTER_ANY.match(text, close + 1, limit)
        if m and not is_stopword(m.group("verb"), "nl") and not is_stopword(m.group("verb"), "en"):
            found = _speaker_from(m, 0, m.group("verb").lower() + (" " + m.group("pron").lower()
                                                                     if m.group("pron") else ""))
    return found


def _before_cue(text: str, sent_start: int, open_: int, index: list[int] | None = None) -> _Speaker | None:
    """Cue in the sentence before the opening mark: "X: '…'", "Hij noemde … '…'", "volgens X"."""
    sent_start = max(sent_start, open_ - _CUE_WINDOW)
    prefix = text[sent_start:open_]
    m = _BEFORE_COLON.search(prefix) if prefix.rstrip().endswith(":") else None
    found = _speaker_from(m, sent_start, ":") if m else None
    if found:
        return found
    verbs = _verbs_in(prefix, sent_start, index)
    if verbs:
        v = verbs[-1]
        verb = v.group("verb").lower()
        pron = _AFTER_PRON.match(prefix, v.end())
        if pron:  # "zei hij", "beloofde hij": a pronoun after the verb is its subject
            return _speaker_from(pron, sent_start, f"{verb} {pron.group('pron').lower()}", name="pron")
        before = _NAME_OR_PRON_END.search(prefix, max(0, v.start() - 60), v.start())
        after = _SPEAKER_AFTER.match(prefix[v.end():])
        first = _SPEAKER_FIRST.match(prefix)
        found = _first(_speaker_from(before, sent_start, verb) if before else None,
                       _speaker_from(after, sent_start + v.end(), verb) if after else None,
                       _speaker_from(first, sent_start, verb) if first else None)
        if found:
            return found
    m = _VOLGENS.search(prefix) if _has_volgens(prefix) else None
    return _speaker_from(m, sent_start, "volgens") if m else None


def _has_volgens(s: str) -> bool:
    low = s.lower()
    return "volgens" in low or "according" in low


def _verbs_in(s: str, offset: int = 0, index: list[int] | None = None) -> list[re.Match[str]]:
    """Speech verbs in ``s`` (= text[offset:…]); words are looked up in a set first (a big alternation
    tried at every position is slow); ``index`` lists verb-word starts in the whole text when known."""
    if index is not None:
        lo = bisect.bisect_left(index, offset)
        hi = bisect.bisect_left(index, offset + len(s))
        starts = [p - offset for p in index[lo:hi]]
    else:
        starts = [w.start() for w in _WORDS.finditer(s) if w.group().lower() in _VERB_FIRST]
    out: list[re.Match[str]] = []
    for start in starts:
        m = _VERB_AT.match(s, start)
        if m and not _inside_name(s, start):
            out.append(m)
    return out


def _inside_name(s: str, start: int) -> bool:
    """Whether the capitalised word at ``start`` follows a capitalised word: part of a name ('the United
    States had'), not a speech verb ('states')."""
    if not s[start].isupper():
        return False
    before = s[:start].rstrip()
    word = _LAST_WORD.search(before) if before[-1:].isalpha() else None
    return word is not None and word.group()[0].isupper()


def _context_cue(text: str, prev: Sentence, index: list[int] | None = None) -> _Speaker | None:
    """Speaker named in the sentence before a quote that opens its own sentence."""
    start = max(prev.start, prev.end - _CUE_WINDOW)
    body = text[start:prev.end]
    found: list[_Speaker | None] = []
    verbs = _verbs_in(body, start, index)
    m = _CONTEXT_END.match(body, verbs[-1].start()) if verbs else None
    found.append(_speaker_from(m, start, "context") if m else None)
    m = _VOLGENS.search(body) if _has_volgens(body) else None
    found.append(_speaker_from(m, start, "context") if m else None)
    m = _SPEAKER_VERB.match(body)
    found.append(_speaker_from(m, start, "context") if m else None)
    return _first(*found)


def _gender(mention: Mention) -> str | None:
    words = (mention.key or mention.text).split()
    if not words:
        return None
    if words[0].lower() in _FEMALE_NAMES:
        return "f"
    last = words[-1].lower()
    if last.endswith(("aja", "ova", "eva", "ina", "skaya", "kaja", "ska", "aya")):
        return "f"
    return None


def _resolve(speaker: _Speaker, names: list[Mention], persons: list[Mention],
             spans: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """(surface, key) for a speaker: a name matched to its mention, a pronoun to a preceding person."""
    if speaker.pronoun is None:
        for mention in names:
            if mention.start < speaker.end and speaker.start < mention.end:
                return speaker.surface, mention.key
        return speaker.surface, None
    if not persons or speaker.pronoun == "n":  # "it added": an organisation, not resolved to a person
        return None, None
    candidates = [mention for mention in persons if mention.end <= speaker.start and
                  not any(a <= mention.start < b for a, b in spans)]
    if not candidates:
        return None, None
    want = speaker.pronoun
    compatible = [m for m in candidates[-12:]
                  if not want or (want == "f" and _gender(m) == "f") or (want == "m" and _gender(m) != "f")]
    if not compatible:
        compatible = candidates[-1:]
    # subjects tend to come first in their clause: the first person of the nearest sentence
    nearest = compatible[-1]
    chosen = next(m for m in compatible if m.sentence == nearest.sentence)
    return chosen.text, chosen.key


def find_quotes(text: str, sentences: list[Sentence], mentions: list[Mention], language: str) -> list[Quote]:
    """Quotes in ``text`` (span = the quoted words without marks) with their speaker when the text says it.

    Never raises on any string; linear in the length of the text.
    """
    try:
        return _find(text or "", sentences, mentions or [])
    except (ValueError, IndexError, RecursionError):  # defensive: never fail the analysis
        return []


def _find(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Quote]:
    starts = [s.start for s in sentences]
    named = sorted(mentions, key=lambda m: m.start)
    persons = [m for m in named if m.type == "PER"]
    pairs = _pairs(text)
    spans = [(p.open, p.close) for p in pairs]
    verb_index = [w.start() for w in _WORDS.finditer(text) if w.group().lower() in _VERB_FIRST] \
        if len(pairs) > 40 else None  # many quotes: index the speech verbs once
    out: list[Quote] = []
    for p in pairs:
        a, b = p.open_end, p.close
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        index = max(0, bisect.bisect_right(starts, p.open) - 1) if starts else 0
        end_index = max(0, bisect.bisect_right(starts, p.close) - 1) if starts else 0
        sent = sentences[index] if sentences else Sentence(0, 0, len(text), text)
        end_sent = sentences[end_index] if sentences else sent
        limit = min(len(text), max(end_sent.end, p.close_end), p.close_end + 160)
        speaker = _after_cue(text, p.close_end - 1, limit)
        if speaker is None:
            speaker = _before_cue(text, sent.start, p.open, verb_index)
        alone = index > 0 and not text[sent.start:p.open].strip()
        if speaker is None and alone:
            speaker = _context_cue(text, sentences[index - 1], verb_index)
        name, key, cue = None, None, None
        if speaker is not None:
            name, key = _resolve(speaker, named, persons, spans)
            cue = speaker.cue
        elif alone and out and out[-1].cue and out[-1].sentence >= index - 2 \
                and p.open - out[-1].end < 400 and "\n" not in text[out[-1].end:p.open]:
            name, key, cue = out[-1].speaker, out[-1].speaker_key, "continued"  # the same speaker goes on
        out.append(Quote(sentence=index, start=a, end=b, text=text[a:b], speaker=name, speaker_key=key,
                         cue=cue))
    return out
