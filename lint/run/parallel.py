"""Linting many files on several cores: forked worker processes, results in input order.

Processes, not threads: the work is pure-Python regex and string handling, which the GIL serialises.
Workers are forked after the rule pack is loaded, so they start with it instead of loading it again,
and they are only started when there are enough files to pay for them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

MIN_FILES_PER_WORKER = 24  # below this, starting a process costs more than it saves
CHUNK = 16  # files per task: large enough to amortise pickling, small enough to balance the load

Item = tuple[Path, str]
_job: Callable[[Item], Any] | None = None  # set in the parent before forking; inherited by workers


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _worker_signals() -> None:
    """In a worker: SIGTERM ends it at once (the default: the parent terminates the pool with it), and
    Ctrl-C is left to the parent, which stops the pool. Otherwise a worker inherits the parent's handlers
    and prints a traceback (or a BrokenPipeError writing to a parent that is gone)."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the pool's context manager, which stops the workers


def _run(item: Item) -> Any:
    assert _job is not None
    return _job(item)


def lint_many(
    items: Sequence[Item], job: Callable[[Item], Any], jobs: int, done: Callable[[int], None] | None = None
) -> list[Any]:
    """``job`` applied to every item; in worker processes when ``jobs`` > 1 and there are enough items.

    ``done(1)`` is called as each item's result arrives (a progress indicator); results keep input order.
    """
    global _job
    tick = done or (lambda _count: None)
    workers = min(jobs or default_jobs(), len(items) // MIN_FILES_PER_WORKER)
    if workers > 1:
        import multiprocessing  # only when workers start: importing it costs a one-file run about 5 ms

        if "fork" in multiprocessing.get_all_start_methods():
            import signal

            _job = job
            previous = signal.signal(signal.SIGTERM, _terminated)
            try:
                with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals) as pool:
                    results = []
                    for result in pool.imap(_run, items, chunksize=CHUNK):  # imap: results as they come
                        results.append(result)
                        tick(1)
                    return results
            finally:
                _job = None
                signal.signal(signal.SIGTERM, previous)
    results = []
    for item in items:
        results.append(job(item))
        tick(1)
    return results
