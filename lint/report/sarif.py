"""SARIF 2.1.0 output (``--format sarif``), shaped for GitHub code scanning.

Input is the JSON report v1 (DESIGN.md, "JSON output") plus the loaded rules; this module uses the
stdlib only so it can be reused without the engine.  Choices worth knowing:

* Positions are code points, 1-based, end exclusive: exactly SARIF's ``columnKind:
  unicodeCodePoints`` regions, so they are copied unchanged.
* ``partialFingerprints["editorialLint/v1"]`` is the finding's own fingerprint (the value baselines
  use), which lets code scanning follow a finding when lines move.
* Relative paths become percent-encoded POSIX URIs under ``%SRCROOT%``; absolute ones
  ``file:`` URIs.
* A JSONL record (``export.jsonl#<id>`` with ``record_line``) has positions inside the decoded body,
  which are not positions in the file: the region is the record's line in the container file, the
  record id is a logical location, and the body position goes into the message and properties.
* Rule ids found in results but missing from ``rules`` get a minimal descriptor so every
  ``ruleIndex`` is valid.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from lint.report.records import split_record

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "editorialLint/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

# A lone surrogate (from a lenient decoder) cannot be written as UTF-8; no valid text contains one.
_SURROGATE = re.compile("[\ud800-\udfff]")

Json = dict[str, Any]


def render(report: Json, rules: list[Json]) -> str:
    """The SARIF log for ``report`` as pretty-printed JSON text ending in a newline."""
    descriptors = _rule_descriptors(rules, report)
    rule_index = {descriptor["id"]: index for index, descriptor in enumerate(descriptors)}
    artifacts = _Artifacts()
    results = [
        _result(entry, finding, rule_index, artifacts)
        for entry in report.get("files", [])
        for finding in _ensure_artifact(entry, artifacts)
    ]
    run: Json = {
        "tool": {"driver": _driver(report.get("tool", {}), descriptors)},
        "invocations": [_invocation(report.get("errors", []))],
        "artifacts": artifacts.entries,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    text = json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    return _SURROGATE.sub("\ufffd", text)


def stream(results: Sequence[Any], rules_hash: str, min_severity: str, rules: list[Json]) -> Iterator[str]:
    """``render`` of the report of ``results`` as pieces of text, one result at a time: the artifacts and
    the rule descriptors come from a first pass over the results, the "results" array from a second."""
    from lint.report.json_report import lazy

    report = lazy(results, rules_hash, min_severity)
    descriptors = _rule_descriptors(rules, report)
    if not any(entry["findings"] for entry in report["files"]):
        yield render(report, rules)  # no result to stream; the document is small
        return
    rule_index = {descriptor["id"]: index for index, descriptor in enumerate(descriptors)}
    artifacts = _Artifacts()
    for entry in report["files"]:
        _ensure_artifact(entry, artifacts)
    run: Json = {
        "tool": {"driver": _driver(report.get("tool", {}), descriptors)},
        "invocations": [_invocation(report.get("errors", []))],
        "artifacts": artifacts.entries,
        "results": [_PLACE],
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    # "results" is at depth 3 of the document (log, runs, run), its items at depth 4.
    head, tail = _dumps(log, 0).split("\n" + _STEP * 4 + json.dumps(_PLACE))
    yield _SURROGATE.sub("\ufffd", head)
    separator = "\n"
    for entry in report["files"]:
        for finding in entry["findings"]:
            text = _dumps(_result(entry, finding, rule_index, artifacts), 4)
            yield _SURROGATE.sub("\ufffd", separator + _STEP * 4 + text)
            separator = ",\n"
    yield tail + "\n"


_STEP = "  "
_PLACE = "\x00results\x00"  # stands for the streamed results while the rest of the log is written


def _dumps(value: Any, depth: int) -> str:
    """``value`` as json.dumps writes it ``depth`` levels down in the indented log (its own line breaks
    are structure only: a newline inside a string is the escape \\n)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + _STEP * depth)


# --- tool and rules ---------------------------------------------------------------------------


def _driver(tool: Json, descriptors: list[Json]) -> Json:
    driver: Json = {"name": tool.get("name") or "editorial-lint", "rules": descriptors}
    version = tool.get("version")
    if version:
        driver["version"] = str(version)
        driver["semanticVersion"] = str(version)
    if tool.get("rules_hash"):
        # Lets a consumer tell whether two runs used the same rule pack.
        driver["properties"] = {"rulesHash": tool["rules_hash"]}
    return driver


def _rule_descriptors(rules: list[Json], report: Json) -> list[Json]:
    descriptors = [_rule_descriptor(rule) for rule in rules]
    known = {rule["id"] for rule in rules}
    used = {finding["rule"] for entry in report.get("files", []) for finding in entry.get("findings", [])}
    descriptors += [_minimal_descriptor(rule_id) for rule_id in sorted(used - known)]
    return descriptors


