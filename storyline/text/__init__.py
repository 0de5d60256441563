"""Text analysis (layer 2): pure functions from an Article to an Analysis.

``analyze(article)`` runs the steps in order: language, sentences (with per-sentence language),
content lemmas per sentence, name mentions, quantities, time expressions and quotes. Nothing
here does I/O; everything points back to (sentence index, character span in ``article.text``).
"""

from __future__ import annotations

from storyline.model import Analysis, Article
from storyline.text.gazetteer import gazetteer
from storyline.text.language import ANALYSED, detect_language
from storyline.text.names import find_mentions, load_frequencies
from storyline.text.quantities import find_quantities
from storyline.text.quotes import find_quotes
from storyline.text.sentences import split_sentences
from storyline.text.times import find_times
from storyline.text.tokens import lemmas_of_tokens, load_dictionaries, tokenize

__all__ = ["analyze", "load_resources"]


def load_resources(dictionaries: frozenset[str] | None = None) -> None:
    """Load gazetteers, word frequencies and lemma dictionaries now (seconds, once per process), not mid-run.

    ``dictionaries``: the languages whose lemma dictionaries to load (default: every lemmatised one).
    """
    gazetteer()
    for language in sorted(ANALYSED):
        load_frequencies(language)
    if dictionaries is None:
        load_dictionaries()
    else:
        load_dictionaries(dictionaries)


def analyze(article: Article) -> Analysis:
    """Analyse one article: language, sentences, lemmas, mentions, quantities, times and quotes.

    An article in a language that is not analysed (not nl/en) still gets sentences and lemmas
    where simplemma knows the language, plus a note saying what was skipped.
    """
    text = article.text or ""
    given = (article.language or "").strip().lower().replace("_", "-").split("-")[0]  # 'nl-BE' → 'nl'
    language = given or detect_language(text)
    sentences = split_sentences(text, language)
    tokens = [tokenize(s.text, offset=s.start) for s in sentences]
    lemmas = [lemmas_of_tokens(toks, s.language) for toks, s in zip(tokens, sentences)]
    notes: list[str] = []
    analysis = Analysis(article_id=article.id, language=language, sentences=sentences, lemmas=lemmas,
                        notes=notes)
    if language not in ANALYSED:
        notes.append(f"language {language!r} is not analysed: only sentences and lemmas are given"
                     if language else "language could not be detected: only sentences are given")
        return analysis
    analysis.mentions = find_mentions(text, sentences, language, tokens)
    analysis.quantities = find_quantities(text, sentences, language)
    analysis.times = find_times(text, sentences, article.published, language)
    analysis.quotes = find_quotes(text, sentences, analysis.mentions, language)
    return analysis
