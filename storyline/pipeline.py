"""Orchestration (layer 5): inputs → readers → store, and the digest of what was read.

``ingest`` commits in batches, so a run killed at any moment leaves a consistent database and
the next run completes it (article ids are stable; what is stored is skipped). Unchanged input
files that were read completely before are not parsed again (see ``store.inputs``). Parsing and
hashing run on the calling thread, SQLite writes on a background writer thread (they overlap).
``list_digest`` lists the articles of an ingest without analysis (``storyline.digest`` builds
the full digest with stories, summary, facts and timeline); ``fill_leads`` completes either.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from storyline import __version__
from storyline.ingest import InputSource, expand_inputs, read_source
from storyline.model import Article, Digest, DigestArticle, DigestStory, Rejected
from storyline.settings import Settings
from storyline.store import (
    ArticleKeys,
    FileStamp,
    InputRecord,
    PreparedBatch,
    Store,
    StoredArticle,
    article_keys,
    prepare_articles,
)
from storyline.store.background import BackgroundWriter
from storyline.text.language import detect_language

BATCH_SIZE = 500

# progress(items, total=..., label=...) → the same items, e.g. storyline.cli.output.progress.
ProgressFn = Callable[..., Iterable[Any]]


@dataclass
class IngestReport:
    """What one ingest run did. ``ids`` are the articles of these inputs (new or not), in input order."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    sources: int = 0
    skipped_sources: int = 0  # unchanged files not parsed again

    @property
    def nothing_read(self) -> bool:
        """True when no input yielded an article (the CLI exits with E001)."""
        return self.read == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "new": self.new, "duplicate": self.duplicate,
            "rejected": [{"source": r.source, "line": r.line, "reason": r.reason} for r in self.rejected],
            "sources": self.sources, "skipped_sources": self.skipped_sources,
            "ids": self.ids, "new_ids": self.new_ids,
        }


@dataclass
class _Pending:
    """A source being read: its stamp (files only), the ids it yielded and its rejections."""

    stamp: FileStamp | None
    ids: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


class _Batcher:
    """Collects articles and writes them, with the records of files finished meanwhile, in one transaction."""

    def __init__(self, store: Store, report: IngestReport, size: int, writer: BackgroundWriter) -> None:
        self.store, self.report, self.size, self.writer = store, report, size, writer
        self.articles: list[Article] = []
        self.keys: list[ArticleKeys] = []
        self.finished: list[InputRecord] = []
        self.seen: set[str] = set()

    def add(self, article: Article, pending: _Pending) -> None:
        keys = article_keys(article)
        article_id = keys.id
        self.report.read += 1
        pending.ids.append(article_id)
        if article_id in self.seen:  # the same article twice in this run
            self.report.duplicate += 1
            return
        self.seen.add(article_id)
        self.report.ids.append(article_id)
        self.articles.append(article)
        self.keys.append(keys)
        if len(self.articles) >= self.size:
            self.flush()

    def finish(self, pending: _Pending) -> None:
        if pending.stamp is not None:
            self.finished.append(InputRecord(pending.stamp, pending.ids, pending.rejected))

    def flush(self) -> None:
        """Hand the batch to the writer thread: one transaction with the articles and finished files.

        Ids already stored are counted as duplicates here, before any other work; the rest are
        turned into rows on this thread, so the writer thread only writes.
        """
        if not self.articles and not self.finished:
            return
        known = self.store.existing_ids(k.id for k in self.keys)
        self.report.duplicate += len(known)
        fresh = [(a, k) for a, k in zip(self.articles, self.keys, strict=True) if k.id not in known]
        prepared = prepare_articles([a for a, _ in fresh], [k for _, k in fresh])
        finished = self.finished
        self.articles, self.keys, self.finished = [], [], []
        self.writer.submit(lambda: self._write(prepared, finished))

    def _write(self, prepared: PreparedBatch, finished: list[InputRecord]) -> None:
        # Runs on the writer thread; the report's store counts are read only after writer.close().
        with self.store.atomic():
            result = self.store.add_prepared(prepared)
            if finished:
                self.store.put_inputs(finished)
        self.report.new += result.new
        self.report.new_ids.extend(result.new_ids)
        self.report.duplicate += result.duplicate


