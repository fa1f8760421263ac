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


def lint_inputs(
    linter: Linter,
    paths: list[str],
    stdin_filename: str | None,
    linter_for: Callable[[str], Linter] | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    discovery: Discovery | None = None,
) -> list[FileResult]:
    """Lint every input; ``linter_for(path)`` picks a path's linter when per-path overrides apply;
    ``progress`` is told the number of files, then each one done; ``discovery`` decides what is walked."""
    from lint.run.parallel import MIN_FILES_PER_WORKER, lint_many

    pick = linter_for or (lambda _shown: linter)
    results: list[FileResult] = []
    files: list[tuple[Path, str]] = []
    for path, shown, error in discover([p for p in paths if p != "-"], linter.settings, discovery):
        if error or path is None:
            results.append(FileResult(path=shown, errors=[{"path": shown, "message": error or "unreadable"}]))
        else:
            files.append((path, shown))
    many = len(files) >= MIN_FILES_PER_WORKER
    for _, shown in files:  # build every linter before any worker is forked, so workers inherit them
        chosen = pick(shown)
        if many:
            chosen.context.credits.prepare_for_many()
    if progress is not None:
        progress.start(len(files))
    for batch in lint_many(
        files, lambda item: pick(item[1]).lint_path(*item), jobs, progress.advance if progress is not None else None
    ):
        results += batch
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
