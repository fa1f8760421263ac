"""Findings and per-file results: the records every reporter formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lint.pack.names import SEVERITIES

SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    fingerprint: str
    start: int = 0  # 0-based offsets into the document text, for ordering and overlap
    end: int = 0
    note: str | None = None  # a missing-thing finding: where the thing was looked for (lint/checks/where.py)
    document_level: bool = False  # about something absent from the whole article (not one line): --diff-base keeps it

    def sort_key(self) -> tuple[int, int, str, int, int]:
        return (self.line, self.column, self.rule, self.end_line, self.end_column)

    def as_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
            "fingerprint": self.fingerprint,
        }
        if self.note:
            record["note"] = self.note
        return record


@dataclass
class FileResult:
    """What linting one input produced: findings and facts, or the error that stopped it."""

    path: str
    language: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    suppressed: int = 0
    baselined: int = 0
    record_line: int | None = None
    suppressions: list[dict[str, Any]] = field(default_factory=list)  # {rule, kind, line, reason, used, suppressed}
    errors: list[dict[str, Any]] = field(default_factory=list)  # {"path", "line"?, "message"}
    applicable: list[str] | None = None  # ids of the rules that apply (only when asked for: audits)
    source_lines: dict[int, str] = field(default_factory=dict)  # line -> text, for the lines findings are on

    @property
    def linted(self) -> bool:
        return not self.errors or bool(self.facts)
