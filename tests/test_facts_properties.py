"""Properties of the comparison of two figures (hypothesis): symmetric, conflicts only when disjoint."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.facts.bounds import overlap
from storyline.facts.claims import Claim
from storyline.facts.compare import claim_bounds, relation
from storyline.model import PartialDate

QUALIFIERS = ["exact", "approx", "at_least", "more_than", "at_most", "less_than", "almost", "range", "vague"]


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    kind = draw(st.sampled_from(["count", "money", "percent"]))
    value = draw(st.integers(min_value=1, max_value=10**9)).__float__()
    qualifier = draw(st.sampled_from(QUALIFIERS))
    low, high = value, value
    if qualifier in ("range", "vague"):
        high = value * draw(st.floats(min_value=1.0, max_value=5.0))
    unit = draw(st.sampled_from(["EUR", "USD", "GBP", "JPY"])) if kind == "money" else ("%" if kind == "percent" else None)
    text = f"{int(value)}"
    return Claim(0, kind, "a", "a", 0, 0, len(text), text, None if qualifier == "vague" else value, low, high, unit,
                 qualifier, "", ref_date=PartialDate(2020, 9))


@settings(max_examples=300, deadline=None)
@given(claims(), claims())
def test_relation_is_symmetric(a: Claim, b: Claim) -> None:
    if a.kind != b.kind:
        return
    assert relation(a, b).kind == relation(b, a).kind


@settings(max_examples=300, deadline=None)
@given(claims(), claims())
def test_conflict_only_when_no_value_fits_both(a: Claim, b: Claim) -> None:
    if a.kind != b.kind:
        return
    r = relation(a, b).kind
    if r == "conflict":
        assert not overlap(claim_bounds(a), claim_bounds(b))
    elif r in ("agree", "compatible"):
        assert overlap(claim_bounds(a), claim_bounds(b))


@settings(max_examples=200, deadline=None)
@given(claims())
def test_a_figure_agrees_with_itself(a: Claim) -> None:
    assert relation(a, a).kind in ("agree", "compatible")
