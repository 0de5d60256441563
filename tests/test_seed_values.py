"""Seed checks (../shared/seeds/gold.json): every quoted fact value and timeline date parses right.

Each value is checked twice: alone, and found inside the full seed article (so the span finder
works in context, with the real sentence splitter). Skips with a message when the seeds are absent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline.model import PartialDate, Quantity, Sentence, TimeExpr
from storyline.text.quantities import find_quantities
from storyline.text.sentences import split_sentences
from storyline.text.times import find_times

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GOLD = SEEDS / "gold.json"
YEAR_S = 31_556_952
#: Reference date a timeline stage infers for the undated seed reports (000 and 001 are about
#: the same Monday meeting as the reports dated 2020-09).
INFERRED = PartialDate(2020, 9)

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason=f"seed annotation not found at {GOLD}")


@dataclass(frozen=True)
class Want:
    """An expected quantity: kind, value, interval, unit and (optionally) the counted word."""

    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None = None
    counts: str | None = None


# Expected normalisation of every quantity value quoted in gold.json (facts and single-source facts).
EXPECTED: dict[str, list[Want]] = {
    "1,5 miljard dollar": [Want("money", 1.5e9, 1.5e9, 1.5e9, "USD")],
    "1,3 miljard euro": [Want("money", 1.3e9, 1.3e9, 1.3e9, "EUR")],
    "1,5 miljard dollar (1,25 miljard euro)": [Want("money", 1.5e9, 1.5e9, 1.5e9, "USD"),
                                               Want("money", 1.25e9, 1.25e9, 1.25e9, "EUR")],
    "bijna duizend demonstranten": [Want("count", 1000, 900, 1000, None, "demonstranten")],
    "774 betogers opgepakt, van wie 500 in de hoofdstad Minsk": [
        Want("count", 774, 774, 774, None, "betogers"), Want("count", 500, 500, 500, None, "betogers")],
    "Zeker 774 deelnemers": [Want("count", 774, 774, None, None, "deelnemers")],
    "voor de zesde week op rij": [Want("ordinal", 6, 6, 6, None, "week")],
    "voor het vijfde weekend op een rij": [Want("ordinal", 5, 5, 5, None, "weekend")],
    "meer dan honderdduizend mensen": [Want("count", 100_000, 100_000, None, None, "mensen")],
    "meer dan 100.000 Wit-Russen": [Want("count", 100_000, 100_000, None, None, "Wit-Russen")],
    "na 4 uur": [Want("duration", 14_400, 14_400, 14_400, "s")],
    "circa vier uur": [Want("duration", 14_400, 12_960, 15_840, "s")],
    "80 procent van de stemmen": [Want("percent", 80, 80, 80, "%", "stemmen")],
    "33 Russen": [Want("count", 33, 33, 33, None, "Russen")],
    "tientallen Russen": [Want("count", None, 20, 99, None, "Russen")],
    "66-jarige Lukashenko": [Want("age", 66, 66, 66, "year", "Lukashenko")],
    "al 26 jaar aan de macht": [Want("duration", 26 * YEAR_S, 26 * YEAR_S, 26 * YEAR_S, "s")],
    "de 10 procent die haar wordt toegedicht": [Want("percent", 10, 10, 10, "%")],
    "eind juli 33 Russen": [Want("count", 33, 33, 33, None, "Russen")],
}
# Expected resolution of the date values (fact "election-date") in their report.
DATE_VALUES: dict[str, str] = {"vorige maand": "2020-08", "9 augustus": "2020-08-09"}


def _gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _article(name: str) -> tuple[str, PartialDate | None]:
    """Body text and header date of a seed file (' date YYYY-MM' header, see gold.json)."""
    raw = (SEEDS / name).read_text(encoding="utf-8")
    m = re.match(r"^ date (\S+) ", raw)
    if m:
        return raw[m.end():], PartialDate.parse(m.group(1))
    return raw, None


def _quantity_values() -> list[tuple[str, str]]:
    gold = _gold()
    out = [(doc, value) for fact in gold["facts"] if fact["kind"] not in ("date", "quote")
           for doc, value in fact["values"].items()]
    out += [(f["document"], f["text"]) for f in gold["single_source_facts"]]
    return out


def _matches(q: Quantity, want: Want) -> bool:
    def same(a: float | None, b: float | None) -> bool:
        return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 1e-6 * max(1, abs(b)))

    return (q.kind == want.kind and q.unit == want.unit and same(q.value, want.value)
            and same(q.low, want.low) and same(q.high, want.high)
            and (want.counts is None or q.counts == want.counts))


def test_every_gold_quantity_value_has_an_expectation() -> None:
    missing = {value for _, value in _quantity_values()} - set(EXPECTED)
    assert not missing, f"gold.json has values this test does not check: {missing}"


@pytest.mark.parametrize("value", sorted(EXPECTED))
def test_value_alone(value: str) -> None:
    found = find_quantities(value, [Sentence(0, 0, len(value), value)], "nl")
    found = [q for q in found if q.kind != "ordinal" or any(w.kind == "ordinal" for w in EXPECTED[value])]
    assert len(found) == len(EXPECTED[value]), [q.text for q in found]
    for q, want in zip(found, EXPECTED[value]):
        assert _matches(q, want), (q, want)


@pytest.mark.parametrize(("document", "value"), _quantity_values() if GOLD.exists() else [])
def test_value_in_article_context(document: str, value: str) -> None:
    text, _ = _article(document)
    at = text.find(value)
    assert at >= 0, f"{value!r} not in {document}"
    sentences = split_sentences(text, "nl")
    found = [q for q in find_quantities(text, sentences, "nl") if at <= q.start < at + len(value)]
    for want in EXPECTED[value]:
        assert any(_matches(q, want) for q in found), (value, want, found)
        q = next(q for q in found if _matches(q, want))
        assert text[q.start:q.end] == q.text
        assert sentences[q.sentence].start <= q.start < sentences[q.sentence].end


def _times(document: str, reference: PartialDate | None = None) -> list[TimeExpr]:
    text, published = _article(document)
    return find_times(text, split_sentences(text, "nl"), published or reference, "nl")


@pytest.mark.parametrize(("document", "value"), [
    (doc, value) for fact in (_gold()["facts"] if GOLD.exists() else []) if fact["kind"] == "date"
    for doc, value in fact["values"].items()])
def test_date_values_in_context(document: str, value: str) -> None:
    found = [t for t in _times(document, INFERRED) if t.text.lower().endswith(value)]
    assert found, f"{value!r} not found as a time in {document}"
    assert {t.value.iso() for t in found if t.value} == {DATE_VALUES[value]}


def test_timeline_dates_resolve_with_the_right_precision() -> None:
    docs = {name for story in _gold()["stories"] for name in story["documents"]}
    times = {doc: _times(doc, INFERRED) for doc in docs}

    def has(doc: str, iso: str, weekday: int | None = None, part: str | None = None) -> bool:
        return any(t.value is not None and t.value.iso() == iso and t.weekday == weekday and t.part == part
                   for t in times[doc])

    # 1. end of July: 33 Russians arrested (000)
    assert has("000_c21658cd86badd4b.txt", "2020-07", part="late")
    # 2. the election on 9 August (002, 003) and "vorige maand" in 000
    assert has("002_4113c25ad55cc416.txt", "2020-08-09") and has("003_c67a0596dba05bab.txt", "2020-08-09")
    assert has("000_c21658cd86badd4b.txt", "2020-08")
    # 3. August: Putin offers support (004, "deze week" in a report dated 2020-08)
    assert has("004_db7e82f0f86a5966.txt", "2020-08")
    # 4. a Sunday in September: protests (001, 002, 003) — month precision plus weekday, no invented day
    for doc in ("001_62fcb3cfc53ec9e0.txt", "002_4113c25ad55cc416.txt", "003_c67a0596dba05bab.txt"):
        assert has(doc, "2020-09", weekday=6), doc
    # 5. a Monday in September: the meeting (001, 002, 003)
    for doc in ("001_62fcb3cfc53ec9e0.txt", "002_4113c25ad55cc416.txt", "003_c67a0596dba05bab.txt"):
        assert has(doc, "2020-09", weekday=0), doc
    monday = next(t for t in times["002_4113c25ad55cc416.txt"] if t.weekday == 0)
    assert monday.value.precision == "month" and monday.description == "a Monday in September 2020"
    # no date anywhere is finer than the report's month unless the text names the day
    for doc, found in times.items():
        for t in found:
            if t.value is not None and t.value.precision == "day":
                assert re.search(r"\d", t.text), (doc, t.text)


def test_undated_reports_keep_what_is_known_without_reference() -> None:
    found = _times("000_c21658cd86badd4b.txt")
    late_july = next(t for t in found if t.text == "eind juli")
    assert late_july.value is None and late_july.part == "late" and "July" in late_july.description
    monday = [t for t in _times("001_62fcb3cfc53ec9e0.txt") if t.weekday == 0]
    assert monday and all(t.value is None for t in monday)
