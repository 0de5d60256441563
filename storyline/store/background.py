"""Run store writes on one background thread, so SQLite work overlaps parsing in the caller.

SQLite releases the GIL while it steps a statement (FTS5 tokenising and indexing is most of an
insert), so a writer thread lets the reader thread parse the next batch meanwhile. Jobs run in
submission order; the first failure is raised again in the caller at the next submit or close.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

Job = Callable[[], Any]
_STOP = object()


class BackgroundWriter:
    """A single worker thread executing write jobs in order, with a bounded queue (back-pressure)."""

    def __init__(self, depth: int = 2, name: str = "storyline-writer") -> None:
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None  # raised once in the caller
        self._failed = False  # sticky: no job runs after a failure
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()
        self._closed = False

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is _STOP:
                return
            if self._failed:
                continue  # drain after a failure: later jobs are not run, the caller sees the error
            try:
                job()
            except BaseException as error:  # noqa: BLE001 - handed to the caller thread
                self._error = error
                self._failed = True

    def _raise_pending(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def submit(self, job: Job) -> None:
        """Queue a job (blocks while the queue is full); raises an earlier job's error instead."""
        self._raise_pending()
        if self._closed or self._failed:
            raise RuntimeError("writer is closed" if self._closed else "an earlier write failed")
        self._queue.put(job)

    def close(self) -> None:
        """Wait for every queued job to finish; raise the first job error, if any."""
        if not self._closed:
            self._closed = True
            self._queue.put(_STOP)
            self._thread.join()
        self._raise_pending()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        if error is None:
            self.close()
            return
        # The caller is failing already: finish queued jobs (each is one transaction) and let the
        # caller's error propagate; a job error would only hide it.
        with contextlib.suppress(BaseException):
            self.close()
