"""Time expressions resolved against the publication date (storyline.text.times)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import PartialDate, Sentence, TimeExpr
from storyline.text.times import find_times


def one_sentence(text: str) -> list[Sentence]:
    return [Sentence(index=0, start=0, end=len(text), text=text)]


def times(text: str, published: str | None, language: str = "nl") -> list[TimeExpr]:
    pub = PartialDate.parse(published) if published else None
    return find_times(text, one_sentence(text), pub, language)


def only(text: str, published: str | None, language: str = "nl") -> TimeExpr:
    found = times(text, published, language)
    assert len(found) == 1, [t.text for t in found]
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t


def iso(t: TimeExpr) -> str | None:
    return t.value.iso() if t.value else None


@pytest.mark.parametrize(("text", "published", "value", "weekday", "part"), [
    ("de verkiezingen van 9 augustus", "2020-09", "2020-08-09", None, None),
    ("op 9 augustus 2020", None, "2020-08-09", None, None),
    ("de verkiezingen van vorige maand", "2020-09", "2020-08", None, None),
    ("eind juli werden 33 Russen opgepakt", "2020-09", "2020-07", None, "late"),
    ("sinds begin augustus", "2020-09", "2020-08", None, "early"),
    ("half juli", "2020-09", "2020-07", None, "mid"),
    ("ze ontmoetten elkaar maandag", "2020-09", "2020-09", 0, None),
    ("ze ontmoetten elkaar maandag", "2020-09-15", "2020-09-14", 0, None),
    ("zondag gingen ze de straat op", "2020-09-15", "2020-09-13", 6, None),
    ("afgelopen zondag", "2020-09", "2020-09", 6, None),
    ("afgelopen dinsdag", "2020-09-15", "2020-09-08", 1, None),
    ("komende maandag", "2020-09-15", "2020-09-21", 0, None),
    ("hij had niet verwacht dat hij zondagmorgen zou spreken", "2019-03-26", "2019-03-24", 6, None),
    ("de minister zal maandag spreken", "2020-09-15", "2020-09-21", 0, None),
    ("gisteren", "2020-09-15", "2020-09-14", None, None),
    ("vandaag", "2020-09-15", "2020-09-15", None, None),
    ("morgen begint het", "2020-09-15", "2020-09-16", None, None),
    ("eergisteren", "2020-09-01", "2020-08-30", None, None),
    ("vorige week", "2020-09-15", "2020-09", None, None),
    ("vorige week", "2020-09-02", "2020-08", None, None),  # 24–30 August
    ("vorige week", "2020-09-08", "2020", None, None),  # 31 August – 6 September: only the year
    ("twee weken geleden", "2020-09-15", "2020-09", None, None),
    ("3 dagen geleden", "2020-09-15", "2020-09-12", None, None),
    ("tien dagen geleden", "2020-09", "2020", None, None),
    ("over twee weken", "2020-09-15", "2020-09", None, None),
    ("over drie maanden", "2020-09-15", "2020-12", None, None),
    ("vorig jaar", "2020-09", "2019", None, None),
    ("in 2019", None, "2019", None, None),
    ("september 2020", None, "2020-09", None, None),
    ("in augustus", "2020-09", "2020-08", None, None),
    ("in oktober", "2020-09", "2020-10", None, None),  # up to three months ahead: upcoming
    ("in december", "2020-04", "2019-12", None, None),
    ("op 26 februari vorig jaar", "2019-04-10", "2018-02-26", None, None),
    ("in oktober vorig jaar", "2019-03", "2018-10", None, None),
    ("in oktober zal hij aftreden", "2020-09", "2020-10", None, None),
    ("maandag 14 september 2020", None, "2020-09-14", 0, None),
    ("eind vorig jaar", "2020-09-15", "2019", None, "late"),
    ("begin dit jaar", "2020-09-15", "2020", None, "early"),
    ("medio 2020", None, "2020", None, "mid"),
    ("afgelopen weekend", "2020-09-15", "2020-09", None, None),
    ("14-09-2020", None, "2020-09-14", None, None),
    ("2020-09-14", None, "2020-09-14", None, None),
])
def test_dutch_times(text: str, published: str | None, value: str | None, weekday: int | None,
                     part: str | None) -> None:
    t = only(text, published)
    assert (iso(t), t.weekday, t.part) == (value, weekday, part)


@pytest.mark.parametrize(("text", "published", "value", "weekday", "part"), [
    ("last Monday", "2020-09-16", "2020-09-14", 0, None),
    ("on Aug. 9", "2020-09", "2020-08-09", None, None),
    ("August 9, 2020", None, "2020-08-09", None, None),
    ("yesterday", "2020-09-15", "2020-09-14", None, None),
    ("last month", "2020-09-15", "2020-08", None, None),
    ("in late July", "2020-09", "2020-07", None, "late"),
    ("three days ago", "2020-09-15", "2020-09-12", None, None),
    ("in 2019", None, "2019", None, None),
    ("announced last November", "2005-02-17", "2004-11", None, None),
    ("next March", "2005-02-17", "2005-03", None, None),
])
def test_english_times(text: str, published: str | None, value: str | None, weekday: int | None,
                       part: str | None) -> None:
    t = only(text, published, "en")
    assert (iso(t), t.weekday, t.part) == (value, weekday, part)


def test_month_precision_weekday_is_described_not_invented() -> None:
    t = only("Poetin ontving Loekasjenko maandag in Sotsji.", "2020-09")
    assert t.value == PartialDate(2020, 9) and t.value.precision == "month"
    assert t.description == "a Monday in September 2020"
    assert t.relative


def test_without_publication_date_keeps_what_is_known() -> None:
    t = only("eind juli", None)
    assert t.value is None and t.part == "late" and "July" in t.description
    t = only("maandag", None)
    assert t.value is None and t.weekday == 0 and "Monday" in t.description
    t = only("vorige maand", None)
    assert t.value is None and t.relative


@pytest.mark.parametrize("text", [
    "al 26 jaar aan de macht", "een lening van 1,5 miljard", "'s morgens vroeg", "zo'n vier uur",
    "het 4G-netwerk", "1,5,3", "may be true", "they march on", "774 betogers",
])
def test_not_times(text: str) -> None:
    assert times(text, "2020-09", "en" if text.startswith(("may", "they")) else "nl") == []


def test_sentence_index() -> None:
    text = "Eerste zin. Zondag gingen ze de straat op."
    sentences = [Sentence(0, 0, 11, text[:11]), Sentence(1, 12, len(text), text[12:])]
    found = find_times(text, sentences, PartialDate(2020, 9), "nl")
    assert [(t.sentence, t.text, t.weekday) for t in found] == [(1, "Zondag", 6)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from([None, "2020", "2020-09", "2020-09-15", "0001-01-01",
                                                "9999-12-31"]))
def test_never_raises(text: str, published: str | None) -> None:
    pub = PartialDate.parse(published) if published else None
    for t in find_times(text, one_sentence(text), pub, "nl"):
        assert text[t.start:t.end] == t.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["9", " ", "augustus", "maandag", "vorige", "week", "geleden", "twee",
                                 "eind", "juli", "2020", "-", "/", "May", "in", "op", "0"]), max_size=25),
       st.sampled_from([None, "0001-01", "9999-12-31", "2020-02-29"]))
def test_never_raises_on_date_soup(parts: list[str], published: str | None) -> None:
    pub = PartialDate.parse(published) if published else None
    text = "".join(parts)
    find_times(text, one_sentence(text), pub, "nl")


def test_large_input_runs_in_bounded_time() -> None:
    chunk = "Zondag 9 augustus gingen 774 mensen twee weken geleden eind juli de straat op. "
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    t0 = time.process_time()
    found = find_times(text, one_sentence(text), PartialDate(2020, 9, 15), "nl")
    assert time.process_time() - t0 < 1.5
    assert len(found) > 3000
    for soup in ("9 " * 50_000, "maandag" * 14_000, "1-1-" * 25_000):
        t0 = time.process_time()
        find_times(soup, one_sentence(soup), PartialDate(2020, 9), "nl")
        assert time.process_time() - t0 < 1.0


def test_week_phrases_name_their_days() -> None:
    assert only("vorige week", "2020-09-15").description == "the week of 7–13 September 2020"
    assert only("afgelopen weekend", "2020-09-15").description == "the weekend of 12–13 September 2020"
    assert only("vorige week", "2020-09-01").description == "the week of 24–30 August 2020"


def test_out_of_range_dates_skip_only_that_phrase() -> None:
    found = times("vorig jaar en op maandag", "0001-01-05")
    assert [(t.text, t.value) for t in found] == [("vorig jaar", None), ("op maandag", PartialDate(1, 1, 1))]
    found = times("volgend jaar, 9 augustus", "9999-12")
    assert any(t.text == "9 augustus" for t in found)



def test_english_over_is_a_span_not_a_future_date() -> None:
    assert times("a decline of 320,000 over three years", "1998-11", "en") == []
    assert times("in the early 1990s", "1998-11", "en") == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["9", "23", " ", "\n", "(", "augustus", "maart", "maandag", "vorige", "week",
                                 "weken", "geleden", "twee", "drie", "eind", "juli", "2015", "in", "op", "deze",
                                 "jaar", "jaren", "over", "gisteren", "zondagavond", ",", "last", "Monday",
                                 "ago", "May", "10", "-", "/", "2020", "begin", "dit"]), max_size=30))
def test_anchored_search_finds_what_a_full_scan_finds(parts: list[str]) -> None:
    """The anchor shortcut (times._matches) must not lose phrases the full pattern scan finds."""
    from storyline.text import times as module

    text = "".join(parts) if len(parts) % 2 else " ".join(parts)
    full = [(m.start(), m.end()) for m in module._TIME.finditer(text)]
    assert [(m.start(), m.end()) for m in module._matches(text)] == full


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["9", " ", "\n", "augustus", "aug.", "maandag", "vorige", "week", "weken",
                                 "geleden", "twee", "eind", "juli", "2015", "in", "op", "deze", "jaar", "jaren",
                                 "over", "gisteren", "gisteravond", "zondagavond", "vannacht", "morgen",
                                 "maanden", "dagen", "begin", "dit", "weekend", "het", "-", "14", "09"]),
                max_size=30),
       st.sampled_from([" ", ""]))
def test_dutch_anchors_find_what_a_full_scan_finds(parts: list[str], sep: str) -> None:
    from storyline.text import times as module

    text = sep.join(parts)
    full = [(m.start(), m.end()) for m in module._TIME.finditer(text)]
    assert [(m.start(), m.end()) for m in module._matches(text, "nl")] == full


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["9", " ", "\n", "August", "Aug.", "Monday", "last", "week", "weeks", "ago",
                                 "two", "late", "July", "2015", "in", "on", "this", "year", "yesterday",
                                 "tonight", "Friday", "night", "months", "days", "early", "next", "May"]),
                max_size=30), st.sampled_from([" ", ""]))
def test_english_anchors_find_what_a_full_scan_finds(parts: list[str], sep: str) -> None:
    from storyline.text import times as module

    text = sep.join(parts)
    full = [(m.start(), m.end()) for m in module._TIME.finditer(text)]
    assert [(m.start(), m.end()) for m in module._matches(text, "en")] == full
