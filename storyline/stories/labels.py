"""Phrase labels for events: the title or lead clause that says best what happened, in its own words.

Extractive and in the article's language: every candidate is a title or one of the first
``LEAD_SENTENCES`` sentences of an event's article (what happened is told in the lead). Each is
shortened to one clause of at most ``MAX_WORDS`` words, cut only where a clause ends (punctuation,
a subordinating conjunction, in English before a trailing prepositional phrase; in Dutch only
after a final verb, because the verb cluster closes a Dutch clause), with datelines, title
kickers ("LIVE |") and trailing attributions (", meldt persbureau ANP") removed. Candidates are
scored by the event's distinctive term weights they carry per ``sqrt(words)``, times a lead
position prior and a penalty for openers that need context (pronouns, "Ook", "Also").

Only regular expressions and word lists: no tagger, so the cuts are conservative and a sentence
that cannot be cut safely is passed over rather than cut mid-clause.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.model import AnalyzedArticle
from storyline.stories.features import name_key
from storyline.text.stopwords import is_stopword
from storyline.text.tokens import content_lemmas, lemmatize

MAX_WORDS = 10
MIN_WORDS = 3
LEAD_SENTENCES = 4
MAX_CANDIDATES = 160  # bounded work per event (at most LABEL_MEMBERS articles × 4 places)
MIN_SENTENCE_CHARS = 12
# Prior by place: a title is written to say what happened; then the lead, falling off.
TITLE_PRIOR = 1.3
POSITION_PRIOR = (1.0, 0.85, 0.75, 0.7)
# How much a cut costs: a whole sentence reads best, a clause cut at a comma or conjunction
# next, a prepositional phrase dropped last.
WHOLE, CLAUSE, PHRASE = 1.0, 0.9, 0.8
CONTEXT_PENALTY = 0.5  # opens with a pronoun or connective: needs what came before
QUOTE_PENALTY = 0.6  # a quotation says what someone said, rarely what happened
LENGTH_EXPONENT = 0.5
VERBLESS_PENALTY = 0.7
VERBLESS_TITLE = 0.85
CONTEXT_TRIM = 0.8  # 'But …' / 'Maar …' trimmed: it still answers something said before

def _wordset(text: str) -> frozenset[str]:
    """A word list written as one string (hand-written, general function words and cues)."""
    return frozenset(text.split())


_SPACES = re.compile(r"\s+")
_WEB = re.compile(r"https?:|www\.|\w\.(?:nl|be|com|org|net|eu)\b|@\w", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019.][^\W_]+)*")
# "AMSTERDAM - ", "WASHINGTON (Reuters) - ", "LONDON, March 3 (Reuters) — ", "(ANP) ", "DEN HAAG (ANP) -"
_DATELINE = re.compile(
    r"^\s*(?:[A-ZÀ-Þ][A-ZÀ-Þ'.\-]+(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ'.\-]+)*(?:,[^-–—()]{1,30})?\s*(?:\([^)]{1,30}\))?\s*[-–—]+\s+"
    r"|\([A-Za-z.]{2,15}\)\s*[-–—]*\s*|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}\s*[-–—:|]\s*)"
)
# Title kickers: "LIVE | ", "VIDEO: ", "Update: ", "Column | ", "Report: ", "Politie: " (who says it, not what happened)
_KICKER = re.compile(
    r"^\s*(?:(?:live(?:blog)?|video|foto'?s?|photos?|update|breaking(?: news)?|exclusief|exclusive|column|opinie|opinion"
    r"|interview|recensie|review|analyse|analysis|podcast|nieuws|news|reports?|rapport|lawyer|advocaat|police|politie"
    r"|sources?|bronnen|officials|ap|afp|reuters|anp|belga)\s*[:|\-–]\s*|[^:|]{1,25}\s\|\s)",
    re.IGNORECASE,
)
# A trailing attribution: ", meldt persbureau ANP" / ", aldus Blok" / ", officials said Monday" (Dutch
# inverts: the verb comes first, so ', kan de politie niets zeggen' is no attribution).
_ATTRIBUTION = re.compile(
    r"[,:]\s+(?:(?:said|says|according to|aldus|zegt|zei|zeggen|zeiden|meldt|meldde|melden|meldden"
    r"|schrijft|schreef|schrijven|bericht|berichtte|berichten|reports?|reported|told)\b[^,;:\"'\u201d]{0,60}"
    r"|[^,;:\"'\u201d]{1,60}?\s(?:said|says|announced|reported|reports|told (?:reporters|the \w+)|added|stated)"
    r"(?:\s+(?:on\s+)?\w+day|\s+\w+dag|\s+gisteren|\s+vandaag|\s+yesterday|\s+today)?)\s*[.!]?\s*$",
    re.IGNORECASE,
)
_FRONT_ATTRIBUTION = re.compile(r"^\s*(?:volgens|according to|naar verluidt|reportedly)\b", re.IGNORECASE)
_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb"
_SINGLE_QUOTES = "'\u2018\u2019"
_OPEN_SINGLE = re.compile(r"(?:^|\s)['\u2018]\w")
_CLOSE_SINGLE = re.compile(r"\w['\u2019](?:\s|$|[,.;:!?])")
_TRAILING = " \t,;:.!-–—/(\u2026"
# Where a clause ends without punctuation: before a subordinating conjunction.
_SUBORDINATORS = {
    "nl": _wordset("omdat nadat terwijl zodat waardoor waarna waarmee hoewel ofschoon doordat zodra voordat "
                   "tenzij opdat om"),
    "en": _wordset("after because while although though since before unless whereas amid following despite "
                   "until so which who whom whose where when"),
}
# Words that open a subordinate clause or an adverbial phrase: a sentence opening with one has its
# main clause later (in Dutch inverted), so it is used whole or not at all.
_DEPENDENT_OPENERS = {
    "nl": _wordset("nu als toen omdat nadat terwijl hoewel sinds zodra voordat doordat tijdens na bij volgens "
                   "ondanks wanneer indien mits zodat waardoor wat wie waar hoe"),
    "en": _wordset("as when while after before since although though because if once despite during following "
                   "amid according what how where in on at with for from by under over just"),
}
_PREPOSITIONS = {
    "nl": _wordset("in op met voor na bij tijdens tegen naar over wegens vanwege sinds vanuit door binnen "
                   "buiten rond zonder"),
    "en": _wordset("in on at for with from over after during near into against outside inside across amid by "
                   "under between"),
}
_CONTEXT_OPENERS = {
    "nl": _wordset("ook daarnaast bovendien verder tevens eveneens daarom daardoor daarmee daarbij daarop "
                   "daarna toch desondanks echter zo dus hierdoor hiermee hierbij evenmin wel maar en "
                   "ondertussen intussen vervolgens dan hij zij ze zijn haar hun hen hem dat die dit deze daar "
                   "het"),
    "en": _wordset("also moreover furthermore however but and meanwhile still yet besides additionally instead "
                   "then thus therefore hence nevertheless nonetheless likewise similarly so he she it they "
                   "his her its their them this that these those there such"),
}
_PARTICIPLE = re.compile(r"^(?:ge|be|ver|ont|her|er)\w{2,}(?:d|t|en)$")
# An inflected participle is an adjective ('de geplande hervormingen', 'als zuinig aangemerkte koelkasten').
_ADJECTIVAL = re.compile(r"^(?:aan|op|uit|af|in|mee|toe|neer|weg|terug|bij|na|voor|over|door)?ge\w{3,}[dt]e$")
# Words before which a Dutch '-en' word is a noun ('de verschillen'), not a verb at the clause's end.
_DETERMINERS_NL = _wordset("de het een die dat deze dit zijn haar hun mijn onze jouw elke alle geen veel enkele "
                           "twee drie vier vijf")
# Dutch modals and auxiliaries that send the infinitive to the clause's end ('Fastned wil … ophalen').
_MODALS_NL = _wordset("wil willen wilde wilden kan kunnen kon konden moet moeten moest moesten gaat gaan ging "
                      "gingen zal zullen zou zouden mag mogen mocht blijft blijven")
# Finite verbs a word's lemma does not reveal (the lemma of 'staat' is the noun 'staat').
_VERBS = {
    "nl": _wordset("is was zijn waren heeft hebben had hadden wordt worden werd werden zal zullen kan kunnen "
                   "moet moeten wil willen gaat gaan komt komen staat staan zit ligt blijft"),
    "en": _wordset("is are was were has have had will would can could may might must shall should does did do "
                   "says said gets got makes made"),
}
# Function words a clause may end on: 'hanged himself', 'ontmoetten elkaar'.
_OBJECT_PRONOUNS = _wordset("himself herself itself themselves him her them us me it hem haar hen hun zich "
                            "zichzelf elkaar mij ons")
# Reporting verbs: what they report needs a verb of its own ('police said Gaetano Lo Presti' is no clause).
_SAYS = re.compile(r"(?<!\w)(?:said|says|told|announced|reported|zegt|zei|zeggen|zeiden|meldt|meldde|liet weten"
                   r"|laat weten|verklaarde|kondigde)(?!\w)", re.IGNORECASE)
# An insertion between dashes or brackets (open to the end of a cut prefix).
_INSERTION = re.compile(r"\s[-–—]\s.*?(?:\s[-–—]\s|$)|\([^)]*(?:\)|$)")
# Where a relative or complement clause begins: the main clause's verb must come before it.
_RELATIVE = re.compile(r"(?<!\w)(?:that|which|who|whose|die|dat|wat|waar|wiens)(?!\w)", re.IGNORECASE)
# Openers that can go without breaking what follows ('But the casting…' → 'The casting…'); not 'En ook'.
_TRIMMABLE = re.compile(r"^(?:but|and|so|yet|maar|en)\s+(?!ook\b|also\b)(?=\w)", re.IGNORECASE)
# Words after which an English verb stands bare and wants its object ('Chris Weitz will take').
_BARE_VERB_BEFORE = _wordset("will would can could may might must shall should to did does do")
# Participles whose phrase is the news: 'was named | as host', 'was sentenced | to life'.
_NEEDS_COMPLEMENT = _wordset("named called considered described appointed elected chosen seen expected set "
                             "scheduled made found declared voted tapped picked selected hired sentenced "
                             "charged accused convicted cleared given handed sent moved taken put known "
                             "regarded listed ranked nominated")
# Verbs whose preposition belongs to them: cutting before it strands the verb ('kan rekenen | op steun').
_PREPOSITIONAL_VERBS: dict[str, frozenset[tuple[str, str]]] = {
    "nl": frozenset({("rekenen", "op"), ("wachten", "op"), ("reageren", "op"), ("letten", "op"), ("hopen", "op"),
                     ("wijzen", "op"), ("denken", "aan"), ("werken", "aan"), ("twijfelen", "aan"),
                     ("zorgen", "voor"), ("kiezen", "voor"), ("pleiten", "voor"), ("waarschuwen", "voor"),
                     ("stemmen", "voor"), ("stemmen", "tegen"), ("vechten", "tegen"), ("protesteren", "tegen"),
                     ("beschikken", "over"), ("praten", "over"), ("spreken", "over"), ("spreken", "met"),
                     ("beslissen", "over"), ("klagen", "over"), ("gaan", "over"), ("bestaan", "uit"),
                     ("afhangen", "van"), ("houden", "van"), ("afzien", "van"), ("leiden", "tot"),
                     ("behoren", "tot"), ("besluiten", "tot"), ("overgaan", "tot"), ("lijden", "aan"),
                     ("deelnemen", "aan"), ("meedoen", "aan"), ("bijdragen", "aan"), ("vragen", "om"),
                     ("gaan", "om"), ("beginnen", "met"), ("stoppen", "met"), ("instemmen", "met")}),
    "en": frozenset({("rely", "on"), ("depend", "on"), ("focus", "on"), ("insist", "on"), ("count", "on"),
                     ("look", "at"), ("aim", "at"), ("wait", "for"), ("call", "for"), ("ask", "for"),
                     ("account", "for"), ("apply", "for"), ("search", "for"), ("vote", "for"), ("vote", "against"),
                     ("protest", "against"), ("deal", "with"), ("comply", "with"), ("agree", "with"),
                     ("result", "in"), ("participate", "in"), ("believe", "in"), ("invest", "in"),
                     ("lead", "to"), ("refer", "to"), ("listen", "to"), ("belong", "to"), ("respond", "to"),
                     ("consist", "of"), ("approve", "of"), ("think", "about"), ("talk", "about"),
                     ("worry", "about"), ("care", "about"), ("know", "about"), ("check", "into"),
                     ("look", "into"), ("survive", "after")}),
}
# English auxiliaries: a clause cannot end on one, and an '-ing' word after one is no participle clause.
_AUXILIARIES = _wordset("is are was were be been being am has have had will would can could may might must "
                        "shall should do does did")
_TIME_WORDS = _wordset("monday tuesday wednesday thursday friday saturday sunday yesterday today tonight "
                       "earlier")
# Words before which an English '-s' word is a plural noun, not a verb ('dozens of people').
_NOUN_CONTEXT = _wordset("the a an of in on at for with from by to this that these those his her its their our "
                         "some many two three four five six seven eight nine ten dozens")


@dataclass
class Phrase:
    """A label phrase and its source: article id and sentence index (-1: the title) and that
    sentence's character span in ``Article.text`` (None for a title)."""

    text: str
    kind: str
    article: str
    sentence: int
    start: int | None
    end: int | None
    score: float