def ingest(inputs: Sequence[str], store: Store, settings: Settings, progress: ProgressFn | None = None,
           *, reread: bool = False, batch_size: int = BATCH_SIZE, stdin: BinaryIO | None = None) -> IngestReport:
    """Read every input and store its articles in batches; returns counts, rejections and the ids read.

    Re-ingesting is a no-op (same ids); with ``reread`` unchanged files are parsed again anyway.
    """
    report = IngestReport()
    sources, rejected = expand_inputs(inputs, settings)
    report.rejected.extend(rejected)
    report.sources = len(sources)
    items: Iterable[InputSource] = sources
    if progress is not None:
        items = progress(sources, total=len(sources), label="ingest")
    with BackgroundWriter() as writer:
        batcher = _Batcher(store, report, batch_size, writer)
        for source in items:
            stamp = _stamp(source, settings)
            known = store.get_input(stamp) if stamp is not None and not reread else None
            if known is not None and _still_stored(store, known):
                _replay(known, source, batcher, report)
                continue
            pending = _Pending(stamp)
            for item in _read(source, settings, stdin):
                if isinstance(item, Rejected):
                    pending.rejected.append(item)
                    report.rejected.append(item)
                else:
                    batcher.add(item, pending)
            batcher.finish(pending)
        batcher.flush()
    return report


def _read(source: InputSource, settings: Settings, stdin: BinaryIO | None) -> Iterator[Article | Rejected]:
    if source.kind == "stdin" and stdin is not None:
        return read_source(source, settings, stdin=stdin)
    return read_source(source, settings)


def _stamp(source: InputSource, settings: Settings) -> FileStamp | None:
    """The identity of a file's current version (None for stdin, URLs, or a file that vanished)."""
    if source.kind != "file":
        return None
    try:
        path = os.path.realpath(source.location)
        st = os.stat(path)
    except OSError:
        return None
    return FileStamp(path, st.st_size, st.st_mtime_ns, f"storyline {__version__}; max {settings.max_input_bytes}")


def _still_stored(store: Store, record: InputRecord) -> bool:
    """True when every article the file yielded is in the store (always, unless rows were deleted)."""
    return len(store.existing_ids(record.article_ids)) == len(set(record.article_ids))


def _replay(record: InputRecord, source: InputSource, batcher: _Batcher, report: IngestReport) -> None:
    """Count an unchanged file's articles as read and duplicate, and report its rejections again."""
    report.skipped_sources += 1
    report.rejected.extend(Rejected(source.location, r.reason, r.line) for r in record.rejected)
    for article_id in record.article_ids:
        report.read += 1
        report.duplicate += 1
        if article_id not in batcher.seen:
            batcher.seen.add(article_id)
            report.ids.append(article_id)


def digest_article(stored: StoredArticle) -> DigestArticle:
    """The digest line of one stored article."""
    a = stored.article
    return DigestArticle(id=stored.id, label=a.label, title=a.title, outlet=a.outlet, published=a.published,
                         language=a.language, word_count=stored.word_count, url=a.url, partial=a.partial,
                         lead=lead_of(a.text))


def fill_leads(store: Store, digest: Digest) -> None:
    """Give every untitled article of a digest its lead (first words), so readers can recognise it."""
    missing = [a for s in digest.stories for a in s.articles if not a.title and not a.lead]
    texts = {s.id: s.article.text for s in store.get_articles([a.id for a in missing])}
    for a in missing:
        a.lead = lead_of(texts.get(a.id, ""))


def lead_of(text: str, words: int = 12) -> str:
    """The first ``words`` words of a text, with '…' when there is more."""
    parts = text.split(maxsplit=words)
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def detect_missing_languages(store: Store, stored: Sequence[StoredArticle]) -> None:
    """Fill in the language of articles whose input named none (cheap stopword profile), and store it."""
    found: dict[str, str] = {}
    for s in stored:
        if s.article.language is None:
            language = detect_language(s.article.text, fallback=False)
            if language is not None:
                s.article.language = found[s.id] = language
    store.set_languages(found)


def list_digest(store: Store, ids: Sequence[str], rejected: Sequence[Rejected] = ()) -> Digest:
    """A digest without analysis: one untitled story listing these articles in input order.

    Cheap (no text analysis, no clustering); the full digest is ``storyline.digest.build_digest``.
    """
    stored = store.get_articles(ids)
    detect_missing_languages(store, stored)
    articles = [digest_article(s) for s in stored]
    stories = [DigestStory(articles=articles)] if articles else []
    return Digest(stories=stories, rejected=list(rejected))
