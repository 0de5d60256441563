"""Plain data types that flow between the stages (see ARCHITECTURE.md).

Layer 1: imports nothing from storyline except errors. Every stage takes and returns these
dataclasses, so a stage can be tested with hand-built values and the store can persist them
as JSON (``to_dict`` / ``from_dict``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Precision = Literal["year", "month", "day", "minute"]
PRECISIONS: tuple[str, ...] = ("year", "month", "day", "minute")

_PARTIAL_DATE = re.compile(
    r"^\s*(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?\s*$"
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known only as precisely as the source says: 2020, 2020-09, 2020-09-14 or with a time.

    Missing parts are None; ``precision`` names the finest known part. Never invent a day.
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            import calendar

            if not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
                raise ValueError(f"day out of range: {self.year}-{self.month}-{self.day}")
        if self.hour is not None and (self.day is None or not 0 <= self.hour <= 23):
            raise ValueError(f"bad hour: {self.hour}")
        if self.minute is not None and (self.hour is None or not 0 <= self.minute <= 59):
            raise ValueError(f"bad minute: {self.minute}")

    @property
    def precision(self) -> Precision:
        if self.hour is not None:
            return "minute"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """ISO 8601 text at the known precision: '2020', '2020-09', '2020-09-14', '2020-09-14T10:05'."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        if self.hour is not None:
            out += f"T{self.hour:02d}:{(self.minute or 0):02d}"
        return out

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse a (partial) ISO 8601 string; raises ValueError with the reason when it is not one.

        Time zones are accepted and dropped (the local wall-clock time of the report is kept).
        """
        m = _PARTIAL_DATE.match(text or "")
        if not m:
            raise ValueError(f"not a (partial) ISO 8601 date: {text!r}")
        g = m.groupdict()
        return cls(
            int(g["y"]),
            int(g["m"]) if g["m"] else None,
            int(g["d"]) if g["d"] else None,
            int(g["H"]) if g["H"] else None,
            int(g["M"]) if g["M"] else None,
        )

    def sort_key(self) -> tuple[int, int, int, int, int]:
        """Key that sorts partial dates by their earliest possible moment."""
        return (self.year, self.month or 0, self.day or 0, self.hour or 0, self.minute or 0)


def normalize_for_hash(text: str) -> str:
    """Text as used for identity: NFC, curly quotes straightened, whitespace collapsed, casefolded."""
    text = straighten_quotes(unicodedata.normalize("NFC", text))
    return " ".join(text.split()).casefold()


_QUOTE_TABLE = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
     "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2032": "'", "\u2033": '"'}
)
_QUOTE_PAIRS: tuple[tuple[str, str], ...] = tuple((chr(k), str(v)) for k, v in _QUOTE_TABLE.items())


def straighten_quotes(text: str) -> str:
    """Replace curly/typographic quotes by ASCII ones (same length, so spans stay valid)."""
    # str.replace per present quote is ~100x faster than str.translate with a dict table on long text.
    for curly, straight in _QUOTE_PAIRS:
        if curly in text:
            text = text.replace(curly, straight)
    return text


def content_hash(text: str) -> str:
    """sha256 hex of the normalised text: equal for texts that differ only in layout or quote style."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One news report as read from an input, before analysis.

    ``text`` is the body without boilerplate lines (photo credits, embedded tweets, adblock
    notices); those are kept in ``boilerplate`` so nothing is lost. ``source`` says where it came
    from (path, URL, ``stdin``, ``file.jsonl:12``); ``external_id`` is the id the input gave
    (JSONL ``id``) or the file name, and is what users see in CLI output.
    """

    text: str
    title: str | None = None
    published: PartialDate | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    author: str | None = None
    source: str = ""
    external_id: str | None = None
    boilerplate: list[str] = field(default_factory=list)
    partial: bool = False
    fmt: str = "text"

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def id(self) -> str:
        """Stable id: hash of normalised title+text, plus URL or outlet when known (16 hex chars).

        Remembered with the fields it was computed from (compared by identity first, so a hit is
        cheap): the pipeline asks for it many times per article, and hashing costs ~0.1 ms."""
        fields = (self.title, self.text, self.url, self.outlet)
        cached = self.__dict__.get("_id")
        if cached is not None and cached[0] == fields:
            return cached[1]
        key = normalize_for_hash((self.title or "") + "\n" + self.text)
        extra = (self.url or "").strip() or (self.outlet or "").strip().casefold()
        value = hashlib.sha256((key + "\x00" + extra).encode("utf-8")).hexdigest()[:16]
        self.__dict__["_id"] = (fields, value)
        return value

    @property
    def label(self) -> str:
        """What to call this article in output: its input id, else outlet, else source."""
        return self.external_id or self.outlet or self.source or self.id

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.iso() if self.published else None
        d["id"] = self.id
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        if isinstance(kw.get("published"), str):
            kw["published"] = PartialDate.parse(kw["published"])
        return cls(**kw)


@dataclass(frozen=True)
class Rejected:
    """An input that could not be read, with where (path, optional line) and why, in words a user can act on."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