def _rule_descriptor(rule: Json) -> Json:
    rule_id = rule["id"]
    summary = _one_line(rule.get("summary") or rule_id)
    full = (rule.get("message") or "").strip() or summary
    descriptor: Json = {
        "id": rule_id,
        "name": _pascal_case(rule_id),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": _help(rule, summary),
        "defaultConfiguration": {"level": LEVELS.get(rule.get("severity", ""), "warning")},
        "properties": {"tags": ["editorial", *rule.get("languages", [])]},
    }
    if rule.get("help_uri"):
        descriptor["helpUri"] = rule["help_uri"]
    return descriptor


def _help(rule: Json, summary: str) -> Json:
    """Rationale and reference, as plain text and as Markdown (GitHub shows the latter)."""
    rationale = (rule.get("rationale") or "").strip() or summary
    reference = (rule.get("reference") or "").strip()
    text, markdown = rationale, rationale
    if reference:
        text += f"\n\nReference: {reference}"
        markdown += f"\n\n**Reference:** {reference}"
    return {"text": text, "markdown": markdown}


def _minimal_descriptor(rule_id: str) -> Json:
    return {"id": rule_id, "name": _pascal_case(rule_id), "shortDescription": {"text": rule_id}}


def _pascal_case(rule_id: str) -> str:
    # SARIF suggests an identifier-like ``name`` ("AgencyCredit") beside the opaque id.
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", rule_id) if part)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- artifacts and locations ------------------------------------------------------------------


class _Artifacts:
    """The run's ``artifacts`` array (every linted file, clean ones too), indexed by URI."""

    def __init__(self) -> None:
        self.entries: list[Json] = []
        self._index: dict[str, int] = {}

    def location(self, path: str) -> Json:
        """An ``artifactLocation`` for ``path``, registering the artifact on first use."""
        location = _artifact_location(path)
        uri = location["uri"]
        if uri not in self._index:
            self._index[uri] = len(self.entries)
            self.entries.append({"location": dict(location)})
        return {**location, "index": self._index[uri]}


def _ensure_artifact(entry: Json, artifacts: _Artifacts) -> list[Json]:
    """Register the file (so clean files are listed too) and return its findings."""
    artifacts.location(split_record(entry)[0])
    return entry.get("findings", [])


def _artifact_location(path: str) -> Json:
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}


def _region(finding: Json) -> Json:
    region: Json = {
        "startLine": finding["line"],
        "startColumn": finding["column"],
        "endLine": finding["end_line"],
        "endColumn": finding["end_column"],
    }
    excerpt = finding.get("excerpt") or ""
    if _excerpt_is_region_text(finding, excerpt):
        region["snippet"] = {"text": excerpt}
    return region


def _excerpt_is_region_text(finding: Json, excerpt: str) -> bool:
    # A snippet must be exactly the region's text; an excerpt that is context (or a missing-thing
    # finding's description) would mislead, so it only goes into the result properties then.
    return (
        bool(excerpt)
        and finding["line"] == finding["end_line"]
        and len(excerpt) == finding["end_column"] - finding["column"]
    )


# --- results ----------------------------------------------------------------------------------


def _result(entry: Json, finding: Json, rule_index: dict[str, int], artifacts: _Artifacts) -> Json:
    file_path, record_id = split_record(entry)
    physical: Json = {"artifactLocation": artifacts.location(file_path)}
    message = finding["message"]
    properties: Json = {"severity": finding["severity"]}
    location: Json = {"physicalLocation": physical}
    region = _region(finding)
    if record_id is None:
        physical["region"] = region
    else:
        physical["region"] = {"startLine": entry["record_line"]}
        location["logicalLocations"] = [{"name": record_id, "kind": "object"}]
        message = f"{message} (record {record_id}, body {finding['line']}:{finding['column']})"
        properties["bodyRegion"] = region
    if finding.get("excerpt") and "snippet" not in region:
        properties["excerpt"] = finding["excerpt"]
    result: Json = {
        "ruleId": finding["rule"],
        "ruleIndex": rule_index[finding["rule"]],
        "level": LEVELS.get(finding["severity"], "warning"),
        "message": {"text": message},
        "locations": [location],
        "properties": properties,
    }
    if finding.get("fingerprint"):
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding["fingerprint"]}
    return result


# --- invocation -------------------------------------------------------------------------------


def _invocation(errors: list[Json]) -> Json:
    """Run errors (unreadable input, timeouts, …) as notifications; any of them fails the run."""
    return {
        "executionSuccessful": not errors,
        "toolExecutionNotifications": [_notification(error) for error in errors],
    }


def _notification(error: Json) -> Json:
    notification: Json = {"level": "error", "message": {"text": error.get("message") or "error"}}
    path = error.get("path")
    if path:
        physical: Json = {"artifactLocation": _artifact_location(path)}
        line = error.get("line")
        if isinstance(line, int) and line >= 1:
            physical["region"] = {"startLine": line}
        notification["locations"] = [{"physicalLocation": physical}]
    return notification
