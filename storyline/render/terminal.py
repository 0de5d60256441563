"""Terminal rendering with rich (layer 6): the same content as ``render.text``, with tables and emphasis.

Used only when stdout is a terminal; pipes and files get the plain lines of ``render.text``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from storyline.model import Digest
from storyline.render.sections import section_lines
from storyline.render.text import (
    Table,
    digest_table,
    format_date,
    rejected_lines,
    shorten,
    story_heading,
)
from storyline.store import SearchHit


def rich_table(table: Table, title: str | None = None, width: int | None = None) -> RichTable:
    """A rich table with the same headers, rows and alignment as the plain one, one line per row.

    With ``width`` (the terminal's), the last column (the title) is shortened to what is left.
    """
    widths = [max([len(h)] + [len(row[i]) for row in table.rows]) for i, h in enumerate(table.headers)]
    room = None
    if width is not None and table.headers:
        room = max(8, width - sum(widths[:-1]) - 3 * (len(widths) - 1) - 1)
    out = RichTable(title=title, title_justify="left", header_style="bold", show_edge=False, pad_edge=False)
    for i, header in enumerate(table.headers):
        last = i == len(table.headers) - 1
        out.add_column(header, justify="right" if i in table.right else "left", no_wrap=True,
                       min_width=None if last else widths[i], overflow="ellipsis")
    for row in table.rows:
        cells = row[:-1] + [shorten(row[-1], room) if room else row[-1]] if row else row
        out.add_row(*(Text(cell) for cell in cells))  # Text: '[1]' or '[bold]' in a title is not markup
    return out


def print_table(console: Console, table: Table, title: str | None = None) -> None:
    """Print a Table as a rich table that fits the console width."""
    console.print(rich_table(table, title, console.width))


def print_lines(console: Console, lines: Sequence[str]) -> None:
    """Print plain lines without rich markup interpretation."""
    for line in lines:
        console.print(Text(line))


def print_digest(console: Console, digest: Digest) -> None:
    """The digest: a bold heading and an article table per story, its sections, then rejections."""
    total = len(digest.stories)
    for index, story in enumerate(digest.stories, start=1):
        console.print(Text(story_heading(story, index, total), style="bold"))
        print_table(console, digest_table(story.articles))
        print_lines(console, section_lines(story))
        console.print()
    if not digest.stories:
        console.print("no articles")
    for note in digest.notes:
        console.print(Text(f"note: {note}", style="dim"))
    if digest.rejected:
        console.print(Text("\n".join(rejected_lines(digest.rejected)), style="yellow"))


def print_search(console: Console, query: str, hits: Sequence[SearchHit]) -> None:
    """Numbered hits with the matched words in bold."""
    if not hits:
        console.print(Text(f"no articles match {query!r}"))
        return
    for n, hit in enumerate(hits, start=1):
        head = Text(f"{n}. ", style="bold")
        head.append(hit.external_id or hit.id, style="bold cyan")
        head.append(f"  {shorten(hit.title, 60) or '-'}  ")
        head.append(f"({hit.outlet or '-'}, {format_date(hit.published)})  id {hit.id}", style="dim")
        console.print(head)
        snippet = Text("   ")
        pos = 0
        for h in hit.highlights:
            snippet.append(hit.snippet[pos:h.start])
            snippet.append(hit.snippet[h.start:h.end], style="bold yellow")
            pos = h.end
        snippet.append(hit.snippet[pos:])
        console.print(snippet)
