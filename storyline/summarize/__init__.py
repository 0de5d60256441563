"""Extractive multi-document summaries in which every sentence is cited (layer 4).

``summarize(items, words=100)`` turns the analyzed articles of one story into a ``Summary``:
source sentences chosen for coverage across outlets, each listing every supporting article.
"""

from storyline.summarize.core import story_language, summarize

__all__ = ["story_language", "summarize"]