# ---------------------------------------------------------------------------------------------
# Text analysis (produced by storyline.text, pure functions). Every item points back to
# (sentence index, character span in Article.text).
# ---------------------------------------------------------------------------------------------

MentionType = Literal["PER", "LOC", "ORG", "MISC"]


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    language: str | None = None
    paragraph: int = 0
    foreign: bool = False  # an embedded line in another language than the article (e.g. a tweet)


@dataclass
class Mention:
    """A name in the text, typed, with a key that is equal for mentions of the same entity in the article."""

    sentence: int
    start: int
    end: int
    text: str
    type: MentionType
    key: str  # canonical form within the article, e.g. the full name 'Aleksandr Loekasjenko'
    head: str | None = None  # the surname/head word
    adjective: bool = False  # 'Russische' → Rusland


@dataclass
class Quantity:
    """A number with what it counts, normalised to a value and an interval [low, high].

    ``kind``: money | count | percent | duration | ordinal | number | age. ``unit``: ISO currency
    (EUR, USD, …) for money, '%' for percent ('pp' for percentage points), 's' (seconds) for
    durations, 'year' for ages ("66-jarige"), None otherwise.
    ``value`` is the point value when there is one; low/high carry qualifiers
    ("bijna duizend" → low 900, high 1000 exclusive-ish; "zeker 774" → low 774, high None).
    """

    sentence: int
    start: int
    end: int
    text: str
    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None = None
    qualifier: str | None = None  # exact | approx | at_least | more_than | at_most | less_than | almost | range | vague
    counts: str | None = None  # head noun/verb: 'demonstranten', 'lening'
    counts_lemmas: list[str] = field(default_factory=list)


@dataclass
class TimeExpr:
    """A time phrase resolved against the publication date with honest precision.

    ``value`` is the resolved partial date (None when it cannot be placed); ``weekday`` (0=Monday)
    is kept when the text names a day but the date is not known ("maandag" in a 2020-09 report:
    value 2020-09, weekday 0); ``part`` = early | mid | late for "begin/half/eind juli".
    ``description`` is a reader-facing phrase: "a Monday in September 2020".
    """

    sentence: int
    start: int
    end: int
    text: str
    value: PartialDate | None
    weekday: int | None = None
    part: str | None = None
    relative: bool = False
    description: str = ""


@dataclass
class Quote:
    sentence: int
    start: int
    end: int
    text: str  # the quoted words, without the quote marks
    speaker: str | None = None  # surface form, e.g. 'Tichanovskaja'
    speaker_key: str | None = None  # Mention.key of the speaker when resolved
    cue: str | None = None  # 'aldus', 'schreef ze', 'zei hij', ':'


@dataclass
class Analysis:
    """Everything text analysis knows about one article."""

    article_id: str
    language: str | None
    sentences: list[Sentence]
    lemmas: list[list[str]]  # per sentence, content lemmas (lowercase, stopwords removed)
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "language 'de' is not analysed"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for t in d["times"]:
            if t["value"] is not None:
                t["value"] = PartialDate(**t["value"]).iso()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Analysis:
        times = []
        for t in d.get("times", []):
            t = dict(t)
            if isinstance(t.get("value"), str):
                t["value"] = PartialDate.parse(t["value"])
            times.append(TimeExpr(**t))
        return cls(
            article_id=d["article_id"],
            language=d.get("language"),
            sentences=[Sentence(**s) for s in d["sentences"]],
            lemmas=d["lemmas"],
            mentions=[Mention(**m) for m in d.get("mentions", [])],
            quantities=[Quantity(**q) for q in d.get("quantities", [])],
            times=times,
            quotes=[Quote(**q) for q in d.get("quotes", [])],
            notes=list(d.get("notes", [])),
        )


@dataclass
class Entity:
    """One real-world entity across articles, with every surface variant seen."""

    id: str
    name: str
    type: MentionType
    variants: list[str]
    articles: list[str]
    adjectives: list[str] = field(default_factory=list)  # 'Russische', 'Wit-Russen': linked, not names


@dataclass
class AnalyzedArticle:
    article: Article
    analysis: Analysis

    @property
    def id(self) -> str:
        return self.article.id


# ---------------------------------------------------------------------------------------------
# Stories and what is said about them.
# ---------------------------------------------------------------------------------------------


