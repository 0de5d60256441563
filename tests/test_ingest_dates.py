"""Date parsers and the seed header parser: examples plus hypothesis properties (never raise, round trips)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.dates import MONTHS, parse_date, parse_written_date, split_date_header
from storyline.model import PartialDate

DUTCH_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                "oktober", "november", "december"]
DUTCH_ABBR = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
DUTCH_DAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-09", PartialDate(2020, 9)),
        ("2020", PartialDate(2020)),
        ("2019-02-21 10:30:00", PartialDate(2019, 2, 21, 10, 30)),
        ("2020-09-14T18:30:00+02:00", PartialDate(2020, 9, 14, 18, 30)),
        ("2020-09-14T16:30:00.000Z", PartialDate(2020, 9, 14, 16, 30)),
        ("2020-09-14 10:30:00 +0200", PartialDate(2020, 9, 14, 10, 30)),
        ("2020-09-14 10:30 CEST", PartialDate(2020, 9, 14, 10, 30)),
        ("ma, 14 sep 2020 10:00:00 +0200", PartialDate(2020, 9, 14, 10, 0)),
        ("Mon, 14 Sep 2020 10:00:00 GMT", PartialDate(2020, 9, 14, 10, 0)),
        ("14 september 2020", PartialDate(2020, 9, 14)),
        ("maandag 14 september 2020, 21:05", PartialDate(2020, 9, 14, 21, 5)),
        ("14 sept. 2020", PartialDate(2020, 9, 14)),
        ("3 mrt 2019", PartialDate(2019, 3, 3)),
        ("September 14, 2020", PartialDate(2020, 9, 14)),
        ("september 2020", PartialDate(2020, 9)),
        ("14-09-2020", PartialDate(2020, 9, 14)),
        ("14/9/2020 08.15 uur", PartialDate(2020, 9, 14, 8, 15)),
        ("2020/09/14", PartialDate(2020, 9, 14)),
        (1600106700, PartialDate(2020, 9, 14, 18, 5)),  # epoch seconds (UTC)
        ("1600106700", PartialDate(2020, 9, 14, 18, 5)),
    ],
)
def test_parse_date_examples(text: object, expected: PartialDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "gisteren", "2020-13", "31 februari 2020", "30-02-2020", "0000", "14 sep", None, True, [], {},
     "2020-09-14T25:00", "-5", float("nan"), 10**30],
)
def test_parse_date_unknown_is_none(text: object) -> None:
    assert parse_date(text) is None


@given(st.text(max_size=120))
@settings(max_examples=400, deadline=None)
def test_parsers_never_raise(text: str) -> None:
    result = parse_date(text)
    assert result is None or isinstance(result, PartialDate)
    assert parse_written_date(text) is None or isinstance(parse_written_date(text), PartialDate)
    split = split_date_header(text)
    assert isinstance(split.body, str)
    if not split.had_header:
        assert split.body == text and split.published is None


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1000, 9999))
    precision = draw(st.sampled_from(["year", "month", "day", "minute"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    day = draw(st.integers(1, 28))
    if precision == "day":
        return PartialDate(year, month, day)
    return PartialDate(year, month, day, draw(st.integers(0, 23)), draw(st.integers(0, 59)))


@given(partial_dates())
def test_iso_round_trip(date: PartialDate) -> None:
    assert parse_date(date.iso()) == date
    assert parse_date(" " + date.iso() + " ") == date


@given(partial_dates().filter(lambda d: d.day is not None), st.sampled_from(["full", "abbr"]), st.booleans())
def test_dutch_written_round_trip(date: PartialDate, style: str, weekday: bool) -> None:
    month = (DUTCH_MONTHS if style == "full" else DUTCH_ABBR)[date.month - 1]  # type: ignore[index]
    text = f"{date.day} {month} {date.year}"
    if weekday:
        text = f"{DUTCH_DAYS[date.year % 7]}, {text}"  # the weekday is ignored, whichever it is
    if date.hour is not None:
        text += f" {date.hour:02d}:{date.minute:02d}:00 +0200"
    assert parse_date(text) == date


def test_month_table_is_consistent() -> None:
    for index, name in enumerate(DUTCH_MONTHS, start=1):
        assert MONTHS[name] == index and MONTHS[DUTCH_ABBR[index - 1]] == index


@given(partial_dates(), st.text(min_size=1, max_size=200).filter(lambda s: not s[0].isspace()))
def test_seed_header_round_trip(date: PartialDate, body: str) -> None:
    split = split_date_header(f" date {date.iso()} {body}")
    assert split.had_header
    assert split.published == date
    assert split.body == body


@pytest.mark.parametrize(
    ("text", "published", "body"),
    [
        (" date 2020-09 Nu de protesten", PartialDate(2020, 9), "Nu de protesten"),
        ("date 2020-08\nRusland zegt", PartialDate(2020, 8), "\nRusland zegt"),
        (" date 2020-13 Tekst", None, "Tekst"),  # impossible month: header removed, date unknown
        ("De date 2020-09 staat niet vooraan", None, "De date 2020-09 staat niet vooraan"),
        (" dates 2020-09 Tekst", None, " dates 2020-09 Tekst"),
        (" date 2020-09x Tekst", None, " date 2020-09x Tekst"),
    ],
)
def test_seed_header_examples(text: str, published: PartialDate | None, body: str) -> None:
    split = split_date_header(text)
    assert (split.published, split.body) == (published, body)
