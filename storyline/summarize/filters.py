"""Which source sentences may enter a summary, and what they need around them.

Boilerplate (photo credits and captions, embedded tweets, bylines, "lees ook", cookie and
adblock notices, subheads and headlines without sentence punctuation, short fragments) is
never a candidate. Sentences that open with a connective ("Ook zei hij…", "He also…") or a
pronoun need their antecedent: a removable connective is trimmed ("Maar nu…" → "Nu…"), the
rest are flagged so selection demotes them and ordering keeps them after their antecedent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_WORDS = 6  # shorter sentences are fragments, subheads or captions, not summary sentences

_PHOTO = re.compile(
    r"(?:^|[\s(|])(?:foto|beeld|photo|image|afbeelding|illustratie|video|copyright)\s*:?\s*"
    r"(?:[A-Z][\w.&-]*|©)(?:\s*[/|]\s*\S+)?\s*\)?\s*$"
    r"|\((?:photo|foto|beeld)[^)]*\)|©|\bgetty images\b|\bphoto credit\b|\bap photo\b",
    re.IGNORECASE,
)
_PHOTO_MARKS = ("foto", "beeld", "photo", "image", "afbeelding", "illustratie", "video", "copyright", "\u00a9",
                "getty")
_NOTICE_MARKS = ("cookie", "adblock", "ad blocker", "advertentie", "javascript", "nieuwsbrief", "newsletter",
                 "abonne", "abonnement", "subscri", "sign up", "inloggen", "log in", "privacy", "rights reserved",
                 "rechten voorbehouden")
_TWEET = re.compile(r"pic\.twitter\.com|twitter\.com/|\(@\w+\)|^\s*[—–-]\s*.*@\w+|t\.co/", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.\w", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\s*(?:door|by|van onze|from our|redactie|bron|source|geschreven door|written by|tekst|text)\b[\s:]",
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^\s*(?:lees (?:ook|meer|verder|hier)|read (?:more|also|next)|bekijk (?:ook|hier|de video)|kijk ook"
    r"|meer over|zie ook|see also|related|gerelateerd|luister (?:ook|hier)|watch|also read)\b",
    re.IGNORECASE,
)
_NOTICE = re.compile(
    r"\b(?:cookies?|adblock\w*|ad blocker|advertenties?|javascript|nieuwsbrief|newsletter|abonnee\w*"
    r"|abonnement\w*|subscribe\w*|subscription|sign up|inloggen|log in to|privacy ?(?:policy|beleid)"
    r"|all rights reserved|alle rechten voorbehouden)\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!\u2026][\"'\u201d\u2019\u00bb)\]]*\s*$|[\"'\u201d\u2019\u00bb]\s*$")
# A trailing attribution: ", officials said." / ", the agency reported Monday." / ", aldus Blok." / ", zei hij."
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:said|says|according to|aldus|zegt|zei|zeggen|zeiden|meldt|meldde)\b[^,;:\"'\u201d]{0,60}"
    r"|[^,;:\"'\u201d]{1,60}?\s(?:said|says|announced|reported|told (?:reporters|the \w+)|added|stated|noted"
    r"|zegt|zei|zeggen|zeiden|meldt|meldde|liet weten|verklaarde)(?:\s+(?:on\s+)?(?:monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|today|yesterday|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag"
    r"|zondag|vandaag|gisteren))?)\s*(?=[.!]$)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")

# Openers that can be dropped without breaking the grammar of what follows.
_TRIMMABLE = re.compile(
    r"^\s*(?:(?:but|and|so|yet)\s+(?!also\b)|(?:however|meanwhile|moreover|furthermore|in addition|also"
    r"|still|besides|additionally|nevertheless|in fact|indeed|instead)\s*,\s*"
    r"|(?:maar|en)\s+(?!ook\b)|(?:echter|ondertussen|intussen|bovendien|daarnaast|verder|tevens)\s*,\s*)",
    re.IGNORECASE,
)
# Openers that point back to something said before (and in Dutch invert the verb, so they stay).
_CONNECTIVE: dict[str, frozenset[str]] = {
    "nl": frozenset("""ook daarnaast bovendien verder tevens eveneens daarom daardoor daarmee daarbij daarop
        daarna toch desondanks echter zo dus hierdoor hiermee hierbij evenmin wel nochtans
        ondertussen intussen vervolgens tenslotte ten slotte dan anderzijds""".split()),  # noqa: SIM905
    "en": frozenset("""also moreover furthermore however but and meanwhile still yet besides additionally instead
        then thus therefore hence nevertheless nonetheless likewise similarly otherwise so
        afterwards later""".split()),  # noqa: SIM905
}
_PRONOUN: dict[str, frozenset[str]] = {
    "nl": frozenset("""hij zij ze zijn haar hun hen hem diens dat die dit deze daar hierover daarover""".split()),  # noqa: SIM905
    "en": frozenset("""he she it they his her its their them this that these those there such""".split()),  # noqa: SIM905
}


@dataclass(frozen=True)
class Verdict:
    """What a sentence may be in a summary: ``ok``; the text to use (``start``/``end`` offsets into the
    sentence after trimming); whether it needs its antecedent (connective or pronoun opener)."""

    ok: bool
    reason: str = ""
    start: int = 0
    end: int = 0
    needs_antecedent: bool = False
    not_first: bool = False  # "Poetin sprak ook…": fine after other sentences, odd as the opener


def words(text: str) -> list[str]:
    """Word tokens of ``text`` (letters/digits with inner hyphens or apostrophes)."""
    return _WORD.findall(text)


def boilerplate_reason(text: str, strict_punctuation: bool = True) -> str:
    """Why ``text`` is boilerplate or a fragment ('' when it is a proper sentence).

    ``strict_punctuation`` rejects lines without sentence-final punctuation (subheads, headlines);
    it is relaxed for stories whose articles have no sentence punctuation at all.
    """
    lower = text.lower()
    n = len(text.split())
    if n < MIN_WORDS + 3:  # near the limit, count real words (not dashes or quotes)
        n = len(words(text))
    # cheap substring gates first: most sentences contain none of the markers
    if ("twitter" in lower or "@" in lower or "t.co/" in lower) and _TWEET.search(text):
        return "embedded tweet"
    if ("http" in lower or "www." in lower) and _URL.search(text):
        return "link"
    if any(k in lower for k in _PHOTO_MARKS) and _PHOTO.search(text):
        return "photo credit"
    if n <= 25 and _READ_MORE.search(text):
        return "read-more link"
    if n <= 10 and _BYLINE.search(text):
        return "byline"
    if any(k in lower for k in _NOTICE_MARKS) and _NOTICE.search(text):
        return "site notice"
    if n < MIN_WORDS:
        return "fragment"
    stripped = text.rstrip()
    if stripped.endswith("?"):
        return "question"
    if strict_punctuation and not _TERMINAL.search(stripped):
        return "no sentence punctuation"
    if stripped.endswith(":"):
        return "introduces a list"
    return ""


def judge(text: str, language: str | None, strict_punctuation: bool = True) -> Verdict:
    """Decide whether ``text`` (one source sentence) may be a summary sentence and how to trim it."""
    reason = boilerplate_reason(text, strict_punctuation)
    if reason:
        return Verdict(False, reason)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    m = _TRIMMABLE.match(text[start:])
    if m and len(text[start + m.end():end].split()) >= MIN_WORDS:
        start += m.end()
    m = _ATTRIBUTION.search(text[start:end])
    if m and text[start:end][: m.start()].count('"') % 2 == 0 and len(text[start:start + m.start()].split()) >= MIN_WORDS:
        end = start + m.start()
    opening = text[start:min(end, start + 100)]  # the first words decide the discourse flags
    first = words(opening)[:1]
    head = first[0].lower() if first else ""
    lang = language if language in _CONNECTIVE else None
    connectives = _CONNECTIVE[lang] if lang else _CONNECTIVE["nl"] | _CONNECTIVE["en"]
    pronouns = _PRONOUN[lang] if lang else _PRONOUN["nl"] | _PRONOUN["en"]
    needs = head in connectives or head in pronouns or _inverted_pronoun(opening, lang)
    return Verdict(True, "", start, end, needs, needs or _mentions_also_early(opening, lang))


_SUBJECT_PRONOUNS = {"nl": frozenset({"hij", "zij", "ze", "zijn", "diens"}),
                     "en": frozenset({"he", "she", "they", "his", "their"})}


def _inverted_pronoun(text: str, language: str | None) -> bool:
    """'In een adem steunde hij…', 'Vlak na zijn toespraak…': a (possessive) pronoun among the first
    words, before any name, points back to someone named earlier."""
    pronouns = _SUBJECT_PRONOUNS.get(language or "", _SUBJECT_PRONOUNS["nl"] | _SUBJECT_PRONOUNS["en"])
    for k, w in enumerate(words(text)[:6]):
        if k > 0 and w[:1].isupper():
            return False
        if k > 0 and w.lower() in pronouns:
            return True
    return False


def _mentions_also_early(text: str, language: str | None) -> bool:
    """'He also said…', 'Poetin zei verder…': an additive adverb among the first few words."""
    head = [w.lower() for w in words(text)[:5]]
    adverbs = {"also", "too"} if language == "en" else {"ook", "verder", "eveneens", "tevens"}
    if language is None:
        adverbs = {"also", "ook", "verder", "eveneens", "tevens"}
    return any(w in adverbs for w in head[1:4])


def trimmed_text(text: str, verdict: Verdict) -> str:
    """The sentence as it appears in the summary: trimmed, first letter capitalised after a trim."""
    out = text[verdict.start:verdict.end]
    if verdict.end < len(text.rstrip()):
        out = out.rstrip() + "."
    if verdict.start > len(text) - len(text.lstrip()) and out[:1].islower():
        out = out[0].upper() + out[1:]
    return out
