"""GitHub Actions workflow commands (``--format github``): annotations on the changed files.

One line per finding,
``::error|warning|notice file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` (the message
followed, on lines of its own, by a missing-thing finding's note and the rule's documentation link), then one
``::error file=…[,line=…]::message`` per run error.  Nothing else is printed — no summary line — so
every line of the output is a command and the whole output can be parsed back; the text format is
there for humans.

* Columns are passed as the report has them (1-based code points, end exclusive), like other
  linters do.  GitHub accepts ``col``/``endColumn`` only on a single line, so a multi-line finding
  gets ``line``/``endLine`` alone.
* A JSONL record (``export.jsonl#<id>`` with ``record_line``) is annotated on the record's line of
  the container file; the record id and the position inside the body go into the message.
* Escaping follows the runner: data escapes ``%``, CR, LF; property values also ``:`` and ``,``.
"""

from __future__ import annotations

import re
from typing import Any

from lint.report.escape import for_github_data, for_github_property
from lint.report.records import split_record

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}

# A lone surrogate (from a lenient decoder) cannot be written as UTF-8; no valid text contains one.
_SURROGATE = re.compile("[\ud800-\udfff]")

Json = dict[str, Any]


def render(report: Json, rules: list[Json]) -> str:
    """All annotations for ``report``, one per line; a rule's ``help_uri`` ends its findings' messages."""
    links = {rule["id"]: rule.get("help_uri") for rule in rules}
    lines = [
        _finding_command(entry, finding, links.get(finding["rule"]))
        for entry in report.get("files", [])
        for finding in entry.get("findings", [])
    ]
    lines += [_error_command(error) for error in report.get("errors", [])]
    text = "".join(line + "\n" for line in lines)
    return _SURROGATE.sub("\ufffd", text)


def escape_data(value: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it (other controls shown visibly)."""
    return for_github_data(value)


def escape_property(value: str) -> str:
    """Escape a property value; ``:`` and ``,`` would otherwise end the value early."""
    return for_github_property(value)


def _command(name: str, properties: list[tuple[str, str | int]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{name} {props}::{escape_data(message)}"


def _finding_command(entry: Json, finding: Json, help_uri: str | None = None) -> str:
    file_path, record_id = split_record(entry)
    message = finding["message"]
    if record_id is None:
        properties = [("file", file_path), *_position(finding)]
    else:
        properties = [("file", file_path), ("line", entry["record_line"])]
        message = f"{message} (record {record_id}, body {finding['line']}:{finding['column']})"
    if finding.get("note"):
        message += f"\n{finding['note']}"
    if help_uri:  # the annotation box shows the message in full, so the link goes there
        message += f"\nRule documentation: {help_uri}"
    properties.append(("title", f"editorial-lint ({finding['rule']})"))
    return _command(COMMANDS.get(finding["severity"], "warning"), properties, message)


def _position(finding: Json) -> list[tuple[str, str | int]]:
    if finding["line"] != finding["end_line"]:
        return [("line", finding["line"]), ("endLine", finding["end_line"])]
    return [
        ("line", finding["line"]),
        ("col", finding["column"]),
        ("endLine", finding["end_line"]),
        ("endColumn", finding["end_column"]),
    ]


def _error_command(error: Json) -> str:
    properties: list[tuple[str, str | int]] = []
    if error.get("path"):
        properties.append(("file", error["path"]))
        if isinstance(error.get("line"), int):
            properties.append(("line", error["line"]))
    message = error.get("message") or "error"
    if not properties:
        return f"::error::{escape_data(message)}"
    return _command("error", properties, message)
