"""The IDF prior's fast path (``features._zipf``) gives exactly wordfreq's Zipf frequency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from storyline.model import AnalyzedArticle, Article
from storyline.stories.features import _zipf
from storyline.text import analyze

DPG = Path(__file__).resolve().parents[2] / "shared" / "data" / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl"
SPECIAL = ["weißensteiner", "straße", "Poetin", "co-ouder", "l'homme", "2020", "covid19", "één", "ijsland",
           "zoë", "naïef", "xqzv", "the", "de", ""]


@pytest.mark.parametrize("lang", ["nl", "en", "de", "fr", "es", "it"])
def test_special_words_match_wordfreq(lang: str) -> None:
    for word in SPECIAL:
        assert _zipf(word, lang) == zipf_frequency(word, lang), word


def test_lemmas_of_real_articles_match_wordfreq() -> None:
    if not DPG.exists():
        pytest.skip("DPG data not present (../shared/data)")
    rows = [json.loads(line) for line in DPG.open(encoding="utf-8")][:40]
    terms: set[str] = set()
    for r in rows:
        analysis = analyze(Article(text=r["text"], title=r["title"]))
        for lemmas in analysis.lemmas:
            terms.update(lemmas)
    assert len(terms) > 2000
    for lang in ("nl", "en"):
        assert [t for t in sorted(terms) if _zipf(t, lang) != zipf_frequency(t, lang)] == []


def test_prior_table_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.stories import features

    monkeypatch.setattr(features, "PRIORS_MAX", 50)
    monkeypatch.setattr(features, "_PRIORS", {})
    texts = [f"De gemeente Zwolle{i} bouwt {i + 11} nieuwe woningen in wijk Noord{i} bij Kampen{i}." for i in range(30)]
    for text in texts:
        a = Article(text=text, language="nl")
        vec = features.vectorize(AnalyzedArticle(a, analyze(a)))
        assert vec.terms
    sizes = [len(t) for t in features._PRIORS.values()]
    assert sizes and max(sizes) <= 50 + 30  # at most one article's terms past the bound
