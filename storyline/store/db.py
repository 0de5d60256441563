"""SQLite connection discipline: one writer, readers on their own connections, nested ``atomic()``.

WAL mode with ``synchronous=NORMAL``: a crash loses at most the last transactions, never
consistency. Connections run in autocommit mode and transactions are opened explicitly, so a
batch is either fully in the database or not at all.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.errors import StorylineError
from storyline.store import migrations

BUSY_TIMEOUT_S = 10.0


class Database:
    """An open SQLite file: the writer connection (guarded by a lock) and per-thread readers."""

    def __init__(self, path: str | Path) -> None:
        self._memory = str(path) == ":memory:"
        self.path = str(path) if self._memory else str(Path(path).expanduser())
        self._lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        if not self._memory:
            parent = Path(self.path).resolve().parent
            if not parent.is_dir():
                raise StorylineError("E010", path=self.path, reason=f"folder {parent} does not exist")
        try:
            self.writer = self._connect()
        except sqlite3.DatabaseError as error:
            raise StorylineError("E010", path=self.path, reason=_reason(error)) from error
        try:
            self.writer.execute("PRAGMA journal_mode=WAL")
            self._migrate()
        except sqlite3.DatabaseError as error:
            self.writer.close()
            raise StorylineError("E010", path=self.path, reason=_reason(error)) from error
        except StorylineError:
            self.writer.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def _migrate(self) -> None:
        current = migrations.applied_version(self.writer)
        if current > migrations.SCHEMA_VERSION:
            raise StorylineError("E011", path=self.path, found=current, known=migrations.SCHEMA_VERSION)
        if not migrations.pending(current):
            return
        with self.atomic() as conn:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            for migration in migrations.pending(migrations.applied_version(conn)):
                migration.apply(conn)
                migrations.record(conn, migration)

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction on the writer; nested calls become savepoints that roll back on their own."""
        with self._lock:
            conn = self.writer
            depth = self._depth
            savepoint = f"sp_{depth}"
            conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {savepoint}")
            self._depth += 1
            self._owner = threading.get_ident()
            try:
                yield conn
            except BaseException:
                self._depth = depth
                if depth == 0:
                    conn.execute("ROLLBACK")
                else:
                    conn.execute(f"ROLLBACK TO {savepoint}")
                    conn.execute(f"RELEASE {savepoint}")
                raise
            else:
                self._depth = depth
                conn.execute("COMMIT" if depth == 0 else f"RELEASE {savepoint}")

    @property
    def in_transaction(self) -> bool:
        """True inside an ``atomic()`` block of the current writer."""
        return self._depth > 0

    def reader(self) -> sqlite3.Connection:
        """This thread's read connection (sees committed data; the writer's own when inside atomic())."""
        if self._memory or (self._depth > 0 and self._owner == threading.get_ident()):
            return self.writer
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = self._connect()
                conn.execute("PRAGMA query_only=ON")
            except sqlite3.DatabaseError as error:
                raise StorylineError("E010", path=self.path, reason=_reason(error)) from error
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def close(self) -> None:
        """Close every connection; a no-op the second time."""
        if self._closed:
            return
        self._closed = True
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        with self._lock:
            try:
                self.writer.execute("PRAGMA optimize")
            except sqlite3.DatabaseError:
                pass
            self.writer.close()


def _reason(error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "file is not a database" in text:
        return "the file is not a SQLite database"
    if "unable to open" in text:
        return "the file cannot be opened (permissions?)"
    if "readonly" in text:
        return "the file is read-only"
    return text
