"""Facts side by side on hand-built articles: verdicts, reasons, currencies, rounding, scope, bad input."""

from __future__ import annotations

import math

import pytest

from storyline.facts import extract_facts
from storyline.facts.bounds import bounds_of, rounding
from storyline.facts.claims import is_noise_number
from storyline.facts.rates import rate_for, to_eur
from storyline.model import (
    Analysis,
    AnalyzedArticle,
    Article,
    Mention,
    PartialDate,
    Quantity,
    Quote,
    TimeExpr,
)
from storyline.text.sentences import split_sentences
from storyline.text.tokens import content_lemmas


def q(text: str, phrase: str, kind: str, value: float | None, low: float | None = None, high: float | None = None,
      unit: str | None = None, qualifier: str = "exact", counts: str | None = None, near: tuple[str, ...] = (),
      occurrence: int = 0) -> Quantity:
    """A hand-built quantity for ``phrase`` (its n-th occurrence) in ``text``; sentence set by ``article``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    lemmas = list(content_lemmas(counts, "nl")[:1]) + list(near) if counts else list(near)
    return Quantity(sentence=-1, start=start, end=start + len(phrase), text=phrase, kind=kind, value=value,
                    low=value if low is None else low, high=value if high is None else high, unit=unit,
                    qualifier=qualifier, counts=counts, counts_lemmas=lemmas)


SEPTEMBER_2020 = PartialDate(2020, 9)


def article(name: str, text: str, quantities: list[Quantity] = (), published: PartialDate | None = SEPTEMBER_2020,
            times: list[TimeExpr] = (), quotes: list[Quote] = (), mentions: list[Mention] = ()) -> AnalyzedArticle:
    """An analysed article with real sentences and lemmas and the given hand-built items."""
    sents = split_sentences(text, "nl")

    def sentence_of(pos: int) -> int:
        return next(s.index for s in sents if s.start <= pos < s.end)

    for item in [*quantities, *times, *quotes, *mentions]:
        item.sentence = sentence_of(item.start)
    art = Article(text=text, published=published, external_id=name, language="nl")
    an = Analysis(article_id=art.id, language="nl", sentences=sents,
                  lemmas=[content_lemmas(s.text, "nl") for s in sents], mentions=list(mentions),
                  quantities=list(quantities), times=list(times), quotes=list(quotes))
    return AnalyzedArticle(art, an)


ARREST_A = "Zondag werden 774 betogers opgepakt, van wie 500 in de hoofdstad Minsk. De politie trad hard op."
ARREST_B = "De politie arresteerde zondag bijna duizend demonstranten. Het protest ging door."
ARREST_C = "Zeker 774 deelnemers aan het protest werden zondag aangehouden."


def arrests() -> list[AnalyzedArticle]:
    return [
        article("A", ARREST_A, [q(ARREST_A, "774", "count", 774, counts="betogers", near=("oppakken", "zondag")),
                                q(ARREST_A, "500", "count", 500, counts="betogers", near=("oppakken",))]),
        article("B", ARREST_B, [q(ARREST_B, "bijna duizend", "count", 1000, 900, 1000, qualifier="almost",
                                  counts="demonstranten", near=("politie", "arresteren"))]),
        article("C", ARREST_C, [q(ARREST_C, "Zeker 774", "count", 774, 774, None, qualifier="at_least",
                                  counts="deelnemers", near=("protest", "aanhouden"))]),
    ]


def test_exact_figure_and_just_under_a_thousand_conflict_and_at_least_fits_both() -> None:
    facts = extract_facts(arrests())
    top = facts[0]
    assert top.verdict == "conflict"
    assert {v.article for v in top.values} == {"A", "B", "C"}
    assert {v.text for v in top.values} == {"774 betogers", "bijna duizend demonstranten", "Zeker 774 deelnemers"}
    assert "cannot both be right" in top.reason and "C" in top.reason.split(";")[1]
    assert "fits both" in top.reason


def test_a_part_of_a_figure_is_not_a_rival_figure() -> None:
    facts = extract_facts(arrests())
    part = [f for f in facts if any(v.text.startswith("500") for v in f.values)]
    assert len(part) == 1 and part[0].verdict == "single-source"
    assert "500" not in " ".join(v.text for v in facts[0].values)


def test_words_and_digits_of_the_same_number_agree() -> None:
    a_text = "Afgelopen zondag gingen meer dan honderdduizend mensen de straat op."
    b_text = "Zondag kwamen meer dan 100.000 Wit-Russen de straat op."
    facts = extract_facts([
        article("A", a_text, [q(a_text, "meer dan honderdduizend", "count", 100000, 100000, None, qualifier="more_than",
                                counts="mensen", near=("zondag", "straat"))]),
        article("B", b_text, [q(b_text, "meer dan 100.000", "count", 100000, 100000, None, qualifier="more_than",
                                counts="Wit-Russen", near=("straat", "zondag"))]),
    ])
    assert len(facts) == 1
    assert facts[0].verdict == "agree", facts[0].reason
    assert "honderdduizend" in facts[0].reason and "100.000" in facts[0].reason


def test_loan_in_dollars_and_euros_agrees_at_the_rate_of_the_month() -> None:
    texts = {"A": "Poetin zegde Loekasjenko een lening van 1,5 miljard dollar toe.",
             "B": "Rusland gaat Loekasjenko ondersteunen met een lening van 1,3 miljard euro.",
             "C": "Poetin heeft Lukashenko een lening van 1,5 miljard dollar (1,25 miljard euro) toegezegd."}
    items = [
        article("A", texts["A"], [q(texts["A"], "1,5 miljard dollar", "money", 1.5e9, unit="USD", counts="lening")]),
        article("B", texts["B"], [q(texts["B"], "1,3 miljard euro", "money", 1.3e9, unit="EUR", counts="lening")]),
        article("C", texts["C"], [q(texts["C"], "1,5 miljard dollar", "money", 1.5e9, unit="USD", counts="lening"),
                                  q(texts["C"], "1,25 miljard euro", "money", 1.25e9, unit="EUR")]),
    ]
    facts = extract_facts(items)
    assert len(facts) == 1
    loan = facts[0]
    assert loan.verdict == "agree", loan.reason
    assert len(loan.values) == 4  # C's conversion in brackets travels with its dollar figure
    assert "2020-09" in loan.reason and "1.27" in loan.reason


def test_currencies_without_a_rate_for_the_date_are_not_guessed() -> None:
    texts = {"A": "Poetin zegde Loekasjenko een lening van 1,5 miljard dollar toe.",
             "B": "Rusland gaat Loekasjenko ondersteunen met een lening van 1,3 miljard euro."}
    old = PartialDate(1990, 5)
    facts = extract_facts([
        article("A", texts["A"], [q(texts["A"], "1,5 miljard dollar", "money", 1.5e9, unit="USD", counts="lening")],
                published=old),
        article("B", texts["B"], [q(texts["B"], "1,3 miljard euro", "money", 1.3e9, unit="EUR", counts="lening")],
                published=old),
    ])
    assert len(facts) == 1
    assert facts[0].verdict == "compatible"
    assert "currencies differ" in facts[0].reason and "USD" in facts[0].reason


def test_loan_of_a_different_size_conflicts() -> None:
    texts = {"A": "Poetin zegde Loekasjenko een lening van 1,5 miljard dollar toe.",
             "B": "Rusland gaat Loekasjenko ondersteunen met een lening van 3 miljard euro."}
    facts = extract_facts([
        article("A", texts["A"], [q(texts["A"], "1,5 miljard dollar", "money", 1.5e9, unit="USD", counts="lening",
                                    near=("toezeggen",))]),
        article("B", texts["B"], [q(texts["B"], "3 miljard euro", "money", 3e9, unit="EUR", counts="lening",
                                    near=("ondersteunen",))]),
    ])
    assert len(facts) == 1 and facts[0].verdict == "conflict", facts[0].reason


def test_a_number_within_a_vague_plural_is_compatible() -> None:
    a = "Eind juli werden 33 Russen opgepakt."
    b = "Vlak voor de verkiezingen liet hij tientallen Russen oppakken."
    facts = extract_facts([
        article("A", a, [q(a, "33", "count", 33, counts="Russen", near=("oppakken",))]),
        article("B", b, [q(b, "tientallen", "count", None, 20, 99, qualifier="vague", counts="Russen",
                           near=("oppakken",))]),
    ])
    assert [f.verdict for f in facts] == ["compatible"]
    assert "can both be true" in facts[0].reason


def test_same_duration_written_differently_agrees() -> None:
    a = "Poetin zei na 4 uur met Loekasjenko niets over de gesprekken."
    b = "Na afloop van de circa vier uur durende gesprekken bedankte Lukashenko Poetin."
    facts = extract_facts([
        article("A", a, [q(a, "4 uur", "duration", 14400, unit="s")]),
        article("B", b, [q(b, "circa vier uur", "duration", 14400, 12960, 15840, unit="s", qualifier="approx",
                           counts="gesprekken")]),
    ])
    assert [f.verdict for f in facts] == ["agree"]


def test_different_things_counted_are_different_facts() -> None:
    a = "Zondag gingen meer dan 100.000 mensen de straat op. De politie arresteerde 774 demonstranten."
    b = "Zondag protesteerden 120.000 mensen in Minsk."
    facts = extract_facts([
        article("A", a, [q(a, "meer dan 100.000", "count", 100000, 100000, None, qualifier="more_than", counts="mensen",
                           near=("straat",)),
                         q(a, "774", "count", 774, counts="demonstranten", near=("politie", "arresteren"))]),
        article("B", b, [q(b, "120.000", "count", 120000, counts="mensen", near=("protesteren",))]),
    ])
    assert not [f for f in facts if f.verdict == "conflict"]
    arrests = [f for f in facts if any(v.text.startswith("774") for v in f.values)]
    assert arrests[0].verdict == "single-source"


def test_one_article_story_has_only_single_source_facts() -> None:
    facts = extract_facts(arrests()[:1])
    assert facts and {f.verdict for f in facts} == {"single-source"}
    assert all(f.reason.startswith("only A reports") for f in facts)


def test_contradictory_figures_inside_one_article_are_not_a_conflict_between_outlets() -> None:
    a = "Zondag werden 200 betogers opgepakt. Later meldde de politie dat 300 betogers waren opgepakt."
    b = "Zondag werden 250 betogers opgepakt in Minsk."
    facts = extract_facts([
        article("A", a, [q(a, "200", "count", 200, counts="betogers", near=("oppakken",)),
                         q(a, "300", "count", 300, counts="betogers", near=("oppakken", "politie"))]),
        article("B", b, [q(b, "250", "count", 250, counts="betogers", near=("oppakken",))]),
    ])
    assert not [f for f in facts if f.verdict == "conflict"], [(f.verdict, f.reason) for f in facts]
    shared = [f for f in facts if len(f.articles) == 2]
    assert shared and "A itself gives" in shared[0].reason


def test_quotes_of_one_speaker_in_other_words_agree_with_both_wordings() -> None:
    a = "Hij noemde Rusland maandag ‘een grote broer’ met wie Belarus veel deelt."
    b = 'Lukashenko beloofde dichter bij "oudere broer" Moskou te blijven.'
    qa = Quote(0, a.index("een grote"), a.index("een grote") + 15, "een grote broer", "Loekasjenko", "Aleksandr Loekasjenko")
    qb = Quote(0, b.index("oudere"), b.index("oudere") + 12, "oudere broer", "Lukashenko", "Alexander Lukashenko")
    other = Quote(0, b.index("dichter"), b.index("dichter") + 7, "dichter", "Macron", "Emmanuel Macron")
    facts = extract_facts([article("A", a, quotes=[qa]), article("B", b, quotes=[qb, other])])
    agreed = [f for f in facts if f.verdict == "agree"]
    assert len(agreed) == 1 and agreed[0].kind == "quote"
    assert "een grote broer" in agreed[0].reason and "oudere broer" in agreed[0].reason
    assert {v.text for v in agreed[0].values} == {"een grote broer", "oudere broer"}


def test_facts_are_ordered_conflicts_first_then_agreement_then_single_source() -> None:
    items = arrests()
    extra = "Poetin zegde een lening van 1,5 miljard dollar toe."
    items.append(article("D", extra, [q(extra, "1,5 miljard dollar", "money", 1.5e9, unit="USD", counts="lening")]))
    verdicts = [f.verdict for f in extract_facts(items)]
    order = {"conflict": 0, "compatible": 1, "agree": 1, "single-source": 2}
    assert [order[v] for v in verdicts] == sorted(order[v] for v in verdicts)
    assert verdicts[0] == "conflict" and verdicts[-1] == "single-source"


def test_fact_json_has_the_documented_shape() -> None:
    d = extract_facts(arrests())[0].to_dict()
    assert set(d) >= {"id", "kind", "subject", "verdict", "reason", "values"}
    assert set(d["values"][0]) >= {"article", "text", "value", "unit", "low", "high", "sentence"}
    assert d["values"][0]["article"] in {"A", "B", "C"}


# ----------------------------------------------------------------------------- figures and rates


def test_rounding_follows_the_written_precision() -> None:
    assert rounding(1.3e9, "1,3 miljard euro") == pytest.approx(0.05e9)
    assert rounding(1.25e9, "1,25 miljard euro") == pytest.approx(0.005e9)
    assert rounding(774, "774") == 0.5
    assert rounding(100000, "100.000") == pytest.approx(5000)
    assert rounding(100000, "honderdduizend") == pytest.approx(5000)


def test_bounds_of_qualified_figures() -> None:
    almost = bounds_of("count", 1000, 900, 1000, "almost", "bijna duizend")
    assert almost.high == 1000 and almost.low is not None and 774 < almost.low < 1000
    at_least = bounds_of("count", 774, 774, None, "at_least", "zeker 774")
    assert at_least.high is None and not at_least.firm
    usd = bounds_of("money", 1.5e9, 1.5e9, 1.5e9, "exact", "1,5 miljard dollar", "USD", PartialDate(2020, 9))
    assert usd.unit == "EUR" and usd.point == pytest.approx(1.5e9 / 1.1792)


def test_reference_rates_by_month_then_year_else_none() -> None:
    assert rate_for("USD", PartialDate(2020, 9)).period == "2020-09"
    assert rate_for("GBP", PartialDate(2020, 9)).period == "2020"
    assert rate_for("USD", PartialDate(1990, 1)) is None
    assert rate_for("USD", None) is None
    assert math.isclose(to_eur(1.18, "usd", PartialDate(2020, 8, 3)).eur, 1.18 / 1.1828)


@pytest.mark.parametrize("sentence, phrase", [
    ("De G7 kwam bijeen in Cornwall.", "7"),
    ("Een Boeing 737 landde veilig.", "737"),
    ("Het aantal COVID-19 patiënten steeg.", "19"),
    ("Er was een file op de A12 bij Utrecht.", "12"),
    ("Bel 020-5551234 voor meer informatie.", "020-5551234"),
    ("Ajax won de wedstrijd met 3-1 van PSV.", "3-1"),
    ("Dat gebeurde in 2020 voor het eerst.", "2020"),
])
def test_numbers_in_names_codes_years_phones_and_scores_are_not_claims(sentence: str, phrase: str) -> None:
    start = sentence.index(phrase)
    quantity = Quantity(0, start, start + len(phrase), phrase, "number" if "-" in phrase else "count",
                        float(phrase.replace("-", "")[:4]), None, None)
    assert is_noise_number(quantity, sentence, 0)


def test_a_counted_figure_is_a_claim() -> None:
    sentence = "De politie arresteerde 774 demonstranten."
    start = sentence.index("774")
    assert not is_noise_number(Quantity(0, start, start + 3, "774", "count", 774, 774, 774, counts="demonstranten"),
                               sentence, 0)


def test_a_rank_is_not_a_figure_to_contradict_but_a_streak_is() -> None:
    a = "Hij was de tweede klimmer die dit jaar op de berg omkwam."
    b = "Hij was de eerste klimmer die dit jaar op de berg omkwam."
    ranks = extract_facts([article("A", a, [q(a, "tweede", "ordinal", 2, counts="klimmer", near=("berg",))]),
                           article("B", b, [q(b, "eerste", "ordinal", 1, counts="klimmer", near=("berg",))])])
    assert "conflict" not in {f.verdict for f in ranks}
    a = "Zondag gingen mensen voor de zesde week op rij de straat op."
    b = "Zondag kwamen mensen voor het vijfde weekend op een rij de straat op."
    streaks = extract_facts([article("A", a, [q(a, "zesde", "ordinal", 6, counts="week", near=("straat",))]),
                             article("B", b, [q(b, "vijfde", "ordinal", 5, counts="weekend", near=("straat",))])])
    assert [f.verdict for f in streaks] == ["conflict"]
    assert "6th" in streaks[0].reason and "5th" in streaks[0].reason


def test_a_dozen_is_approximate() -> None:
    assert bounds_of("count", 12, 12, 12, "exact", "a dozen people").low < 11
    assert bounds_of("count", 12, 12, 12, "exact", "12 people").low == 11.5