def _words(text: str) -> list[str]:
    """Word tokens of ``text`` (letters/digits with inner hyphens, apostrophes or dots)."""
    return _WORD.findall(text)


def _balanced(text: str) -> bool:
    """Whether double quotes and brackets in ``text`` are closed (a cut must not open a quote)."""
    doubles = sum(text.count(q) for q in "\"") + abs(text.count("\u201c") - text.count("\u201d"))
    doubles += abs(text.count("\u201e") - text.count("\u201d")) if "\u201e" in text else 0
    if len(_OPEN_SINGLE.findall(text)) > len(_CLOSE_SINGLE.findall(text)):
        return False  # an opened single quote ("'Hij is een aparte figuur") never closes
    return doubles % 2 == 0 and text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _tidy(text: str) -> str:
    """Strip trailing punctuation and stray single quotes; capitalise the first letter."""
    text = text.strip().rstrip(_TRAILING).rstrip()
    opened = _OPEN_SINGLE.search(text) is not None
    if text[-1:] in _SINGLE_QUOTES and not opened:
        text = text[:-1].rstrip(_TRAILING).rstrip()
    if text[:1] in _SINGLE_QUOTES and not _CLOSE_SINGLE.search(text[1:]):
        text = text[1:].lstrip()
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _ends_well(text: str, language: str) -> bool:
    """A cut clause must not end on a function word ('de', 'the', 'and') nor open a quote or bracket."""
    words = _words(text)
    if len(words) < MIN_WORDS or not _balanced(text):
        return False
    last = words[-1].casefold()
    if last in _OBJECT_PRONOUNS or (language == "nl" and last in _VERBS["nl"]):
        return True  # Dutch clauses end on their verb: 'omdat hij ziek is'
    if language == "en" and last in _AUXILIARIES:
        return False
    return not (is_stopword(last, language) or last in _PREPOSITIONS[language])


