"""Baselines for legacy archives: record today's findings, then report only new ones.

A baseline is JSON: ``{"version": 1, "files": {path: {rule: [fingerprint, ...]}}}``. Entries are the
finding fingerprints of DESIGN.md (rule + normalised sentence + occurrence), not line numbers, so
editing elsewhere in an article does not resurrect old findings. It is a multiset: a fingerprint listed
twice covers two findings. Paths are relative to the baseline file's folder, so the same baseline
works whatever the working directory. Entries of files not linted in a run (pre-commit passes only
the changed ones) are neither used nor counted as gone.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lint.checks.finding import FileResult

VERSION = 1
MAX_BASELINE = 256 * 1024 * 1024  # a baseline of a large archive is big, but not endless
Key = tuple[str, str, str]  # path, rule, fingerprint


class BaselineError(Exception):
    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.line = path, message, line

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class Applied:
    baselined: int  # findings hidden by the baseline
    stale: int  # entries for linted files that no longer occur


def _folder(path: str | Path) -> Path:
    return Path(path).resolve().parent


def relative(shown: str, folder: Path) -> str:
    """A linted path as the baseline records it: relative to the baseline's folder, POSIX separators."""
    return os.path.relpath(os.path.abspath(shown), folder).replace(os.sep, "/")


def write(path: str | Path, results: Iterable[FileResult]) -> int:
    """Record every finding of ``results`` (whatever --min-severity shows); returns the entry count."""
    folder = _folder(path)
    files: dict[str, dict[str, list[str]]] = {}
    count = 0
    for result in results:
        for finding in result.findings:
            rules = files.setdefault(relative(result.path, folder), {})
            rules.setdefault(finding.rule, []).append(finding.fingerprint)
            count += 1
    for rules in files.values():
        for fingerprints in rules.values():
            fingerprints.sort()
    data = {"version": VERSION, "tool": "editorial-lint", "files": files}
    from lint.report.escape import for_json
    from lint.report.output import write_atomic  # tempfile and friends only when a baseline is written

    write_atomic(path, for_json(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)) + "\n")
    return count


def load(path: str | Path) -> Counter[Key]:
    """The entries of a baseline file; BaselineError (with the line for JSON errors) when it is not one."""
    shown = str(path)
    from lint.pack.safe_read import ReadRefused, read_regular

    try:
        text = read_regular(path, MAX_BASELINE, "the size limit of baselines").decode("utf-8")
    except ReadRefused as exc:
        raise BaselineError(shown, exc.message) from None
    except FileNotFoundError:
        raise BaselineError(shown, "no such baseline file (create one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(shown, f"cannot read the baseline: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(shown, f"not a baseline file: invalid JSON ({exc.msg})", exc.lineno) from None
    except (ValueError, RecursionError) as exc:  # a number of thousands of digits, nesting too deep
        raise BaselineError(shown, f"not a baseline file: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
        raise BaselineError(shown, f'not a baseline file: expected {{"version": {VERSION}, "files": {{...}}}}')
    entries: Counter[Key] = Counter()
    for file_path, rules in data["files"].items():
        if not isinstance(rules, dict) or not all(
            isinstance(fps, list) and all(isinstance(fp, str) for fp in fps) for fps in rules.values()
        ):
            raise BaselineError(shown, f"not a baseline file: '{file_path}' must map rule ids to fingerprint lists")
        for rule, fingerprints in rules.items():
            for fingerprint in fingerprints:
                entries[(file_path, rule, fingerprint)] += 1
    return entries


def apply(path: str | Path, entries: Counter[Key], results: list[FileResult]) -> Applied:
    """Remove baselined findings from ``results`` (setting each file's ``baselined``)."""
    folder = _folder(path)
    remaining = Counter(entries)
    hidden = 0
    linted: set[str] = set()
    for result in results:
        name = relative(result.path, folder)
        linted.add(name)
        kept = []
        for finding in result.findings:
            key = (name, finding.rule, finding.fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
                result.baselined += 1
            else:
                kept.append(finding)
        hidden += len(result.findings) - len(kept)
        result.findings = kept
    stale = sum(count for (name, _, _), count in remaining.items() if name in linted and count > 0)
    return Applied(hidden, stale)
