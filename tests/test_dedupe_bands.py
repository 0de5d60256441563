"""The dedupe index's own LSH bands (storyline.dedupe._Bands) against datasketch's MinHashLSH, and
saved indexes in every format (one base64 text of all signatures now; before, one base64 text or one
integer list per signature)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
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
        ours.insert(key, sig.hashvalues)
        theirs.insert(key, sig)
    hits = 0
    for sig in sigs.values():
        found = ours.query(sig.hashvalues)
        assert found == set(theirs.query(sig))
        hits += len(found) > 1
    assert hits > 0  # DPG has syndicated copies: some queries find more than themselves
    for key in list(sigs)[:300]:
        ours.remove(key, sigs[key].hashvalues)
        theirs.remove(key)
    for sig in sigs.values():
        assert ours.query(sig.hashvalues) == set(theirs.query(sig))
    many = _Bands(NEAR_JACCARD, NUM_PERM)  # a saved index is inserted band by band from one array
    many.insert_many(list(sigs), np.array([s.hashvalues for s in sigs.values()]))
    single = _Bands(NEAR_JACCARD, NUM_PERM)
    for key, sig in sigs.items():
        single.insert(key, sig.hashvalues)
    assert many.tables == single.tables


def test_saved_indexes_in_the_old_formats_still_load() -> None:
    texts = dpg_texts(200)
    index = DuplicateIndex()
    for i, t in enumerate(texts):
        index.add(str(i), t)
    new = json.loads(json.dumps(index.state_dict()))
    assert isinstance(new["sig_rows"], str) and len(new["sig_keys"]) > 150
    before = {k: v for k, v in new.items() if k not in ("sig_keys", "sig_rows")}
    texts_each = dict(before, sigs={k: base64.b64encode(v.astype("<u4").tobytes()).decode() for k, v in index._sigs.items()})
    integers = dict(before, sigs={k: [int(x) for x in v] for k, v in index._sigs.items()})
    for state in (new, texts_each, integers):
        again = DuplicateIndex.from_state(state)
        assert again.state_dict() == index.state_dict()
        assert again.groups() == index.groups()
        assert again.add("copy", texts[3]) == index._root["3"]  # an exact copy finds text 3's group
