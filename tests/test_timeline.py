"""The timeline on hand-built time expressions: order, honest precision, merging, weekday runs, inference."""

from __future__ import annotations

from storyline.facts.dating import reference_dates
from storyline.model import PartialDate, TimeExpr
from storyline.timeline import build_timeline, facts_and_timeline
from tests.test_facts import article


def t(text: str, phrase: str, value: PartialDate | None, weekday: int | None = None, part: str | None = None,
      relative: bool = False) -> TimeExpr:
    start = text.index(phrase)
    return TimeExpr(-1, start, start + len(phrase), phrase, value, weekday, part, relative)


SEP, AUG, JUL = PartialDate(2020, 9), PartialDate(2020, 8), PartialDate(2020, 7)

A = ("Poetin en Loekasjenko ontmoetten elkaar maandag in Sotsji voor lange gesprekken. "
     "Zondag werden 774 betogers opgepakt in Minsk tijdens grote protesten. "
     "De presidentsverkiezingen van 9 augustus wonnen ze volgens de officiële cijfers.")
B = ("Afgelopen zondag gingen duizenden betogers in Minsk de straat op tegen de grote protesten. "
     "Eind juli werden 33 Russen opgepakt in het land.")
C = ("Rusland zegt Loekasjenko te steunen in het kader van het militaire pact tussen de twee landen. "
     "Het Kremlin lijkt mee te gaan met de stelling van de president over de protesten. "
     "De EU kondigde deze week sancties aan tegen het land.")


def story() -> list:
    return [
        article("A", A, times=[t(A, "maandag", SEP, 0, relative=True), t(A, "Zondag", SEP, 6, relative=True),
                               t(A, "9 augustus", PartialDate(2020, 8, 9))]),
        article("B", B, times=[t(B, "Afgelopen zondag", SEP, 6, relative=True), t(B, "Eind juli", JUL, part="late")]),
        article("C", C, published=AUG, times=[t(C, "deze week", AUG, relative=True)]),
    ]


def test_entries_are_in_time_order_at_the_precision_known() -> None:
    entries = build_timeline(story())
    described = [e.description for e in entries]
    assert described[0] == "late July 2020"
    assert described[1] == "9 August 2020"
    assert described[2] == "August 2020"
    assert described[3].startswith("a Sunday in September 2020")
    assert described[4] == "a Monday in September 2020"
    assert [e.time.iso() for e in entries] == ["2020-07", "2020-08-09", "2020-08", "2020-09", "2020-09"]
    assert [e.precision for e in entries] == ["month", "day", "month", "month", "month"]


def test_sunday_comes_before_the_monday_of_the_same_report() -> None:
    entries = build_timeline(story())
    sunday = next(e for e in entries if e.weekday == 6)
    monday = next(e for e in entries if e.weekday == 0)
    assert entries.index(sunday) < entries.index(monday)
    assert "the day before the Monday" in sunday.description


def test_the_same_day_from_several_reports_is_one_entry_citing_all() -> None:
    entries = build_timeline(story())
    sundays = [e for e in entries if e.weekday == 6]
    assert len(sundays) == 1
    assert sundays[0].articles == ["A", "B"]
    assert {ref.sentence for ref in sundays[0].support} == {0, 1}


def test_every_entry_is_cited_and_labelled_from_its_sentence() -> None:
    items = story()
    texts = {it.article.label: it.article.text for it in items}
    for e in build_timeline(items):
        assert e.articles and e.support
        assert any(e.label.rstrip(" …")[:40] in texts[a] for a in e.articles)


def test_a_lead_without_time_is_placed_at_its_publication_month_and_says_so() -> None:
    entries = build_timeline(story())
    august = next(e for e in entries if e.description == "August 2020")
    assert august.articles == ["C"]
    assert any("publication date" in n for n in august.notes)


def test_undated_report_is_read_against_the_most_similar_dated_one() -> None:
    d_text = "Poetin en Loekasjenko spraken elkaar in Sotsji. Het ging om de lening."
    items = story() + [article("D", d_text, published=None)]
    refs = reference_dates(items)
    ref = refs[items[-1].id]
    assert ref.inferred and ref.date == PartialDate(2020, 9)
    assert "D has no date" in ref.note and "A" in ref.note


def test_no_date_anywhere_gives_no_invented_date() -> None:
    text = "Poetin en Loekasjenko spraken elkaar maandag in Sotsji over een lening."
    items = [article("X", text, published=None)]
    result = facts_and_timeline(items)
    assert all(e.time is None or e.time.year != 1 for e in result.timeline)
    assert reference_dates(items)[items[0].id].date is None


def test_timeline_json_has_the_documented_shape() -> None:
    d = build_timeline(story())[0].to_dict()
    assert set(d) >= {"time", "precision", "label", "articles"}
    assert d["time"] == "2020-07" and d["articles"] == ["B"]