def _verb_final(text: str) -> bool:
    """Dutch: whether the clause plausibly ends on its verb ('… te steunen', '… heeft gekregen'), so a
    trailing prepositional phrase can go without stranding a participle or particle."""
    words = [w.casefold() for w in _words(text)]
    if len(words) < 2 or "," in text:  # after a comma the last word may be an insertion's ('…, verspreid')
        return False
    if words[-2] == "te":
        return True
    last = words[-1]
    if words[-2] in _DETERMINERS_NL or not last.endswith(("en", "d", "t")):
        return False
    lemma = lemmatize(last, "nl")
    if _PARTICIPLE.match(last) and lemma != last and lemma.endswith("n"):
        return True  # '… heeft ademruimte gekregen'
    return lemma == last and last.endswith("en") and any(w in _MODALS_NL for w in words[:-1])


def _may_drop_phrase(prefix: str) -> bool:
    """English: a trailing prepositional phrase may go unless the word before it is a participle
    that needs it ('has checked into', 'diamonds valued at'): then the cut strands it."""
    words = [w.casefold() for w in _words(prefix)]
    if len(words) < 4 or words[-2] in _BARE_VERB_BEFORE:
        return False
    if words[-1] in _NEEDS_COMPLEMENT:
        return False
    if words[-1].endswith("ed") and words[-2] in ("is", "are", "was", "were", "be", "been", "being"):
        return True  # a passive: 'were arrested | in the fatal shooting'
    return not (words[-1].endswith("ed") and _has_verb(" ".join(words[:-1]), "en"))


