"""An English story through the real analysis: casualty figures, money in two currencies, a timeline."""

from __future__ import annotations

from storyline.model import AnalyzedArticle, Article, PartialDate
from storyline.text import analyze
from storyline.timeline import facts_and_timeline

DOCS = {
    "bbc": "A strong earthquake struck central Italy on Sunday. At least 30 people were killed and 120 injured, "
           "officials said. Rescue teams worked through the night in Amatrice.",
    "reuters": "The civil protection agency said on Monday that the quake had killed many. "
               "Renzi promised 50 million euros in emergency aid.",
    "guardian": "Italy's earthquake killed 38 people and injured 150, according to the civil protection agency. "
                "The government pledged $55 million in aid. The quake hit the town of Amatrice on Sunday.",
}


def story() -> list[AnalyzedArticle]:
    out = []
    for name, text in DOCS.items():
        art = Article(text=text, published=PartialDate(2016, 8, 29), external_id=name, language="en")
        out.append(AnalyzedArticle(art, analyze(art)))
    return out


def test_injured_figures_conflict_and_the_death_toll_bound_fits() -> None:
    result = facts_and_timeline(story())
    top = result.facts[0]
    assert top.verdict == "conflict" and {v.article for v in top.values} == {"bbc", "guardian"}
    assert {v.value for v in top.values} == {120, 150}
    dead = [f for f in result.facts if {v.value for v in f.values} == {30, 38}]
    assert dead and dead[0].verdict == "compatible"


def test_aid_in_dollars_and_euros_agrees() -> None:
    money = [f for f in facts_and_timeline(story()).facts if f.kind == "money"]
    assert len(money) == 1 and money[0].verdict == "agree" and "2016" in money[0].reason


def test_sunday_before_monday_at_day_precision_when_the_reports_are_dated() -> None:
    timeline = facts_and_timeline(story()).timeline
    days = [e.time.iso() for e in timeline if e.time is not None]
    assert days[:2] == ["2016-08-28", "2016-08-29"]
    assert set(timeline[0].articles) >= {"bbc", "guardian"}
