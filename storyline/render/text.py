"""Plain-text rendering (layer 6): the digest, article lists and details, search hits, ingest reports.

Plain lines that read well in a pipe or a log and are easy to grep; ``storyline.render.terminal``
dresses the same content up for a terminal. Every function returns lines, printing is the caller's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Digest, DigestArticle, DigestStory, PartialDate, Rejected
from storyline.pipeline import IngestReport, lead_of
from storyline.render.sections import section_lines
from storyline.store import SearchHit, StoredArticle

UNKNOWN_DATE = "date unknown"
TITLE_WIDTH = 70


@dataclass
class Table:
    """Rows of cells with their headers; rendered as aligned text or a rich table."""

    headers: list[str]
    rows: list[list[str]]
    right: frozenset[int] = frozenset()  # column indexes aligned right (numbers)


def format_date(published: PartialDate | None) -> str:
    """'2020-09 (month)', '2020-09-14 (day)' or 'date unknown': the precision is always visible."""
    return f"{published.iso()} ({published.precision})" if published else UNKNOWN_DATE


def shorten(text: str | None, width: int = TITLE_WIDTH) -> str:
    """One line of at most ``width`` characters, with an ellipsis when cut."""
    line = " ".join((text or "").split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def title_or_lead(title: str | None, lead: str, width: int = TITLE_WIDTH) -> str:
    """The title, or for an untitled article its first words in quotes (never an invented title)."""
    if title:
        return shorten(title, width)
    return f"“{shorten(lead, width - 2)}”" if lead.strip() else "-"


def table_lines(table: Table) -> list[str]:
    """The table as aligned plain-text lines (two spaces between columns, no trailing blanks)."""
    widths = [len(h) for h in table.headers]
    for row in table.rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [c.rjust(w) if i in table.right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(parts).rstrip()

    return [line(table.headers)] + [line(r) for r in table.rows]


def digest_table(articles: Sequence[DigestArticle]) -> Table:
    """The article list of one story: number, label, date+precision, outlet, language, words, title.

    An article without a title shows its first words in quotes instead (never an invented title).
    """
    rows = [
        [str(n), a.label, format_date(a.published), a.outlet or "-", a.language or "-", str(a.word_count),
         title_or_lead(a.title, a.lead) + (" (summary only)" if a.partial else "")]
        for n, a in enumerate(articles, start=1)
    ]
    return Table(["#", "article", "date", "outlet", "lang", "words", "title"], rows, frozenset({0, 5}))


def story_heading(story: DigestStory, index: int, total: int) -> str:
    """'Story 1 of 2: <title> (5 articles)', or just the article count for a single untitled story."""
    count = f"{len(story.articles)} article{'s' if len(story.articles) != 1 else ''}"
    title = story.title or ("Articles" if total == 1 else f"Story {index}")
    prefix = f"Story {index} of {total}: " if total > 1 else ""
    return f"{prefix}{title} ({count})"


def rejected_lines(rejected: Sequence[Rejected]) -> list[str]:
    """'rejected (N):' and one indented 'path[:line]: reason' line per rejection."""
    if not rejected:
        return []
    return [f"rejected ({len(rejected)}):"] + [f"  {r}" for r in rejected]


def digest_lines(digest: Digest) -> list[str]:
    """The whole digest as plain text: each story's heading, article list and sections, then rejections."""
    out: list[str] = []
    total = len(digest.stories)
    for index, story in enumerate(digest.stories, start=1):
        if out:
            out.append("")
        out.append(story_heading(story, index, total))
        out += ["  " + line for line in table_lines(digest_table(story.articles))]
        out += section_lines(story)
    if not digest.stories:
        out.append("no articles")
    out += [f"note: {n}" for n in digest.notes]
    if digest.rejected:
        out += [""] + rejected_lines(digest.rejected)
    return out


def articles_table(articles: Sequence[StoredArticle]) -> Table:
    """The `storyline articles` list: short id, label, date, outlet, language, words, title."""
    rows = [
        [s.id, s.label, format_date(s.article.published), s.article.outlet or "-", s.article.language or "-",
         str(s.word_count), title_or_lead(s.article.title, lead_of(s.article.text), 60)]
        for s in articles
    ]
    return Table(["id", "article", "date", "outlet", "lang", "words", "title"], rows, frozenset({5}))


def article_lines(stored: StoredArticle) -> list[str]:
    """Everything about one article: metadata lines, a blank line, the text, then kept boilerplate."""
    a = stored.article
    meta = [
        ("id", stored.id), ("article", a.label), ("title", a.title or "-"), ("outlet", a.outlet or "-"),
        ("date", format_date(a.published)), ("language", a.language or "-"), ("words", str(stored.word_count)),
        ("url", a.url or "-"), ("author", a.author or "-"), ("source", a.source or "-"),
        ("format", a.fmt + (" (summary only)" if a.partial else "")), ("ingested", stored.ingested_at),
    ]
    out = [f"{k + ':':<10}{v}" for k, v in meta]
    out += ["", a.text]
    if a.boilerplate:
        out += ["", f"boilerplate kept out of the text ({len(a.boilerplate)} lines):"]
        out += [f"  {line}" for line in a.boilerplate]
    return out


def marked_snippet(hit: SearchHit, start: str = "[", end: str = "]") -> str:
    """The snippet with each matched term wrapped in ``start``/``end``."""
    out, pos = [], 0
    for h in hit.highlights:
        out += [hit.snippet[pos:h.start], start, hit.snippet[h.start:h.end], end]
        pos = h.end
    out.append(hit.snippet[pos:])
    return "".join(out)


def search_lines(query: str, hits: Sequence[SearchHit]) -> list[str]:
    """Numbered hits: label, title, outlet and date, then the snippet with [matches] marked."""
    if not hits:
        return [f"no articles match {query!r}"]
    out = []
    for n, hit in enumerate(hits, start=1):
        label = hit.external_id or hit.id
        out.append(f"{n}. {label}  {shorten(hit.title, 60) or '-'}  ({hit.outlet or '-'}, "
                   f"{format_date(hit.published)})  id {hit.id}")
        out.append(f"   {' '.join(marked_snippet(hit).split())}")
    return out


def ingest_lines(report: IngestReport) -> list[str]:
    """The end-of-ingest summary: counts on one line, then every rejection with path and reason."""
    skipped = f" ({report.skipped_sources} unchanged, not parsed again)" if report.skipped_sources else ""
    head = (f"read {report.read} article{'s' if report.read != 1 else ''} from {report.sources} "
            f"source{'s' if report.sources != 1 else ''}{skipped}: {report.new} new, {report.duplicate} duplicate, "
            f"{len(report.rejected)} rejected")
    return [head, *rejected_lines(report.rejected)]