def _takes(prefix: str, preposition: str, language: str) -> bool:
    """Whether the verb ending ``prefix`` governs ``preposition`` ('rekenen op', 'rely on'), so the phrase
    after it cannot go."""
    words = _words(prefix)
    if not words:
        return False
    lemma = lemmatize(words[-1].casefold(), language)
    return (lemma, preposition) in _PREPOSITIONAL_VERBS[language]


@lru_cache(maxsize=32_768)
def _has_verb(text: str, language: str) -> bool:
    """Whether the main clause of a cut prefix (before any relative clause) seems to hold a verb:
    a cut at a comma must not leave a bare noun phrase ('Mark Vinar, an Australian climber')."""
    core = _RELATIVE.split(text, maxsplit=1)[0]
    words = _words(core)
    for k, w in enumerate(words):
        if k and w.casefold() in _SUBORDINATORS[language]:
            words = words[:k]  # the main clause's verb comes before 'after …', 'omdat …'
            break
    for k, word in enumerate(words):
        if k and word[:1].isupper():
            continue  # names
        low = word.casefold()
        if low in _VERBS[language]:
            return True
        if is_stopword(low, language) or k == 0:
            continue  # the first word is the subject's ('Armed robbers …'), not the verb
        lemma = lemmatize(low, language)
        if language == "nl":
            if _ADJECTIVAL.match(low):
                continue
            if lemma.endswith("n") and (lemma != low or low.endswith("en")):
                return True
        elif low.endswith("s") and lemma == low[:-1]:
            if 0 < k < len(words) - 1 and words[k - 1].casefold() not in _NOUN_CONTEXT \
                    and not words[k - 1][:1].isdigit():
                return True  # 'Sudan bombs Yida', not 'dozens of people' nor 'armed robbers'
        elif lemma != low or (low.endswith("ed") and len(low) > 4):
            return True
    return False


