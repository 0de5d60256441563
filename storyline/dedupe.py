"""Exact and near-duplicate articles: syndicated copies, lightly edited copies, one wire story
under two headlines.

Exact duplicates share ``content_hash`` (text normalised for layout and quote style). Near
duplicates are found with MinHash LSH (datasketch) on word 5-shingles of the normalised body:
two bodies whose estimated shingle Jaccard is at least ``NEAR_JACCARD`` are copies. The title is
not used, so the same text under two headlines is one group. ``NEAR_JACCARD`` 0.5 was chosen on
the DPG 2019 articles (benchmarks/bench_cluster.py, gold built by word alignment, not MinHash):
0.5 → pair precision 1.000 / recall 0.957 (the two misses are copies trimmed by ~15 % and
re-edited, Jaccard 0.45-0.46); 0.4 → 0.957 / 0.957; 0.35 → 0.959 / 1.000 (it adds shortened
versions of a longer article, which we would rather show as separate reports).

The original of a group is the earliest published article, else the first seen.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from datasketch.minhash import (
    _fmix,  # the scheme's pre-mix (datasketch is pinned; tests compare with MinHash)
)

from storyline.model import AnalyzedArticle, Article, normalize_for_hash

SHINGLE = 5
NUM_PERM = 64
NEAR_JACCARD = 0.5
MIN_WORDS = 12  # shorter bodies only match exactly: a few words give no evidence of copying
WINDOW = 50_000  # near-duplicate search looks back this many articles (copies appear within days)
_WORD = re.compile(r"\w+", re.UNICODE)


SEED = 7
# Drawing permutations is the slow part of MinHash(); draw them once and share them.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Word n-gram shingles of the normalised text, as UTF-8 bytes for hashing."""
    return _shingles_of(_WORD.findall(normalize_for_hash(text)), size)


def _shingles_of(words: list[str], size: int = SHINGLE) -> set[bytes]:
    """Shingles of a word list: ``" ".join(words[i:i + size]).encode()`` for every i, each cut as one slice
    of the whole joined text (encoded once; words hold no spaces, so the separators give the offsets)."""
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    data = " ".join(words).encode()
    spaces = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 32)
    starts = [0, *(spaces + 1).tolist()]
    ends = [*spaces.tolist(), len(data)]
    return set(map(data.__getitem__, map(slice, starts, ends[size - 1:])))


def minhash(text: str) -> LeanMinHash | None:
    """MinHash signature of a body, or None when it is too short to judge copying."""
    values = _hashvalues_normalized(normalize_for_hash(text))
    return None if values is None else LeanMinHash(seed=SEED, hashvalues=values, scheme=_TEMPLATE.scheme)


def _hashvalues_normalized(normalized: str) -> np.ndarray | None:
    """The signature's values (what the index keeps: a plain array, no MinHash object), or None when
    the text is too short to judge copying."""
    sh = _shingles_of(_WORD.findall(normalized))
    if len(sh) < MIN_WORDS - SHINGLE + 1:
        return None
    return _hashvalues(sh)


_PERM_A, _PERM_B = _TEMPLATE.permutations
_SCHEME_WIDTH = 32  # the affine32 scheme of datasketch 2 (the default): 32-bit hashes, wrapping arithmetic
assert _TEMPLATE.scheme == "affine32"


def _hashvalues(values: set[bytes]) -> np.ndarray:
    """The values of ``MinHash(...).update_batch(values)``, vectorised: crc32 of each value, datasketch's
    pre-mix, the affine permutations, the minimum per permutation (tests compare it with MinHash)."""
    hv = _fmix(np.fromiter(map(zlib.crc32, values), dtype=np.uint32, count=len(values)), _SCHEME_WIDTH)
    phv = hv.reshape(-1, 1) * _PERM_A + _PERM_B
    return np.minimum(_TEMPLATE.hashvalues, phv.min(axis=0))


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: what ``LeanMinHash.jaccard`` computes."""
    return float(np.count_nonzero(a == b)) / float(len(a))


class _Bands:
    """MinHash LSH as plain dicts: ``b`` bands of ``r`` signature values; two signatures are candidates
    when one band is equal. The banding is datasketch's (``MinHashLSH`` picks b and r for the threshold),
    so candidates are the same, but an insert costs a few dict appends instead of ~0.3 ms, and a
    saved index is inserted band by band from one array (``insert_many``). Signatures are value arrays."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.ranges = MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in self.ranges]

    def _keys(self, sig: np.ndarray) -> list[bytes]:
        return [sig[a:b].tobytes() for a, b in self.ranges]

    def insert(self, key: str, sig: np.ndarray) -> None:
        for table, band in zip(self.tables, self._keys(sig)):
            table.setdefault(band, []).append(key)

    def insert_many(self, keys: list[str], sigs: np.ndarray) -> None:
        """``insert`` every row of ``sigs`` (one signature per row) under its key, in order."""
        for table, (a, b) in zip(self.tables, self.ranges):
            bands = np.ascontiguousarray(sigs[:, a:b]).view(np.dtype((np.void, sigs.itemsize * (b - a)))).ravel()
            for key, band in zip(keys, bands.tolist()):
                table.setdefault(band, []).append(key)

    def query(self, sig: np.ndarray) -> set[str]:
        found: set[str] = set()
        for table, band in zip(self.tables, self._keys(sig)):
            found.update(table.get(band, ()))
        return found

    def remove(self, key: str, sig: np.ndarray) -> None:
        for table, band in zip(self.tables, self._keys(sig)):
            keys = table.get(band)
            if keys is not None:
                keys.remove(key)
                if not keys:
                    del table[band]


