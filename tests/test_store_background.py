"""The background writer: jobs run in order on one thread, and a job's error reaches the caller."""

from __future__ import annotations

import threading

import pytest

from storyline.store.background import BackgroundWriter


def test_jobs_run_in_order_on_one_other_thread():
    done: list[tuple[int, int]] = []
    with BackgroundWriter(depth=1) as writer:
        for n in range(20):
            writer.submit(lambda n=n: done.append((n, threading.get_ident())))
    assert [n for n, _ in done] == list(range(20))
    threads = {t for _, t in done}
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_an_error_is_raised_at_the_next_submit_or_close():
    writer = BackgroundWriter()
    writer.submit(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        writer.close()
    ran: list[int] = []
    writer = BackgroundWriter(depth=1)
    writer.submit(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        for n in range(50):  # the failure surfaces at a later submit; jobs after it do not run
            writer.submit(lambda n=n: ran.append(n))
        writer.close()
    writer.close()
    assert ran == []  # nothing runs after a failed job


def test_caller_error_wins_and_queued_jobs_still_finish():
    done: list[int] = []
    with pytest.raises(KeyError), BackgroundWriter() as writer:
        writer.submit(lambda: done.append(1))
        raise KeyError("caller")
    assert done == [1]