def _complete(prefix: str, language: str) -> bool:
    """Whether a cut prefix reads as a clause: ends well, has a verb, is no apposition ('Lo Presti, 52')
    and what a reporting verb introduces has a verb of its own."""
    if not _ends_well(prefix, language) or re.search(r",\s*\d+$", prefix):
        return False
    if not _has_verb(_INSERTION.sub(" ", prefix), language):
        return False  # 'Armed robbers - some disguised as women': the insertion is not the clause
    segments = prefix.split(",")
    head = _words(segments[0])
    if len(segments) == 2 and head and head[-1][:1].isupper() and not _has_verb(segments[0], language):
        return False  # 'Hugh Jackman, the Australian actor known …': an apposition that never closes
    said = _SAYS.search(prefix)
    if said is None:
        return True
    tail = prefix[said.end():]
    return not _words(tail) or _has_verb(tail, language)


@lru_cache(maxsize=32_768)  # a story's labels are redone whenever it grows: its leads come back
def shorten(text: str, language: str | None) -> tuple[str, float] | None:
    """One clause of ``text`` of at most MAX_WORDS words and how much the cut cost (1 = whole), or
    None when no safe cut gives one. Datelines, kickers and trailing attributions go first."""
    lang = language if language in ("nl", "en") else "en"
    text = _SPACES.sub(" ", text).strip()
    cleaned = _KICKER.sub("", _DATELINE.sub("", text, count=1), count=1)
    if cleaned != text:  # 'Politie: man doodgestoken' → 'Man doodgestoken'
        cleaned = cleaned[:1].upper() + cleaned[1:]
    text = cleaned
    if not text or text.rstrip().endswith("?") or _WEB.search(text):
        return None
    context = 1.0
    trimmed = _TRIMMABLE.sub("", text, count=1)
    if trimmed != text:
        text, context = trimmed[:1].upper() + trimmed[1:], CONTEXT_TRIM
    if not (text[:1].isupper() or text[:1].isdigit() or (text[:1] in _QUOTES + _SINGLE_QUOTES and text[1:2].isalnum())):
        return None  # starts mid-sentence (a bad split) or with stray punctuation
    stripped = _ATTRIBUTION.sub("", text)
    if stripped != text and len(_words(stripped)) >= MIN_WORDS and _balanced(stripped):
        text = stripped
    body = text.rstrip(_TRAILING + _SINGLE_QUOTES + _QUOTES + " ")
    n = len(_words(body))
    if MIN_WORDS <= n <= MAX_WORDS and _balanced(text):
        return _tidy(text), WHOLE * context
    if n < MIN_WORDS:
        return None
    first = (_words(text)[:1] or [""])[0].casefold()
    if first in _DEPENDENT_OPENERS[lang] or _FRONT_ATTRIBUTION.match(text):
        return None  # the main clause is further on: no prefix of this sentence stands alone
    best: tuple[str, float] | None = None
    words_seen = 0
    for m in _WORD.finditer(text):
        words_seen += 1
        if words_seen > MAX_WORDS + 1:
            break
        pos = m.start()
        prefix = text[:pos].rstrip()
        if words_seen - 1 < MIN_WORDS:
            continue
        before = text[:pos]
        word = m.group().casefold()
        quality = 0.0
        if re.search(r"(?:[,;:]|\s[-–—])\s*[\"'\u201c\u2018]?$", before) or word in _SUBORDINATORS[lang]:
            quality = CLAUSE
        elif word in _PREPOSITIONS[lang] and (_verb_final(prefix) if lang == "nl" else _may_drop_phrase(prefix)) \
                and not _takes(prefix, word, lang):
            quality = PHRASE
        elif lang == "en" and word in _TIME_WORDS and _may_drop_phrase(prefix):
            quality = PHRASE  # 'announced major changes | Thursday to the Act'

        if quality and _complete(prefix.rstrip(_TRAILING), lang):
            best = (_tidy(prefix), quality * context)
    return best


