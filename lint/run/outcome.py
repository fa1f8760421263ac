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


def print_errors(results: list[FileResult]) -> None:
    for result in results:
        for error in result.errors:
            where = f"{error['path']}:{error['line']}" if error.get("line") else error["path"]
            print(f"{where}: {error['message']}", file=sys.stderr)