@dataclass
class Event:
    """A happening inside a story: its articles, when it happened and a short label saying what.

    ``label_kind`` says where the label comes from: ``"sentence"`` (a clause of sentence
    ``label_source.sentence`` of article ``label_source.article``; start/end are that sentence's
    span in ``Article.text``), ``"title"`` (that article's title; ``sentence`` is -1, no span) or
    ``"keywords"`` (the event's most distinctive names, no single source: ``label_source`` None).
    """

    id: str
    label: str
    time: PartialDate | None
    articles: list[str]
    time_description: str = ""
    label_source: SourceRef | None = None
    label_kind: str = "keywords"

    def __post_init__(self) -> None:
        """Accept the JSON form of ``label_source`` (a dict) so stored stories load unchanged."""
        if isinstance(self.label_source, dict):
            src = self.label_source
            self.label_source = SourceRef(**{k: src.get(k) for k in ("article", "sentence", "start", "end")})


@dataclass
class Story:
    id: str
    title: str
    articles: list[str]  # article ids, in arrival order
    events: list[Event] = field(default_factory=list)
    duplicates: list[list[str]] = field(default_factory=list)  # groups; first id is the original
    events_base: int = 0  # articles the story had when its events were last split from scratch


@dataclass
class SourceRef:
    """One place in one article that supports something shown to the reader."""

    article: str
    sentence: int
    start: int | None = None
    end: int | None = None


# ---------------------------------------------------------------------------------------------
# Summaries (produced by storyline.summarize): extractive, every sentence cited.
# ---------------------------------------------------------------------------------------------


@dataclass
class SummarySentence:
    """One summary sentence: the text of source sentence ``sentence`` of article ``article``
    (a leading connective may be trimmed), with every place that states the same content.

    ``support`` lists one SourceRef per supporting article, the sentence's own article first.
    """

    text: str
    article: str
    sentence: int
    support: list[SourceRef] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        """Ids of the supporting articles, own article first, without repeats."""
        out: list[str] = []
        for ref in self.support or [SourceRef(self.article, self.sentence)]:
            if ref.article not in out:
                out.append(ref.article)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "article": self.article, "sentence": self.sentence,
                "articles": self.articles, "support": [asdict(r) for r in self.support]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SummarySentence:
        return cls(text=d["text"], article=d["article"], sentence=d["sentence"],
                   support=[SourceRef(**{k: v for k, v in r.items() if k in ("article", "sentence", "start", "end")})
                            for r in d.get("support", [])])


@dataclass
class Summary:
    """An extractive multi-document summary: a headline and cited sentences, in reading order."""

    headline: str
    sentences: list[SummarySentence]
    language: str | None = None
    headline_source: SourceRef | None = None

    @property
    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {"headline": self.headline, "language": self.language,
                "headline_source": asdict(self.headline_source) if self.headline_source else None,
                "summary": [s.to_dict() for s in self.sentences]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Summary:
        src = d.get("headline_source")
        return cls(headline=d["headline"], sentences=[SummarySentence.from_dict(s) for s in d.get("summary", [])],
                   language=d.get("language"), headline_source=SourceRef(**src) if src else None)


# ---------------------------------------------------------------------------------------------
# Facts side by side and the timeline (produced by storyline.facts and storyline.timeline).
# ---------------------------------------------------------------------------------------------

Verdict = Literal["conflict", "compatible", "agree", "single-source"]


@dataclass
class FactValue:
    """What one article says about a fact: the quoted surface text and its normalised value.

    ``value`` is a number (money in ``unit``, seconds for durations), an ISO date for dates, or
    the quoted words for quotes; [low, high] is the interval the wording allows (None = open).
    ``article`` is what users see (Article.label); ``article_id`` the stable Article.id.
    """

    article: str
    text: str
    value: float | str | None
    unit: str | None
    low: float | None
    high: float | None
    sentence: int
    start: int
    end: int
    article_id: str = ""
    qualifier: str | None = None
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "text": self.text, "value": self.value, "unit": self.unit,
                "low": self.low, "high": self.high, "sentence": self.sentence, "start": self.start,
                "end": self.end, "article_id": self.article_id, "qualifier": self.qualifier,
                "speaker": self.speaker}


@dataclass
class Fact:
    """Claims from one or more articles about the same thing, with a verdict and a one-line reason.

    ``verdict``: conflict | compatible | agree | single-source. ``kind``: money | count | percent |
    duration | ordinal | date | quote.
    """

    id: str
    kind: str
    subject: str
    verdict: str
    reason: str
    values: list[FactValue]

    @property
    def articles(self) -> list[str]:
        """Article labels of the values, in order, without repeats."""
        out: list[str] = []
        for v in self.values:
            if v.article not in out:
                out.append(v.article)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "subject": self.subject, "verdict": self.verdict,
                "reason": self.reason, "values": [v.to_dict() for v in self.values]}


