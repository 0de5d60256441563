"""Record of input files read completely, so that re-ingesting an unchanged file skips parsing it.

A file is known by its resolved path, size, modification time (ns) and the reader version that
read it; any change in these means it is read again. The record is written in the same
transaction as the file's last articles, so it never claims articles that are not stored.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from storyline.model import Rejected


class _Db(Protocol):
    def atomic(self) -> AbstractContextManager[sqlite3.Connection]: ...
    def reader(self) -> sqlite3.Connection: ...


@dataclass(frozen=True)
class FileStamp:
    """What identifies one version of an input file."""

    location: str  # resolved absolute path
    size: int
    mtime_ns: int
    reader: str  # reader version and limits that decide what the file yields


@dataclass
class InputRecord:
    """A file read completely: the ids of its articles (input order) and its rejections (source left out)."""

    stamp: FileStamp
    article_ids: list[str]
    rejected: list[Rejected] = field(default_factory=list)


class InputQueries:
    """Mixin for ``Store``: look up and record completely read input files."""

    def get_input(self: _Db, stamp: FileStamp) -> InputRecord | None:
        """The record of this exact file version, or None when it changed or was never read completely."""
        row = self.reader().execute(
            "SELECT article_ids, rejected FROM inputs WHERE location = ? AND size = ? AND mtime_ns = ? AND reader = ?",
            (stamp.location, stamp.size, stamp.mtime_ns, stamp.reader),
        ).fetchone()
        if row is None:
            return None
        rejected = [Rejected(stamp.location, r["reason"], r.get("line")) for r in json.loads(row["rejected"])]
        return InputRecord(stamp, json.loads(row["article_ids"]), rejected)

    def put_inputs(self: _Db, records: Sequence[InputRecord]) -> None:
        """Record files as read completely (replacing older records of the same path)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [
            (r.stamp.location, r.stamp.size, r.stamp.mtime_ns, r.stamp.reader, json.dumps(r.article_ids),
             json.dumps([{"reason": x.reason, "line": x.line} for x in r.rejected], ensure_ascii=False), now)
            for r in records
        ]
        with self.atomic() as conn:
            conn.executemany(
                "INSERT INTO inputs(location, size, mtime_ns, reader, article_ids, rejected, completed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(location) DO UPDATE SET size = excluded.size, "
                "mtime_ns = excluded.mtime_ns, reader = excluded.reader, article_ids = excluded.article_ids, "
                "rejected = excluded.rejected, completed_at = excluded.completed_at",
                rows,
            )
