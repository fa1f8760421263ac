"""JUnit XML (``--format junit``) for CI systems that show test reports (GitLab, Jenkins, Azure).

Shape: ``<testsuites>`` holding one ``<testsuite name="editorial-lint">``; each finding is a failed
``<testcase name="path:line:col rule" classname="path">``; each clean file a passing testcase named
by its path; each run error a testcase with ``<error>``.  A file that also has a run error gets no
passing testcase: it was not (fully) checked.  No timestamps or host names, so the output is
deterministic.

ElementTree escapes markup characters, but XML 1.0 cannot hold most C0 control characters (a form
feed in a legacy archive) or lone surrogates at all, so those are written as visible ``\\uXXXX``.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

SUITE_NAME = "editorial-lint"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# Code points XML 1.0 forbids (tab, LF and CR are allowed), plus surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

Json = dict[str, Any]


def render(report: Json, rules: list[Json]) -> str:
    """The JUnit XML document for ``report``; a rule's ``help_uri`` goes into its failures' text."""
    links = {rule["id"]: rule.get("help_uri") for rule in rules}
    suite = _suite(report, links)
    root = ET.Element("testsuites", _counts(suite, with_name=True))
    root.append(suite)
    ET.indent(root)
    return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def stream(results: Sequence[Any], rules_hash: str, min_severity: str, rules: list[Json]) -> Iterator[str]:
    """``render`` of the report of ``results`` as pieces of text, one testcase at a time: the counts of
    the opening tags come from a first pass over the results, the testcases from a second."""
    from lint.report.json_report import lazy

    report = lazy(results, rules_hash, min_severity)
    links = {rule["id"]: rule.get("help_uri") for rule in rules}
    errored = {error.get("path") for error in report["errors"]}
    passed = failed = 0
    for entry in report["files"]:
        failed += len(entry["findings"])
        passed += not entry["findings"] and entry["path"] not in errored
    errors = len(report["errors"])
    if not passed + failed + errors:
        yield render(report, rules)  # an empty suite is written as one empty element
        return
    counts = {"tests": str(passed + failed + errors), "failures": str(failed), "errors": str(errors)}
    counts |= {"skipped": "0", "time": "0"}
    root = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE_NAME, **counts})
    ET.SubElement(suite, _PLACE)
    ET.indent(root)
    head, tail = ET.tostring(root, encoding="unicode").split(f"<{_PLACE} />")
    yield DECLARATION + head
    separator = ""
    error_cases = (_error_case(error) for error in report["errors"])
    for case in itertools.chain(_cases(report["files"], errored, links), error_cases):
        ET.indent(case, level=2)  # where it sits in the whole document: testsuites, testsuite, testcase
        yield separator + ET.tostring(case, encoding="unicode")
        separator = "\n" + "  " * 2
    yield tail + "\n"


_PLACE = "streamed-testcases"  # stands for the testcases while the opening and closing tags are written


def _cases(entries: Iterable[Json], errored: set[Any], links: dict[str, str | None]) -> Iterator[ET.Element]:
    """The testcases of the linted files, in order: one per finding, or one passing case."""
    for entry in entries:
        findings = entry.get("findings", [])
        yield from (_finding_case(entry["path"], finding, links.get(finding["rule"])) for finding in findings)
        if not findings and entry["path"] not in errored:
            yield _case(entry["path"], entry["path"])


def _suite(report: Json, links: dict[str, str | None]) -> ET.Element:
    errored = {error.get("path") for error in report.get("errors", [])}
    cases = list(_cases(report.get("files", []), errored, links))
    cases += [_error_case(error) for error in report.get("errors", [])]
    suite = ET.Element("testsuite", {"name": SUITE_NAME})
    suite.extend(cases)
    suite.attrib.update(_counts(suite, with_name=False))
    return suite


def _counts(suite: ET.Element, *, with_name: bool) -> dict[str, str]:
    cases = suite.findall("testcase")
    counts = {
        "tests": str(len(cases)),
        "failures": str(sum(1 for case in cases if case.find("failure") is not None)),
        "errors": str(sum(1 for case in cases if case.find("error") is not None)),
        "skipped": "0",
        "time": "0",
    }
    return {"name": SUITE_NAME, **counts} if with_name else counts


def _case(name: str, classname: str) -> ET.Element:
    return ET.Element("testcase", {"name": _clean(name), "classname": _clean(classname), "time": "0"})


def _finding_case(path: str, finding: Json, help_uri: str | None = None) -> ET.Element:
    line, column, rule = finding["line"], finding["column"], finding["rule"]
    case = _case(f"{path}:{line}:{column} {rule}", path)
    failure = ET.SubElement(case, "failure", {"message": _clean(finding["message"]), "type": finding["severity"]})
    failure.text = _clean(_failure_text(path, finding, help_uri))
    return case


def _failure_text(path: str, finding: Json, help_uri: str | None = None) -> str:
    """Everything a reader needs without the source at hand: GitLab shows this text in full."""
    location = f"{path}:{finding['line']}:{finding['column']}-{finding['end_line']}:{finding['end_column']}"
    lines = [
        f"rule: {finding['rule']}",
        f"severity: {finding['severity']}",
        f"message: {finding['message']}",
        f"excerpt: {finding.get('excerpt', '')}",
        f"location: {location}",
    ]
    if finding.get("note"):
        lines.append(f"note: {finding['note']}")
    if help_uri:
        lines.append(f"help: {help_uri}")
    return "\n".join(lines)


def _error_case(error: Json) -> ET.Element:
    path = error.get("path") or ""
    name = f"{path}:{error['line']}" if isinstance(error.get("line"), int) else path
    case = _case(name or SUITE_NAME, path or SUITE_NAME)
    message = error.get("message") or "error"
    element = ET.SubElement(case, "error", {"message": _clean(message), "type": "error"})
    element.text = _clean(f"{name}: {message}" if name else message)
    return case


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
