"""A summary with reader-facing citations: article labels and the supporting sentences' text.

The CLI, the web page and tests all show a summary the same way: each sentence with the labels
(input id or file name) of every supporting article and, per support, the sentence it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.model import AnalyzedArticle, Summary


def cited_summary(summary: Summary, items: Sequence[AnalyzedArticle]) -> dict[str, Any]:
    """JSON-ready summary: ``{"headline", "language", "summary": [{"text", "articles", "support"}]}``.

    ``articles`` are labels (Article.label); each support gives the label, article id, sentence
    index and the supporting sentence's text, so a reader can check every claim.
    """
    by_id = {it.id: it for it in items}

    def label(article_id: str) -> str:
        it = by_id.get(article_id)
        return it.article.label if it else article_id

    def sentence_text(article_id: str, index: int) -> str:
        it = by_id.get(article_id)
        if it is None:
            return ""
        for s in it.analysis.sentences:
            if s.index == index:
                return s.text
        return ""

    out = []
    for s in summary.sentences:
        out.append({
            "text": s.text,
            "articles": [label(a) for a in s.articles],
            "support": [{"article": label(r.article), "article_id": r.article, "sentence": r.sentence,
                         "text": sentence_text(r.article, r.sentence)} for r in s.support],
        })
    return {"headline": summary.headline, "language": summary.language, "words": summary.word_count,
            "summary": out}


def summary_lines(data: dict[str, Any], width: int = 100) -> list[str]:
    """Plain-text lines of a cited summary (see ``cited_summary``): headline, then each sentence
    followed by the labels of its supporting articles."""
    import textwrap

    lines = [data["headline"], ""]
    for s in data["summary"]:
        lines.extend(textwrap.wrap(s["text"], width=width, initial_indent="  ", subsequent_indent="  "))
        lines.append("      [" + ", ".join(s["articles"]) + "]")
    return lines