def _sigs_to_text(sigs: Sequence[np.ndarray]) -> str:
    """All signatures as one base64 text of little-endian uint32s, row after row."""
    data = np.stack(sigs).astype("<u4").tobytes() if sigs else b""
    return base64.b64encode(data).decode("ascii")


def _sigs_from_text(text: str) -> np.ndarray:
    """``_sigs_to_text`` back to one signature per row."""
    values = np.frombuffer(base64.b64decode(text), dtype="<u4").astype(_TEMPLATE.hashvalues.dtype)
    return values.reshape(-1, NUM_PERM)


def _sig_from_saved(saved: str | list[int]) -> np.ndarray:
    """One signature as saved before 2026-12-04: base64 of little-endian uint32s, or a list of ints."""
    dtype = _TEMPLATE.hashvalues.dtype
    if isinstance(saved, str):
        return np.frombuffer(base64.b64decode(saved), dtype="<u4").astype(dtype)
    return np.array(saved, dtype=dtype)


class DuplicateIndex:
    """Incremental index: ``add`` returns the id of the original an article copies, or None."""

    def __init__(self, threshold: float = NEAR_JACCARD, window: int = WINDOW) -> None:
        self.threshold = threshold
        self.window = window
        self._lsh = _Bands(threshold, NUM_PERM)
        self._sigs: OrderedDict[str, np.ndarray] = OrderedDict()
        self._exact: dict[str, str] = {}
        self._root: dict[str, str] = {}

    def original_of(self, article_id: str) -> str | None:
        """The original an added article was found to copy, or None when it is an original."""
        root = self._root.get(article_id)
        return None if root == article_id else root

    def add(self, article_id: str, text: str, title: str | None = None) -> str | None:
        """Index one article; return the original's id when it duplicates an earlier one."""
        if article_id in self._root:
            return self.original_of(article_id)
        h = normalize_for_hash(text)
        key = hashlib.blake2b(h.encode(), digest_size=12).hexdigest()
        exact = self._exact.get(key)
        if exact is not None and h:
            self._root[article_id] = self._root[exact]
            return self._root[exact]
        if h:
            self._exact[key] = article_id
        sig = _hashvalues_normalized(h)
        original = None
        if sig is not None:
            best = 0.0
            for other in self._lsh.query(sig):
                j = _jaccard(sig, self._sigs[other])
                if j >= self.threshold and (j > best or (j == best and original is not None and other < original)):
                    best, original = j, other
            self._sigs[article_id] = sig
            self._lsh.insert(article_id, sig)
            while len(self._sigs) > self.window:
                old, old_sig = self._sigs.popitem(last=False)
                self._lsh.remove(old, old_sig)
        root = self._root[original] if original is not None else article_id
        self._root[article_id] = root
        return None if root == article_id else root

    def groups(self) -> list[list[str]]:
        """Groups of two or more articles, original first then copies in arrival order."""
        out: dict[str, list[str]] = {}
        for aid, root in self._root.items():
            out.setdefault(root, []).append(aid)
        return [g for g in out.values() if len(g) > 1]

    def state_dict(self) -> dict[str, Any]:
        """JSON-serialisable state. The signatures are one base64 text (rows in window order) beside
        their keys: a saved window of 50,000 is one string to decode and one array to band."""
        return {"threshold": self.threshold, "window": self.window, "exact": self._exact, "root": self._root,
                "sig_keys": list(self._sigs), "sig_rows": _sigs_to_text(list(self._sigs.values()))}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> DuplicateIndex:
        """Rebuild an index from ``state_dict()`` output (or from the per-signature form saved before)."""
        self = cls(state["threshold"], state["window"])
        self._exact = dict(state["exact"])
        self._root = dict(state["root"])
        if "sig_rows" in state:
            keys = list(state["sig_keys"])
            rows = _sigs_from_text(state["sig_rows"])
        else:
            keys = list(state["sigs"])
            rows = np.array([_sig_from_saved(v) for v in state["sigs"].values()], dtype=_TEMPLATE.hashvalues.dtype)
            rows = rows.reshape(-1, NUM_PERM)
        self._sigs = OrderedDict(zip(keys, rows, strict=True))
        self._lsh.insert_many(keys, rows)
        return self


@dataclass
class _Dated:
    key: tuple[int, tuple[int, ...], int]
    article: Article


def find_duplicates(articles: Sequence[Article | AnalyzedArticle],
                    key: Callable[[Article], str] | None = None) -> list[list[str]]:
    """Groups of exact and near-duplicate article ids (or ``key(article)``); the first of a group
    is the original (earliest published, else first seen), the rest follow in time order."""
    plain = [a.article if isinstance(a, AnalyzedArticle) else a for a in articles]
    dated = [
        _Dated((0 if a.published else 1, a.published.sort_key() if a.published else (), i), a)
        for i, a in enumerate(plain)
    ]
    dated.sort(key=lambda d: d.key)
    index = DuplicateIndex()
    for d in dated:
        index.add(key(d.article) if key else d.article.id, d.article.text, d.article.title)
    return index.groups()
