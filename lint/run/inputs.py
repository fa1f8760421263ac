"""Walking the inputs of a run (files, folders, stdin) and linting them, in worker processes when many."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lint.checks.finding import FileResult
from lint.run.linter import Linter, discover
from lint.run.progress import Progress

if TYPE_CHECKING:
    from lint.run.discovery import Discovery
    from lint.run.result_cache import ResultCache


def lint_inputs(
    linter: Linter,
    paths: list[str],
    stdin_filename: str | None,
    linter_for: Callable[[str], Linter] | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    discovery: Discovery | None = None,
    cache: ResultCache | None = None,
) -> list[FileResult]:
    """Lint every input; ``linter_for(path)`` picks a path's linter when per-path overrides apply;
    ``progress`` is told the number of files, then each one done; ``discovery`` decides what is walked;
    with a result ``cache``, files whose entry matches are not linted (lint/run/result_cache.py)."""
    from lint.run.parallel import MIN_FILES_PER_WORKER, lint_many

    pick = linter_for or (lambda _shown: linter)
    results: list[FileResult] = []
    files: list[tuple[Path, str]] = []
    for path, shown, error in discover([p for p in paths if p != "-"], linter.settings, discovery):
        if error or path is None:
            results.append(FileResult(path=shown, errors=[{"path": shown, "message": error or "unreadable"}]))
        else:
            files.append((path, shown))
    if progress is not None:
        progress.start(len(files))
    job = lambda item: pick(item[1]).lint_path(*item)  # noqa: E731
    if cache is not None:
        files = _cached(files, pick, cache, results, progress)
        job = lambda item: cache.lint_and_store(pick(item[1]), *item)  # noqa: E731
    many = len(files) >= MIN_FILES_PER_WORKER
    if many:  # the checks and the facts imported once, before the workers fork, not once in each worker
        import lint.checks.engine
        import lint.report.facts  # noqa: F401
    for _, shown in files:  # build every linter before any worker is forked, so workers inherit them
        chosen = pick(shown)
        if many:
            chosen.context.credits.prepare_for_many()
    for batch in lint_many(files, job, jobs, progress.advance if progress is not None else None):
        results += batch
    if cache is not None and files:  # entries were written (by workers too): drop the stale ones
        cache.prune()
    if progress is not None:
        progress.close()
    if "-" in paths:
        shown = stdin_filename or "-"
        from lint.run.walk_safety import ReadRefused, read_stdin

        chosen = pick(shown)
        try:
            results += chosen.lint_stdin(read_stdin(chosen.settings.max_file_size), shown)
        except ReadRefused as exc:
            results.append(FileResult(path=shown, errors=[{"path": shown, "message": exc.message}]))
    # JSONL records keep their order in the export ("x.jsonl#10" after "x.jsonl#9").
    results.sort(key=lambda r: (r.path if r.record_line is None else r.path.rsplit("#", 1)[0], r.record_line or 0))
    return results


def _cached(
    files: list[tuple[Path, str]],
    pick: Callable[[str], Linter],
    cache: ResultCache,
    results: list[FileResult],
    progress: Progress | None,
) -> list[tuple[Path, str]]:
    """Take every file the cache holds a current result for (into ``results``); return the others.
    Looked up here, before any worker starts, so that a run where every file hits forks no process."""
    missing = []
    for path, shown in files:
        linter = pick(shown)
        hit = cache.lookup(linter, path, shown) if linter.format_for(shown) != "jsonl" else None
        if hit is None:
            missing.append((path, shown))
            continue
        results.append(hit)
        if progress is not None:
            progress.advance(1)
    return missing
