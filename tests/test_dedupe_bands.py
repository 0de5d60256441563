"""The dedupe index's own LSH bands (storyline.dedupe._Bands) against datasketch's MinHashLSH, and
saved indexes in both formats (base64 signatures now, integer lists before)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from datasketch import MinHashLSH

from storyline.dedupe import NEAR_JACCARD, NUM_PERM, DuplicateIndex, _Bands, minhash

DPG = Path(__file__).resolve().parents[2] / "shared" / "data" / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl"


def dpg_texts(n: int) -> list[str]:
    if not DPG.exists():
        pytest.skip("DPG data not present (../shared/data)")
    rows = [json.loads(line) for line in DPG.open(encoding="utf-8")]
    return [r["text"] for r in rows[:n]]


def test_candidates_equal_datasketch_lsh_on_real_articles() -> None:
    sigs = {str(i): s for i, t in enumerate(dpg_texts(600)) if (s := minhash(t)) is not None}
    ours, theirs = _Bands(NEAR_JACCARD, NUM_PERM), MinHashLSH(threshold=NEAR_JACCARD, num_perm=NUM_PERM)
    for key, sig in sigs.items():
        ours.insert(key, sig)
        theirs.insert(key, sig)
    hits = 0
    for sig in sigs.values():
        found = ours.query(sig)
        assert found == set(theirs.query(sig))
        hits += len(found) > 1
    assert hits > 0  # DPG has syndicated copies: some queries find more than themselves
    for key in list(sigs)[:300]:
        ours.remove(key, sigs[key])
        theirs.remove(key)
    for sig in sigs.values():
        assert ours.query(sig) == set(theirs.query(sig))


def test_saved_index_in_the_old_integer_format_still_loads() -> None:
    texts = dpg_texts(200)
    index = DuplicateIndex()
    for i, t in enumerate(texts):
        index.add(str(i), t)
    new = json.loads(json.dumps(index.state_dict()))
    assert all(isinstance(v, str) for v in new["sigs"].values())
    old = dict(new, sigs={k: [int(x) for x in index._sigs[k].hashvalues] for k in new["sigs"]})
    for state in (new, old):
        again = DuplicateIndex.from_state(state)
        assert again.state_dict() == index.state_dict()
        assert again.groups() == index.groups()
        assert again.add("copy", texts[3]) == index._root["3"]  # an exact copy finds text 3's group