# A title's sentence end: a stop, then a capital or a quote (an initial, 'Ruben L. Oppenheimer', is no end).
_TITLE_BREAK = re.compile(r"[.!?]['\"\u2019\u201d]?\s+(?=[A-ZÀ-Þ'\"\u2018\u201c])")
_GLUED_TAIL = re.compile(r"[.!?]\s+[^\W\d]+(?:\s[^\W\d]+)?$")
_INITIAL = re.compile(r"(?:^|[\s.])(?:[A-ZÀ-Þ]|Corp|Inc|Ltd|Co|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Gen|Lt|Col|Prof|"
                      r"Dhr|Mevr|Mr|Drs|Ir|Ing|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|No|Nr|vs|ca)$")


def first_title_sentence(title: str) -> str:
    """A title without what feeds glue to it: 'Noodlanding Boeing 737 MAX 8. Orlando' (a section
    name after the headline) → its first sentence, when that has MIN_WORDS words."""
    title = _SPACES.sub(" ", title).strip()
    for m in _TITLE_BREAK.finditer(title):
        head = title[:m.start()]
        if _INITIAL.search(head) or not _balanced(title[:m.end()]):
            continue
        if len(_words(head)) >= MIN_WORDS:
            return title[:m.end()].rstrip()
        break
    tail = _GLUED_TAIL.search(title)  # 'Laurence met 'Arcade' naar Songfestival. personalia'
    if tail and len(_words(title[:tail.start()])) >= MIN_WORDS and not _INITIAL.search(title[:tail.start()]):
        return title[:tail.start() + 1]
    return title


