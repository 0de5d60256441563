"""Bad input through the real analysis: numbers in names and codes, years, phone numbers, scores, ranges,
an article that contradicts itself — none may produce a conflict between outlets."""

from __future__ import annotations

from storyline.facts import extract_facts
from storyline.model import AnalyzedArticle, Article, PartialDate
from storyline.text import analyze


def analysed(name: str, text: str) -> AnalyzedArticle:
    art = Article(text=text, published=PartialDate(2021, 6), external_id=name, language="nl")
    return AnalyzedArticle(art, analyze(art))


A = ("De G7 kwam in 2021 bijeen in Cornwall. Een Boeing 737 van KLM maakte een noodlanding. "
     "Het aantal COVID-19 patiënten daalde. Op de A12 stond een file van 14 kilometer. "
     "Bel 020-5551234 voor meer informatie. Ajax won met 3-1 van PSV. "
     "Tussen 500 à 600 demonstranten werden opgepakt in Den Haag.")
B = ("De G20 kwam in 2019 bijeen in Osaka. Een Boeing 747 van KLM landde veilig. "
     "Het aantal COVID-21 patiënten steeg. Op de A13 stond een file van 14 kilometer. "
     "Bel 010-4441234 voor meer informatie. Ajax won met 2-0 van PSV. "
     "In Den Haag werden 550 demonstranten opgepakt.")


def test_codes_years_phones_scores_and_ranges_give_no_conflict() -> None:
    facts = extract_facts([analysed("A", A), analysed("B", B)])
    assert [f for f in facts if f.verdict == "conflict"] == [], [(f.subject, f.reason) for f in facts]
    texts = " ".join(v.text for f in facts for v in f.values)
    for code in ("G7", "737", "COVID-19", "A12", "5551234", "3-1", "2021"):
        assert code not in texts
    arrests = [f for f in facts if any("demonstranten" in v.text or "500" in v.text for v in f.values)]
    assert arrests and arrests[0].verdict in ("compatible", "agree"), [(f.verdict, f.reason) for f in arrests]


def test_an_article_that_contradicts_itself_is_not_a_rival_outlet() -> None:
    a = ("Zondag werden 200 betogers opgepakt in Minsk. De politie trad hard op. "
         "Volgens een latere telling werden zondag 300 betogers opgepakt.")
    b = "In Minsk werden zondag 250 betogers opgepakt door de politie."
    facts = extract_facts([analysed("A", a), analysed("B", b)])
    assert [f for f in facts if f.verdict == "conflict"] == [], [(f.verdict, f.reason) for f in facts]


def test_a_one_article_story_has_only_single_source_facts() -> None:
    facts = extract_facts([analysed("A", A + " Zondag werden 774 betogers opgepakt. Later bleken het 900 betogers.")])
    assert facts and {f.verdict for f in facts} == {"single-source"}
