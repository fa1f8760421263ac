"""The JSON report (version 1): the record every other format is a view of.

``build`` makes the whole report as one dict (the text and GitHub formats, the API and the server read
it). ``stream`` writes the same text file by file: a run over a large archive then holds one file's
entry at a time instead of the whole document, its dict and its text, so peak memory does not grow with
the number of files. Both go through ``_entry`` and ``_Tally``, so they cannot drift apart; the text of
``stream`` is byte-identical to ``render(build(...))`` (tests/test_report_streaming.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from lint import __version__
from lint.checks.finding import SEVERITY_RANK, FileResult

# json.dumps(..., indent=2): the top level's keys are indented by one step, the entries of "files" by two.
_STEP = "  "


class _Tally:
    """What the report needs beyond the entries: the run errors and the summary counts."""

    def __init__(self, min_severity: str) -> None:
        self.floor = SEVERITY_RANK[min_severity]
        self.errors: list[dict[str, Any]] = []
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.linted = 0

    def entry(self, result: FileResult) -> dict[str, Any] | None:
        """The result's entry under "files" (None for a file that could not be read), counted."""
        self.errors += result.errors
        if result.errors and not result.facts:
            return None
        self.linted += 1
        shown = [f for f in result.findings if SEVERITY_RANK[f.severity] >= self.floor]
        for finding in shown:
            self.counts[finding.severity] += 1
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
        return entry

    def summary(self) -> dict[str, int]:
        return {"files": self.linted, "findings": sum(self.counts.values()), **self.counts}


def _tool(rules_hash: str) -> dict[str, str]:
    return {"name": "editorial-lint", "version": __version__, "rules_hash": rules_hash}


def build(results: Iterable[FileResult], rules_hash: str, min_severity: str = "info") -> dict[str, Any]:
    """The report dict; findings under ``min_severity`` are left out, in every format alike."""
    tally = _Tally(min_severity)
    files = [entry for entry in map(tally.entry, results) if entry is not None]
    return {
        "version": 1,
        "tool": _tool(rules_hash),
        "files": files,
        "errors": tally.errors,
        "summary": tally.summary(),
    }


class _Entries:
    """The report's "files" computed afresh on each pass over the results: for the formats that read the
    entries more than once (SARIF lists the artifacts and the rules before the results) without holding
    every entry at once."""

    def __init__(self, results: Sequence[FileResult], min_severity: str) -> None:
        self.results = results
        self.min_severity = min_severity
        self._tally = _Tally(min_severity)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        self._tally = tally = _Tally(self.min_severity)
        return (entry for entry in map(tally.entry, self.results) if entry is not None)

    def summary(self) -> dict[str, int]:
        """The report's "summary", counted by the last complete pass over the entries."""
        return self._tally.summary()


def lazy(results: Sequence[FileResult], rules_hash: str, min_severity: str) -> dict[str, Any]:
    """The report as ``build`` makes it, but for the summary (left out: ``report["files"].summary()`` after a
    pass) and the entries under "files", which are an iterable made again on every pass instead of a list."""
    return {
        "version": 1,
        "tool": _tool(rules_hash),
        "files": _Entries(results, min_severity),
        "errors": [error for result in results for error in result.errors],
    }


def _finding(finding: Any) -> dict[str, Any]:
    record: dict[str, Any] = finding.as_dict()
    return record


def render(report: dict[str, Any], rules: list[dict[str, Any]]) -> str:
    from lint.report.escape import for_json

    return for_json(json.dumps(report, ensure_ascii=False, indent=2)) + "\n"


def stream(
    results: Iterable[FileResult], rules_hash: str, min_severity: str, rules: list[dict[str, Any]]
) -> Iterator[str]:
    """``render(build(results, rules_hash, min_severity), rules)`` as pieces of text, one file at a time."""
    from lint.report.escape import for_json

    tally = _Tally(min_severity)
    yield f'{{\n{_STEP}"version": 1,\n{_STEP}"tool": {_nested(_tool(rules_hash), 1)},\n{_STEP}"files": ['
    opened = False
    for result in results:
        entry = tally.entry(result)
        if entry is None:
            continue
        yield for_json(("," if opened else "") + f"\n{_STEP * 2}" + _nested(entry, 2))
        opened = True
    yield f"\n{_STEP}]" if opened else "]"
    yield for_json(f',\n{_STEP}"errors": {_nested(tally.errors, 1)}')
    yield f',\n{_STEP}"summary": {_nested(tally.summary(), 1)}\n}}\n'


def _nested(value: Any, depth: int) -> str:
    """``value`` as json.dumps writes it ``depth`` levels down inside an indented document. Its own line
    breaks are structure only (a newline inside a string is written as the escape \\n)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + _STEP * depth)
