"""Text normalisation at the door: NFC, line endings, paragraphs, boilerplate lines set aside (layer 2).

Curly quotes stay in the text (``model.straighten_quotes`` normalises them where needed); Penn
Treebank quotes (two backticks, then two apostrophes: LDC newswire) become plain double quotes.
Boilerplate lines — photo credits and captions, embedded tweets, adblock and cookie notices,
"Lees ook:" links, bylines — are removed from the body and returned separately, so nothing is
lost and later stages never quote a photo credit as a fact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Agencies and credit words that end a photo caption ("… in Sotsji. Beeld EPA").
_CREDIT_WORD = r"(?:Beeld|Foto|Foto's|Fotografie|Photo|Image|Afbeelding|Video|Illustratie|Bron\s+foto)"
# A credit: up to six words ("EPA", "Hollandse Hoogte / Jan de Vries"). Possessive quantifiers keep
# matching linear: a word cannot be re-split into smaller words when the line turns out not to match.
_CREDIT_WORDS = r"[A-Z©][\w.&'’-]*+(?:(?:[ \t]*+[/|,&][ \t]*+|[ \t]++)[A-Za-z©][\w.&'’-]*+){0,5}"

_PHOTO_CREDIT = re.compile(
    rf"^(?:{_CREDIT_WORD}\s*:?\s+{_CREDIT_WORDS}|©\s*\S.{{0,60}}|\(?(?:{_CREDIT_WORD})\s*:\s*[^)]{{1,60}}\)?)$"
)
_CAPTION_WITH_CREDIT = re.compile(
    rf"^.{{3,400}}?[.!?)'’\"”]\s+(?:{_CREDIT_WORD}\s*:?\s+{_CREDIT_WORDS}|©\s*\w[^.!?]{{0,60}}"
    rf"|\((?:{_CREDIT_WORD})\s*:?\s*[^)]{{1,60}}\))\s*$"
)
_CREDIT_HINTS = ("Beeld", "Foto", "Photo", "Image", "Afbeelding", "Video", "Illustratie", "Bron", "©")
_TWEET_SIGNATURE = re.compile(r"[—–-]\s*[^\n()]{1,80}\(@\w{1,15}\)\s*(?:\S.{0,40})?$")
_TWEET_LINK = re.compile(r"pic\.twitter\.com/\w+|(?:twitter|x)\.com/\w{1,15}/status/\d+")
_NOTICE = re.compile(
    r"^(?:.{0,120}\b(?:je|jij|u|uw|you|your)\b.{0,60}\bad-?\s?blocker"
    r"|.{0,120}\bad-?\s?blocker\b.{0,60}\b(?:je|jij|u|uw|you|your)\b"
    r"|(?:lees|bekijk|kijk|luister)\s+(?:ook|meer|verder|hier)\b|zie\s+ook\b"
    r"|(?:read|see|watch)\s+(?:also|more)\b\s*:?"
    r"|also\s+read\s*:"
    r"|(?:deel|delen)\s+(?:dit\s+artikel|via)\b"
    r"|share\s+(?:this|on)\b"
    r"|(?:advertentie|advertisement|gesponsord|sponsored(?:\s+content)?)\s*$"
    r")",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_ACTION = re.compile(
    r"\b(?:accepte\w*|toestemming|akkoord|instellingen|voorkeuren|accept\w*|consent|settings|preferences|privacy)\b",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w.'’-]*"
_PARTICLE = r"(?:van|de|der|den|het|ter|ten|te|in|'t|von|da|di|du|le|la|el)"
_BYLINE = re.compile(
    rf"^(?:Door|By|Tekst|Text)\s*:?\s+(?P<name>{_NAME}(?:\s+(?:{_PARTICLE}\s+)*{_NAME}){{0,3}}"
    rf"(?:\s*(?:,|en|and|&)\s+{_NAME}(?:\s+(?:{_PARTICLE}\s+)*{_NAME}){{0,3}})?)\s*$"
)
_STAFF_BYLINE = re.compile(
    r"^(?:van\s+(?:onze|een\s+onzer|onze\s+eigen)\s+(?:\w+\s+)?(?:correspondent(?:e|en)?|verslaggever(?:s)?|verslaggeefster(?:s)?|"
    r"redacteur(?:en)?|redactie|medewerker(?:s)?)|from\s+our\s+(?:\w+\s+)?(?:correspondent|reporter|staff))\b[^.!?]{0,60}$",
    re.IGNORECASE,
)
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


@dataclass
class CleanText:
    """A body split into the text to analyse and the boilerplate lines set aside (in input order)."""

    text: str
    boilerplate: list[str] = field(default_factory=list)
    author: str | None = None


CAPTION_MAX = 500  # characters: longer lines are never taken for a photo caption


def boilerplate_kind(line: str) -> str | None:
    """Name the kind of boilerplate a single line is ('photo credit', 'tweet', …) or None for content."""
    stripped = line.strip()
    if not stripped:
        return None
    if len(stripped) <= 80 and _PHOTO_CREDIT.match(stripped):
        return "photo credit"
    # A caption is a line or two; a paragraph-long line is content (and skipping it keeps ingest fast).
    if len(stripped) <= CAPTION_MAX and any(hint in stripped for hint in _CREDIT_HINTS) \
            and _CAPTION_WITH_CREDIT.match(stripped):
        return "photo caption"
    has_link = ("twitter.com/" in stripped or "x.com/" in stripped) and _TWEET_LINK.search(stripped)
    if has_link or ("(@" in stripped and len(stripped) <= 600 and _TWEET_SIGNATURE.search(stripped)):
        return "tweet"
    if len(stripped) <= 300 and _NOTICE.match(stripped):
        return "notice"
    if len(stripped) <= 400 and _COOKIE.search(stripped) and _COOKIE_ACTION.search(stripped):
        return "cookie notice"
    if len(stripped) <= 80 and (_BYLINE.match(stripped) or _STAFF_BYLINE.match(stripped)):
        return "byline"
    return None


def normalize_text(raw: str) -> CleanText:
    """NFC, unified line endings, paragraphs kept (one blank line between), boilerplate set aside."""
    if not unicodedata.is_normalized("NFC", raw):
        raw = unicodedata.normalize("NFC", raw)
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    raw = _plain_treebank_quotes(raw.replace("\ufeff", "").replace("\x00", ""))
    kept: list[str] = []
    boilerplate: list[str] = []
    author: str | None = None
    for line in raw.split("\n"):
        kind = boilerplate_kind(line)
        if kind is None:
            kept.append(line.rstrip())
            continue
        boilerplate.append(line.strip())
        if kind == "byline" and author is None:
            m = _BYLINE.match(line.strip())
            author = m["name"] if m else None
    text = _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip()
    return CleanText(text=text, boilerplate=boilerplate, author=author)


def _plain_treebank_quotes(text: str) -> str:
    """Newswire written the Penn Treebank way (``like this'', as LDC and DUC ship it) gets plain double
    quotes, the marks labels and summaries know how to balance: no label ends on a stray ''."""
    if "``" not in text:
        return text
    return text.replace("``", '"').replace("''", '"')


def clean_inline(value: object) -> str | None:
    """A short metadata field (title, outlet, author) as one NFC line, or None when empty."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    if not text:
        return None
    return unicodedata.normalize("NFC", text) if not unicodedata.is_normalized("NFC", text) else text


def language_code(value: str | None) -> str | None:
    """'nl-NL' / 'NL' / 'nl_BE' → 'nl' (the primary subtag, lower case); None when empty."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return code or None