def _names(item: AnalyzedArticle) -> dict[int, dict[str, str]]:
    """An article's name surfaces ('Sotsji') mapped to their vector terms ('@sochi'), per sentence
    index; key -1 holds every surface (for the title)."""
    out: dict[int, dict[str, str]] = {-1: {}}
    for m in item.analysis.mentions:
        if m.text and len(m.text) > 1:
            term = "@" + name_key(m.key or m.text)
            out.setdefault(m.sentence, {}).setdefault(m.text, term)
            out[-1].setdefault(m.text, term)
    return out


def _value(text: str, language: str | None, names: dict[str, str], weights: dict[str, float]) -> float:
    """Distinctive weight the clause carries: its content lemmas and names, each counted once (summed
    exactly: a set's order follows the string-hash seed, and two titles of the same words must tie
    in every run, not by the last bit)."""
    terms = set(content_lemmas(text, language))
    terms.update(term for surface, term in names.items() if surface in text)
    return math.fsum(weights.get(t, 0.0) for t in terms)


def _opens_with_context(text: str, language: str | None) -> bool:
    """Whether the clause opens with a pronoun or connective that points back ('Hij …', 'Ook …')."""
    first = (_words(text)[:1] or [""])[0].casefold()
    return first in _CONTEXT_OPENERS["nl" if language == "nl" else "en"]


def best_phrase(members: Sequence[AnalyzedArticle], weights: dict[str, float]) -> Phrase | None:
    """The candidate title or lead clause with the highest score (see module doc), or None when no
    title or lead sentence gives a usable clause (the caller then labels with keywords)."""
    best: Phrase | None = None
    tried = 0
    for item in members:
        if tried >= MAX_CANDIDATES:
            break
        lang = item.analysis.language
        names: dict[int, dict[str, str]] | None = None
        places: list[tuple[str, int, int | None, int | None, float]] = []
        title = first_title_sentence(item.article.title or "")
        if title:
            places.append((title, -1, None, None, TITLE_PRIOR))
        lead = [s for s in item.analysis.sentences if not s.foreign][:LEAD_SENTENCES]
        places += [(s.text, s.index, s.start, s.end, POSITION_PRIOR[min(k, len(POSITION_PRIOR) - 1)])
                   for k, s in enumerate(lead) if len(s.text) >= MIN_SENTENCE_CHARS]
        for text, index, start, end, prior in places:
            tried += 1
            cut = shorten(text, lang)
            if cut is None:
                continue
            clause, quality = cut
            if names is None:
                names = _names(item)
            value = _value(clause, lang, names.get(index, {}), weights)
            if value <= 0.0:
                continue
            score = value * prior * quality / len(_words(clause)) ** LENGTH_EXPONENT
            if not _has_verb(clause, "nl" if lang == "nl" else "en"):
                # A verbless sentence is a subhead or caption; a verbless headline says less than one with a verb.
                score *= VERBLESS_TITLE if index < 0 else VERBLESS_PENALTY
            if _opens_with_context(clause, lang):
                score *= CONTEXT_PENALTY
            if clause[:1] in _QUOTES + _SINGLE_QUOTES:
                score *= QUOTE_PENALTY
            if best is None or score > best.score:
                best = Phrase(clause, "title" if index < 0 else "sentence", item.id, index, start, end, score)
    if best is not None and not math.isfinite(best.score):
        return None
    return best
