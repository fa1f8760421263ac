"""The JSON report (version 1): the record every other format is a view of."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from lint import __version__
from lint.checks.finding import SEVERITY_RANK, FileResult


def build(results: Iterable[FileResult], rules_hash: str, min_severity: str = "info") -> dict[str, Any]:
    """The report dict; findings under ``min_severity`` are left out, in every format alike."""
    floor = SEVERITY_RANK[min_severity]
    files: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    counts = {"error": 0, "warning": 0, "info": 0}
    linted = 0
    for result in results:
        errors += result.errors
        if result.errors and not result.facts:
            continue
        linted += 1
        shown = [f for f in result.findings if SEVERITY_RANK[f.severity] >= floor]
        for finding in shown:
            counts[finding.severity] += 1
        entry: dict[str, Any] = {
            "path": result.path,
            "language": result.language,
            "facts": result.facts,
            "findings": [_finding(f) for f in shown],
            "suppressed": result.suppressed,
            "baselined": result.baselined,
        }
        if result.suppressions:  # why rules were waived, for audits (the schema allows more properties)
            entry["suppressions"] = result.suppressions
        if result.record_line is not None:
            entry["record_line"] = result.record_line
        if result.applicable is not None:  # audits: the rules whose pass rates this article counts in
            entry["rules_applied"] = result.applicable
        files.append(entry)
    return {
        "version": 1,
        "tool": {"name": "editorial-lint", "version": __version__, "rules_hash": rules_hash},
        "files": files,
        "errors": errors,
        "summary": {"files": linted, "findings": sum(counts.values()), **counts},
    }


def _finding(finding: Any) -> dict[str, Any]:
    record: dict[str, Any] = finding.as_dict()
    return record


def render(report: dict[str, Any], rules: list[dict[str, Any]]) -> str:
    from lint.report.escape import for_json

    return for_json(json.dumps(report, ensure_ascii=False, indent=2)) + "\n"