@dataclass
class TimelineEntry:
    """One dated happening of a story, at the precision really known, cited by its sentences.

    ``time`` is the finest date known (None when only the order is known); ``precision`` names it
    and may be finer in words than in ``time``: a weekday ("a Monday in September 2020") or a part
    of a month ("late July 2020") is in ``description``, ``weekday`` and ``part``.
    """

    time: PartialDate | None
    precision: str
    description: str
    label: str
    articles: list[str]
    support: list[SourceRef] = field(default_factory=list)
    weekday: int | None = None
    part: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"time": self.time.iso() if self.time else None, "precision": self.precision,
                "description": self.description, "label": self.label, "articles": list(self.articles),
                "weekday": self.weekday, "part": self.part, "notes": list(self.notes),
                "support": [asdict(r) for r in self.support]}


# ---------------------------------------------------------------------------------------------
# The digest: what the CLI and the web show for a set of inputs (built by storyline.pipeline,
# rendered by storyline.render). Sections later stages produce stay None until they run.
# ---------------------------------------------------------------------------------------------


def _section_dict(value: Any) -> Any:
    """JSON form of a digest section: its to_dict(), a dataclass as dict, lists element-wise."""
    if value is None:
        return None
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [_section_dict(v) for v in value]
    if isinstance(value, PartialDate):
        return value.iso()
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _section_dict(getattr(value, f.name)) for f in fields(value)}
    return value


@dataclass
class DigestArticle:
    """One article as a digest lists it: label (input id / file name), outlet, date with precision, size."""

    id: str
    label: str
    title: str | None = None
    outlet: str | None = None
    published: PartialDate | None = None
    language: str | None = None
    word_count: int = 0
    url: str | None = None
    partial: bool = False
    lead: str = ""  # the first words of the text, to recognise an article that has no title

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.iso() if self.published else None
        d["precision"] = self.published.precision if self.published else None
        return d


@dataclass
class DigestStory:
    """One story of a digest: its articles (in arrival order) and the sections later stages add.

    ``to_dict`` is the JSON the CLI (`digest --json`) and the web API serve; article references
    inside it (summary support, events, duplicates, entity articles) are article ids, and
    ``articles`` maps each id to its label, outlet and date.
    """

    articles: list[DigestArticle]
    id: str | None = None
    title: str | None = None
    summary: Summary | None = None
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] | None = None  # filled by storyline.facts
    timeline: list[TimelineEntry] | None = None  # filled by storyline.timeline
    entities: list[Entity] = field(default_factory=list)
    duplicates: list[list[str]] = field(default_factory=list)  # first id is the original
    notes: list[str] = field(default_factory=list)

    @property
    def headline(self) -> str:
        """The summary's headline, else the story title, else the first article's title."""
        if self.summary is not None and self.summary.headline:
            return self.summary.headline
        return self.title or next((a.title for a in self.articles if a.title), "") or (self.id or "")

    @property
    def conflict_count(self) -> int:
        return sum(1 for f in self.facts or [] if f.verdict == "conflict")

    @property
    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.articles if a.outlet}, key=str.casefold)

    @property
    def source_count(self) -> int:
        """Independent sources: outlets, plus articles without an outlet, duplicates not counted."""
        copies = {c for g in self.duplicates for c in g[1:]}
        originals = [a for a in self.articles if a.id not in copies]
        return len({a.outlet for a in originals if a.outlet}) + sum(1 for a in originals if not a.outlet)

    def date_span(self) -> tuple[PartialDate | None, PartialDate | None]:
        dates = sorted((a.published for a in self.articles if a.published), key=PartialDate.sort_key)
        return (dates[0], dates[-1]) if dates else (None, None)

    def to_dict(self) -> dict[str, Any]:
        first, last = self.date_span()
        return {"id": self.id, "headline": self.headline, "title": self.title,
                "first_published": first.iso() if first else None, "last_published": last.iso() if last else None,
                "languages": sorted({a.language for a in self.articles if a.language}),
                "outlets": self.outlets, "article_count": len(self.articles), "source_count": self.source_count,
                "conflict_count": self.conflict_count,
                "summary": [s.to_dict() for s in self.summary.sentences] if self.summary else [],
                "summary_language": self.summary.language if self.summary else None,
                "facts": _section_dict(self.facts) or [], "timeline": _section_dict(self.timeline) or [],
                "events": _section_dict(self.events), "entities": _section_dict(self.entities),
                "duplicates": [list(g) for g in self.duplicates], "notes": list(self.notes),
                "articles": [a.to_dict() for a in self.articles]}


@dataclass
class Digest:
    """Everything shown for a set of inputs: its stories, what could not be read, and notes."""

    stories: list[DigestStory]
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def article_count(self) -> int:
        return sum(len(s.articles) for s in self.stories)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.article_count, "stories": [s.to_dict() for s in self.stories],
                "rejected": [{"source": r.source, "line": r.line, "reason": r.reason} for r in self.rejected],
                "notes": list(self.notes)}
