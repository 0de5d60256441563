"""Story digests for the web: load one story's digest dict, complete it for display, and cache it.

The digest dict is the one ``storyline digest --json`` prints for a story
(``storyline.digest.stored_story_digest(...).to_dict()``). The cache is keyed by
the story's stored version (update time + hash of its row), so a story changed by any process is
rebuilt on its next request, and an HTTP ingest drops the stories it changed at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from storyline.digest import DEFAULT_SUMMARY_WORDS, stored_story_digest
from storyline.errors import StorylineError
from storyline.model import PartialDate
from storyline.store import Store
from storyline.web.queries import story_version

VERDICT_ORDER = {"conflict": 0, "compatible": 1, "agree": 2, "single-source": 3}


def build_digest(store: Store, story_id: str, words: int = DEFAULT_SUMMARY_WORDS) -> dict[str, Any]:
    """The digest dict of one stored story, exactly as `storyline digest --json` prints it (E021 when absent)."""
    story = stored_story_digest(store, story_id, words)
    if story is None:
        raise StorylineError("E021", id=story_id)
    return story.to_dict()


def complete(digest: dict[str, Any], store: Store) -> dict[str, Any]:
    """Make a digest ready for display: conflicts first, citation sentences filled in, article lookup.

    Works on a copy; sections that are missing become empty lists so templates can test them.
    """
    d = dict(digest)
    for key in ("summary", "facts", "timeline", "events", "entities", "duplicates", "articles"):
        value = d.get(key)
        if isinstance(value, dict) and key == "summary":  # Summary.to_dict() shape
            value = value.get("summary")
        d[key] = list(value or [])
    d["articles"] = [dict(a, num=n) for n, a in enumerate(d["articles"], start=1)]  # citation numbers
    d["events"] = [dict(e, time=_iso(e.get("time"))) for e in d["events"]]
    by_id = {a["id"]: a for a in d["articles"]}
    by_label = {a.get("label"): a for a in d["articles"] if a.get("label")}
    d["facts"] = sorted(d["facts"], key=lambda f: VERDICT_ORDER.get(f.get("verdict", ""), 9))
    d["entities"] = sorted(d["entities"], key=lambda e: (-len(e.get("articles") or []), str(e.get("name", "")).casefold()))
    d["conflict_count"] = d.get("conflict_count") or sum(1 for f in d["facts"] if f.get("verdict") == "conflict")
    missing: dict[str, set[int]] = {}
    for sentence in d["summary"]:
        for ref in sentence.get("support") or []:
            if not ref.get("text"):
                missing.setdefault(ref["article"], set()).add(int(ref["sentence"]))
    texts = _sentence_texts(store, missing) if missing else {}
    summary = []
    for sentence in d["summary"]:
        s = dict(sentence)
        support = [dict(r) for r in s.get("support") or []]
        for ref in support:
            ref.setdefault("text", None)
            ref["text"] = ref["text"] or texts.get((ref["article"], int(ref["sentence"])))
            ref["source"] = by_id.get(ref["article"]) or by_label.get(ref["article"])
        s["support"] = support
        s["articles"] = list(s.get("articles") or dict.fromkeys(r["article"] for r in support))
        summary.append(s)
    d["summary"] = summary
    d["_articles_by_id"] = by_id
    d["_articles_by_label"] = by_label
    return d


def _iso(value: Any) -> str | None:
    """A date as partial ISO text; DigestStory.to_dict() gives event times as PartialDate fields (a dict)."""
    if isinstance(value, dict):
        try:
            return PartialDate(**{k: value.get(k) for k in ("year", "month", "day", "hour", "minute")}).iso()
        except (TypeError, ValueError):
            return None
    return value


def _sentence_texts(store: Store, wanted: dict[str, set[int]]) -> dict[tuple[str, int], str]:
    """Text of the asked sentences, from the stored analyses."""
    out: dict[tuple[str, int], str] = {}
    for article_id, analysis in store.get_analyses(list(wanted)).items():
        for sentence in analysis.sentences:
            if sentence.index in wanted[article_id]:
                out[(article_id, sentence.index)] = sentence.text
    return out


def public(digest: dict[str, Any]) -> dict[str, Any]:
    """The digest as the JSON API serves it: without the private lookup tables added for templates."""
    return {k: v for k, v in digest.items() if not k.startswith("_")}


class DigestCache:
    """Completed digests (and rendered pages) per story, valid while the story's stored version holds.

    Thread-safe; bounded (least recently used stories are dropped first).
    """

    def __init__(self, builder: Callable[[Store, str], dict[str, Any]] = build_digest, size: int = 512) -> None:
        self._builder = builder
        self._size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[object, dict[str, Any], dict[str, bytes]]] = OrderedDict()
        self.hits = 0  # digests found
        self.misses = 0  # digests built
        self.page_hits = 0  # rendered pages served from memory

    def get(self, store: Store, story_id: str) -> tuple[object, dict[str, Any]]:
        """(version, completed digest) of a story; builds it on a miss. E021 when there is no such story."""
        version = story_version(store.reader(), story_id)
        if version is None:
            raise StorylineError("E021", id=story_id)
        with self._lock:
            item = self._items.get(story_id)
            if item is not None and item[0] == version:
                self._items.move_to_end(story_id)
                self.hits += 1
                return version, item[1]
        digest = complete(self._builder(store, story_id), store)
        with self._lock:
            self.misses += 1
            self._items[story_id] = (version, digest, {})
            self._items.move_to_end(story_id)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return version, digest

    def peek(self, story_id: str) -> dict[str, Any] | None:
        """The cached digest of a story if there is one (any version), without building it."""
        with self._lock:
            item = self._items.get(story_id)
            return item[1] if item else None

    def page(self, store: Store, story_id: str, key: str) -> bytes | None:
        """A page rendered earlier from the story's current version, or None (one indexed read)."""
        with self._lock:
            item = self._items.get(story_id)
            if item is None or key not in item[2]:
                return None
        version = story_version(store.reader(), story_id)
        with self._lock:
            item = self._items.get(story_id)
            if item is None or item[0] != version:
                return None
            body = item[2].get(key)
            if body is not None:
                self.page_hits += 1
                self._items.move_to_end(story_id)
            return body

    def rendered(self, story_id: str, version: object, key: str) -> bytes | None:
        """A page rendered earlier from this version of the story (key: format and language)."""
        with self._lock:
            item = self._items.get(story_id)
            if item is None or item[0] != version:
                return None
            return item[2].get(key)

    def keep_rendered(self, story_id: str, version: object, key: str, body: bytes) -> None:
        """Remember a rendered page of this version of the story."""
        with self._lock:
            item = self._items.get(story_id)
            if item is not None and item[0] == version:
                item[2][key] = body

    def forget(self, story_ids: list[str]) -> None:
        """Drop these stories (after an ingest through this server changed them)."""
        with self._lock:
            for story_id in story_ids:
                self._items.pop(story_id, None)

    def clear(self) -> None:
        """Forget everything (after an ingest through this server)."""
        with self._lock:
            self._items.clear()
