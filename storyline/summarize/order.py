"""Reading order of the chosen sentences: lead first, then the story's time line, then discourse.

The most central sentence opens the summary (it is what the story is about). The others follow
the time line: the earliest date a sentence names (when it is earlier than its report, e.g. the
election of 9 August in a report on a September meeting), else the report's publication date,
and within one report the order of the report. A sentence that needs its antecedent ("Ook zei
hij…") comes right after that antecedent when it is chosen, and never first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_UNKNOWN = (9999, 99, 99, 99, 99)


@dataclass
class Placed:
    """A chosen sentence with what ordering needs to know about it."""

    item: int
    sentence: int
    rank: int  # order of choice (0 = most valuable)
    relative_position: float  # sentence index / sentences in its article
    time_key: tuple[int, int, int, int, int] | None  # when what it says happened, if known
    needs_antecedent: bool
    not_first: bool = False


def order(placed: Sequence[Placed]) -> list[Placed]:
    """Chosen sentences in reading order (see module docstring)."""
    if not placed:
        return []
    openers = [p for p in placed if not p.needs_antecedent and not p.not_first]
    lead = min(openers or placed, key=lambda p: (p.rank, p.relative_position))
    known = sorted(p.time_key for p in placed if p.time_key is not None)
    middle = known[len(known) // 2] if known else _UNKNOWN

    def key(p: Placed) -> tuple[object, ...]:
        return (p.time_key or middle, p.relative_position, p.item, p.sentence)

    rest = sorted((p for p in placed if p is not lead), key=key)
    out = [lead]
    followers = {(p.item, p.sentence): p for p in rest if p.needs_antecedent}
    for p in rest:
        if p.needs_antecedent and (p.item, p.sentence - 1) in {(q.item, q.sentence) for q in placed}:
            continue  # placed right after its antecedent below
        out.append(p)
        _append_chain(out, p, followers)
    _append_chain(out, lead, followers, at=1)
    seen: set[tuple[int, int]] = set()
    result = []
    for p in out:
        if (p.item, p.sentence) not in seen:
            seen.add((p.item, p.sentence))
            result.append(p)
    return result


def _append_chain(out: list[Placed], head: Placed, followers: dict[tuple[int, int], Placed],
                  at: int | None = None) -> None:
    """Put the chosen followers of ``head`` (next sentences of its report that need it) after it."""
    chain = []
    nxt = followers.get((head.item, head.sentence + 1))
    while nxt is not None:
        chain.append(nxt)
        nxt = followers.get((nxt.item, nxt.sentence + 1))
    if not chain:
        return
    if at is None:
        out.extend(chain)
    else:
        out[at:at] = chain
