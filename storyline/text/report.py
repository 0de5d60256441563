"""Analyse a batch of articles and link their entities: the library call behind `storyline analyze`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storyline.model import AnalyzedArticle, Article, Entity
from storyline.text.entities import EntityLinks, link
from storyline.text.parallel import iter_analyses, raise_first_error


@dataclass
class AnalysisReport:
    """Per-article analyses plus the entities linked across them."""

    analyzed: list[AnalyzedArticle]
    links: EntityLinks

    @property
    def entities(self) -> list[Entity]:
        return self.links.entities

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of `storyline analyze --json`: articles (with each mention's entity id) and entities."""
        articles = []
        for item in self.analyzed:
            d = item.analysis.to_dict()
            for m, md in zip(item.analysis.mentions, d["mentions"]):
                md["entity"] = self.links.entity_of(item.analysis.article_id, m)
            d["id"] = item.article.id
            d["label"] = item.article.label
            d["title"] = item.article.title
            d["published"] = item.article.published.iso() if item.article.published else None
            d.pop("article_id", None)
            d.pop("lemmas", None)
            for q in d["quantities"]:
                for k in ("value", "low", "high"):
                    q[k] = _number(q[k])
            articles.append(d)
        entities = [{"id": e.id, "name": e.name, "type": e.type, "variants": e.variants,
                     "adjectives": e.adjectives, "articles": e.articles} for e in self.entities]
        return {"articles": articles, "entities": entities}


def _number(value: float | None) -> float | int | None:
    """1500000000.0 → 1500000000 in JSON; fractions stay floats."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def analyze_articles(articles: Iterable[Article], jobs: int | None = 1) -> AnalysisReport:
    """Analyse every article (pure, in order; in ``jobs`` processes) and link the entities they mention.

    Raises the first AnalysisError if an article's analysis fails (the report needs all of them).
    """
    articles = list(articles)
    analyses = raise_first_error(iter_analyses(articles, jobs))
    return link_analyzed([AnalyzedArticle(a, x) for a, x in zip(articles, analyses)])


def link_analyzed(analyzed: list[AnalyzedArticle]) -> AnalysisReport:
    """Link the entities of analysed articles; every name mention then takes the type of its entity.

    The type is decided by all reports together ('Poetin' without a cue in one report is the person
    the other reports call president).
    """
    links = link([a.analysis for a in analyzed])
    types = {e.id: e.type for e in links.entities}
    for item in analyzed:
        for m in item.analysis.mentions:
            entity = links.entity_of(item.analysis.article_id, m)
            if entity is not None and not m.adjective:
                m.type = types[entity]  # type: ignore[assignment]
    return AnalysisReport(analyzed, links)
