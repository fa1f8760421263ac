"""How a run ends: exit codes (DESIGN.md) and the one printer of per-file errors on stderr."""

from __future__ import annotations

import sys

from lint.checks.finding import SEVERITY_RANK, FileResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(r.errors for r in results):
        return EXIT_ERROR
    if fail_on != "never":
        floor = SEVERITY_RANK[fail_on]
        if any(SEVERITY_RANK[f.severity] >= floor for r in results for f in r.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def print_lines(lines: list[str]) -> None:
    """The one printer of problems on stderr: setup problems (``SetupError.lines``) and per-file errors."""
    from lint.report.escape import for_stderr  # paths and ids in them are data: no raw control characters

    for line in lines:
        print(for_stderr(line), file=sys.stderr)


def print_errors(results: list[FileResult]) -> None:
    print_lines(
        [
            f"{error['path']}:{error['line']}: {error['message']}"
            if error.get("line")
            else f"{error['path']}: {error['message']}"
            for result in results
            for error in result.errors
        ]
    )
