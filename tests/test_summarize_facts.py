"""Summaries given the facts stage's claims (as the digest does) use its alignment: agreeing figures in other numerals or currencies
support each other; two figures of the same fact (agreeing or not) are never both picked."""

from __future__ import annotations

from storyline.facts import analyse_story
from storyline.model import AnalyzedArticle, Article, PartialDate
from storyline.summarize import summarize
from storyline.text import analyze

A = ("Poetin heeft Loekasjenko in Sotsji een lening van 1,5 miljard dollar toegezegd. "
     "Zondag werden 774 betogers opgepakt tijdens de protesten in Minsk. "
     "De Europese Unie bereidt nieuwe sancties voor tegen het regime.")
B = ("Rusland geeft Wit-Rusland een lening van 1,3 miljard euro, zei Poetin na de ontmoeting. "
     "De politie arresteerde zondag bijna duizend demonstranten in de hoofdstad. "
     "Oppositieleider Tichanovskaja zal de afspraken met Poetin niet erkennen.")


def _story(*texts: str) -> list[AnalyzedArticle]:
    out = []
    for k, text in enumerate(texts):
        article = Article(text=text, language="nl", external_id=f"f{k}", published=PartialDate(2020, 9))
        out.append(AnalyzedArticle(article, analyze(article)))
    return out


def test_the_same_loan_in_another_currency_supports_the_sentence() -> None:
    items = _story(A, B)
    summary = summarize(items, words=60, claims=analyse_story(items))
    loan = next(s for s in summary.sentences if "miljard" in s.text)
    assert set(loan.articles) == {items[0].id, items[1].id}  # 1,5 bn USD ≈ 1,3 bn EUR in Sept 2020


def test_conflicting_arrest_counts_are_not_both_in_the_summary() -> None:
    items = _story(A, B)
    summary = summarize(items, words=80, claims=analyse_story(items))
    arrests = [s for s in summary.sentences if "774" in s.text or "bijna duizend" in s.text]
    assert len(arrests) == 1, [s.text for s in summary.sentences]
    assert len(arrests[0].articles) == 1  # the other count conflicts: it is no support


def test_without_a_rate_other_currencies_do_not_support() -> None:
    items = _story(A, B)
    for it in items:
        it.article.published = None  # no date: no reference rate, so the amounts are not compared
    items = [AnalyzedArticle(it.article, analyze(it.article)) for it in items]
    summary = summarize(items, words=60, claims=analyse_story(items))
    loan = next(s for s in summary.sentences if "miljard" in s.text)
    assert len(loan.articles) == 1
