"""B-cubed precision/recall/F1 between two clusterings (Bagga & Baldwin 1998).

Used by the clustering benchmark, the CI quality gates and the stream-vs-batch stability check;
every item must appear in both clusterings (items missing from one are scored as singletons).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    """B-cubed scores plus the number of predicted and gold clusters."""

    precision: float
    recall: float
    f1: float
    predicted_clusters: int
    gold_clusters: int


def labels_from_groups(groups: Sequence[Sequence[Hashable]]) -> dict[Hashable, int]:
    """Turn a list of groups of items into an item → group index mapping."""
    out: dict[Hashable, int] = {}
    for i, group in enumerate(groups):
        for item in group:
            out[item] = i
    return out


def bcubed(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> BCubed:
    """B-cubed scores of ``predicted`` (item → cluster label) against ``gold`` (item → label).

    Averaged over the items of ``gold``; an item absent from ``predicted`` counts as a singleton.
    """
    items = list(gold)
    if not items:
        return BCubed(1.0, 1.0, 1.0, 0, 0)
    pred = {item: predicted.get(item, ("__singleton__", item)) for item in items}
    pair = Counter((pred[i], gold[i]) for i in items)
    psize = Counter(pred.values())
    gsize = Counter(gold[i] for i in items)
    p = sum(pair[(pred[i], gold[i])] / psize[pred[i]] for i in items) / len(items)
    r = sum(pair[(pred[i], gold[i])] / gsize[gold[i]] for i in items) / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return BCubed(p, r, f, len(psize), len(gsize))
