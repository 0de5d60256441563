"""Plain-text sections of one story (layer 6): summary, timeline, facts, events, entities, duplicates.

Every line that states something cites the articles it comes from by their number in the story's
article list ([1], [2, 4]), so a reader can trace it; ids and labels are both understood.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.model import DigestStory, Fact, PartialDate

# Facts with these verdicts are listed value by value; single-source facts get one line each.
ALIGNED = ("conflict", "compatible", "agree")


class Citer:
    """Maps article ids or labels to their number in the story's list."""

    def __init__(self, story: DigestStory) -> None:
        self.number: dict[str, int] = {}
        for n, a in enumerate(story.articles, start=1):
            self.number.setdefault(a.id, n)
            self.number.setdefault(a.label, n)

    def __call__(self, refs: Iterable[str]) -> str:
        """'[2, 1]' for the given ids/labels, in order and without repeats; '' for none."""
        nums = [str(self.number.get(r, "?")) for r in refs]
        return "[" + ", ".join(dict.fromkeys(nums)) + "]" if nums else ""


def _when(time: PartialDate | None, description: str) -> str:
    if description:
        return description
    return f"{time.iso()} ({time.precision})" if time else "time unknown"


def summary_lines(story: DigestStory, cite: Citer) -> list[str]:
    """'Summary', the headline, then each sentence with its citations."""
    summary = story.summary
    if summary is None or not summary.sentences:
        return []
    out = ["", "Summary"]
    if summary.headline and summary.headline != story.title:  # an untitled story shows it as its title
        source = cite([summary.headline_source.article]) if summary.headline_source else ""
        out.append(f"  {summary.headline} {source}".rstrip())
    out += [f"  {s.text} {cite(s.articles)}" for s in summary.sentences]
    return out


def timeline_lines(story: DigestStory, cite: Citer) -> list[str]:
    """'Timeline' and one line per dated happening, at the precision really known."""
    if not story.timeline:
        return []
    return ["", "Timeline"] + [f"  {_when(e.time, e.description)}: {e.label} {cite(e.articles)}"
                               for e in story.timeline]


def fact_lines(facts: Sequence[Fact], cite: Citer) -> list[str]:
    """'Facts': aligned facts with their verdict, reason and each outlet's wording; then single-source ones."""
    if not facts:
        return []
    out = ["", "Facts"]
    for fact in (f for f in facts if f.verdict in ALIGNED):
        out.append(f"  {fact.subject} — {fact.verdict}: {fact.reason}")
        out += [f"    {cite([v.article_id or v.article])} {v.text}" for v in fact.values]
    single = [f for f in facts if f.verdict not in ALIGNED]
    if single:
        out += ["", f"Reported by one article only ({len(single)})"]
        for fact in single:
            refs = [v.article_id or v.article for v in fact.values]
            wording = " · ".join(dict.fromkeys(v.text for v in fact.values))
            out.append(f"  {fact.subject}: {shorten_line(wording)} {cite(refs)}")
    return out


def shorten_line(text: str, width: int = 100) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def event_lines(story: DigestStory, cite: Citer) -> list[str]:
    """'Events' and one line per event of the story."""
    if not story.events:
        return []
    return ["", "Events"] + [f"  {_when(e.time, e.time_description)}: {e.label} {cite(e.articles)}"
                             for e in story.events]


def entity_lines(story: DigestStory, cite: Citer, limit: int = 12) -> list[str]:
    """'Names': the most cited people, places and organisations with their spelling variants."""
    entities = sorted(getattr(story, "entities", []) or [], key=lambda e: (-len(e.articles), e.name))
    if not entities:
        return []
    out = ["", "Names"]
    for e in entities[:limit]:
        others = [v for v in e.variants if v != e.name]
        also = f" (also {', '.join(others)})" if others else ""
        out.append(f"  {e.name} {e.type}{also} {cite(e.articles)}")
    if len(entities) > limit:
        out.append(f"  … and {len(entities) - limit} more (--json lists all)")
    return out


def duplicate_lines(story: DigestStory, cite: Citer) -> list[str]:
    """'Duplicates': which articles are copies of which (the first is the original)."""
    groups = [g for g in getattr(story, "duplicates", []) or [] if len(g) > 1]
    if not groups:
        return []
    return ["", "Duplicates"] + [f"  {cite(g[1:])} copy of {cite(g[:1])}" for g in groups]


def section_lines(story: DigestStory) -> list[str]:
    """Every section the story has, in reading order, citing articles by number."""
    cite = Citer(story)
    out = summary_lines(story, cite) + timeline_lines(story, cite) + fact_lines(story.facts or [], cite)
    out += event_lines(story, cite) + entity_lines(story, cite) + duplicate_lines(story, cite)
    notes = getattr(story, "notes", []) or []
    if notes:
        out += [""] + [f"note: {n}" for n in notes]
    return out
