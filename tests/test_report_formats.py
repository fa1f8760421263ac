"""Report formats beside text and JSON: SARIF, GitHub commands, JUnit XML, atomic output.

The reports are built by hand (JSON report v1, DESIGN.md), so these tests do not need the engine.
"""

from __future__ import annotations

import copy
import json
import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from lint.report import github, junit, sarif
from lint.report.output import write_atomic

from conftest import SHARED

SCHEMA_DIR = SHARED / "schemas"
SARIF_SCHEMA = SCHEMA_DIR / "sarif-schema-2.1.0.json"

TRICKY_MESSAGE = "100% sicher: a, b\nund „Zitat“"
TRICKY_PATH = "news/a,b:c.md"

Json = dict[str, Any]


def _finding(rule: str, severity: str, message: str, position: tuple[int, int, int, int], excerpt: str) -> Json:
    line, column, end_line, end_column = position
    return {
        "rule": rule,
        "severity": severity,
        "message": message,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "excerpt": excerpt,
        "fingerprint": f"fp-{rule}-{line}-{column}",
    }


def _file(path: str, findings: list[Json]) -> Json:
    facts = {
        "agency_credits": [],
        "credit_line": None,
        "byline": None,
        "image_credits": [],
        "quotes": 0,
    }
    return {
        "path": path,
        "language": "de",
        "facts": facts,
        "findings": findings,
        "suppressed": 0,
        "baselined": 0,
    }


@pytest.fixture
def report() -> Json:
    findings = [
        _finding(
            "vague-attribution",
            "info",
            "Vague source: „Medienberichten zufolge“",
            (9, 1, 9, 24),
            "Medienberichten zufolge",
        ),
        _finding("agency-credit", "error", TRICKY_MESSAGE, (14, 3, 15, 2), "Schluss.\nEnde"),
        _finding("unattributed-quote", "warning", "Quotation without source", (2, 5, 2, 5), ""),
    ]
    files = [
        _file("news/clean.md", []),
        _file(TRICKY_PATH, findings[:2]),
        _file("news/q.txt", findings[2:]),
    ]
    return {
        "version": 1,
        "tool": {"name": "editorial-lint", "version": "0.1.0", "rules_hash": "sha256:abc"},
        "files": files,
        "errors": [{"path": "broken.txt", "line": 3, "message": "not valid UTF-8 at byte 1042"}],
        "summary": {"files": 3, "findings": 3, "error": 1, "warning": 1, "info": 1},
    }


@pytest.fixture
def rules() -> list[Json]:
    def rule(rule_id: str, severity: str) -> Json:
        return {
            "id": rule_id,
            "severity": severity,
            "languages": ["de", "en"],
            "summary": f"Summary of {rule_id}",
            "message": f"Message template of {rule_id}",
            "rationale": f"Why {rule_id} matters",
            "reference": "Pressekodex Ziffer 2",
            "help_uri": None,
        }

    return [
        rule("agency-credit", "error"),
        rule("anonymous-source", "warning"),  # loaded but without findings: must still be described
        rule("unattributed-quote", "warning"),
        rule("vague-attribution", "info"),
    ]


# --- SARIF ------------------------------------------------------------------------------------


def _sarif_run(report: Json, rules: list[Json]) -> Json:
    log = json.loads(sarif.render(report, rules))
    assert log["version"] == "2.1.0"
    return log["runs"][0]


def _assert_valid_sarif(text: str) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"official SARIF schema not found at {SARIF_SCHEMA} (../shared beside repo)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(json.loads(text)), key=str)
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors)


def test_sarif_validates_against_official_schema(report: Json, rules: list[Json]) -> None:
    _assert_valid_sarif(sarif.render(report, rules))


def test_sarif_jsonl_records_absolute_paths_and_unknown_rules(report: Json, rules: list[Json]) -> None:
    record = _file("export.jsonl#art-7", [_finding("house-rule", "info", "m", (2, 3, 2, 5), "ab")])
    record["record_line"] = 4
    report["files"] = [record, _file("/abs/pfad mit ü.md", [])]
    text = sarif.render(report, rules)
    _assert_valid_sarif(text)
    run = json.loads(text)["runs"][0]
    [result] = run["results"]
    location = result["locations"][0]
    # Body positions are not file positions: the region is the record's line in the container.
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "export.jsonl"
    assert location["physicalLocation"]["region"] == {"startLine": 4}
    assert location["logicalLocations"][0]["name"] == "art-7"
    assert result["properties"]["bodyRegion"]["startColumn"] == 3
    # A rule id that is not among the loaded rules still gets a descriptor for its ruleIndex.
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "house-rule"
    uris = [artifact["location"]["uri"] for artifact in run["artifacts"]]
    assert uris == ["export.jsonl", "file:///abs/pfad%20mit%20%C3%BC.md"]


def test_sarif_describes_every_loaded_rule(report: Json, rules: list[Json]) -> None:
    descriptors = _sarif_run(report, rules)["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == [r["id"] for r in rules]
    quote_rule = descriptors[2]
    assert quote_rule["shortDescription"]["text"] == "Summary of unattributed-quote"
    assert quote_rule["fullDescription"]["text"] == "Message template of unattributed-quote"
    assert "Why unattributed-quote matters" in quote_rule["help"]["text"]
    assert "Pressekodex Ziffer 2" in quote_rule["help"]["text"]
    assert [d["defaultConfiguration"]["level"] for d in descriptors] == [
        "error",
        "warning",
        "warning",
        "note",
    ]


def test_sarif_results_regions_and_fingerprints(report: Json, rules: list[Json]) -> None:
    run = _sarif_run(report, rules)
    assert run["columnKind"] == "unicodeCodePoints"
    findings = [f for entry in report["files"] for f in entry["findings"]]
    assert len(run["results"]) == len(findings)
    descriptors = run["tool"]["driver"]["rules"]
    for result, finding in zip(run["results"], findings, strict=True):
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"] == finding["rule"]
        assert result["message"]["text"] == finding["message"]
        assert result["partialFingerprints"] == {"editorialLint/v1": finding["fingerprint"]}
        region = result["locations"][0]["physicalLocation"]["region"]
        expected = [finding[key] for key in ("line", "column", "end_line", "end_column")]
        assert [region[key] for key in ("startLine", "startColumn", "endLine", "endColumn")] == expected
    assert [r["level"] for r in run["results"]] == ["note", "error", "warning"]
    # The excerpt is exactly the region's text only for the first finding.
    first_region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert first_region["snippet"]["text"] == "Medienberichten zufolge"


def test_sarif_locations_are_relative_uris_under_srcroot(report: Json, rules: list[Json]) -> None:
    run = _sarif_run(report, rules)
    location = run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "news/a%2Cb%3Ac.md"
    assert location["uriBaseId"] == "%SRCROOT%"
    assert run["artifacts"][location["index"]]["location"]["uri"] == location["uri"]
    # Clean files are listed as analysed artifacts too.
    assert {a["location"]["uri"] for a in run["artifacts"]} == {
        "news/clean.md",
        location["uri"],
        "news/q.txt",
    }


def test_sarif_run_errors_become_notifications(report: Json, rules: list[Json]) -> None:
    invocation = _sarif_run(report, rules)["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "not valid UTF-8 at byte 1042"
    physical = notification["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "broken.txt"
    assert physical["region"] == {"startLine": 3}

    report["errors"] = []
    assert _sarif_run(report, rules)["invocations"][0]["executionSuccessful"] is True


def test_sarif_keeps_non_ascii_and_is_deterministic(report: Json, rules: list[Json]) -> None:
    text = sarif.render(report, rules)
    assert "„Zitat“" in text
    assert text == sarif.render(copy.deepcopy(report), rules)


# --- GitHub workflow commands -----------------------------------------------------------------


def _unescape(value: str) -> str:
    # %25 last, so an escaped "%0A" in the original ("%250A") does not turn into a newline.
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, plain)
    return value


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse ``::name k=v,k=v::data`` the way the Actions runner does."""
    assert line.startswith("::")
    head, separator, data = line[2:].partition("::")
    assert separator, line
    name, _, props = head.partition(" ")
    properties = dict(pair.split("=", 1) for pair in props.split(",")) if props else {}
    return name, {key: _unescape(value) for key, value in properties.items()}, _unescape(data)


def test_github_commands_parse_back_to_the_original_values(report: Json, rules: list[Json]) -> None:
    lines = github.render(report, rules).splitlines()
    assert len(lines) == 4  # three findings and one run error, no summary line
    commands = [_parse_command(line) for line in lines]

    name, props, message = commands[0]
    assert name == "notice"
    assert props == {
        "file": TRICKY_PATH,
        "line": "9",
        "col": "1",
        "endLine": "9",
        "endColumn": "24",
        "title": "editorial-lint (vague-attribution)",
    }
    assert message == "Vague source: „Medienberichten zufolge“"

    name, props, message = commands[1]
    assert name == "error"
    assert message == TRICKY_MESSAGE
    # Multi-line: GitHub accepts columns only on a single line.
    assert props == {
        "file": TRICKY_PATH,
        "line": "14",
        "endLine": "15",
        "title": "editorial-lint (agency-credit)",
    }

    assert commands[2][0] == "warning"
    assert commands[2][1]["file"] == "news/q.txt"
    assert commands[3] == (
        "error",
        {"file": "broken.txt", "line": "3"},
        "not valid UTF-8 at byte 1042",
    )


def test_github_escapes_every_special_character(report: Json, rules: list[Json]) -> None:
    error_line = github.render(report, rules).splitlines()[1]
    assert "\n" not in error_line and "\r" not in error_line
    assert "file=news/a%2Cb%3Ac.md," in error_line
    assert error_line.endswith("::100%25 sicher: a, b%0Aund „Zitat“")


def test_github_clean_run_prints_nothing(report: Json, rules: list[Json]) -> None:
    report["files"] = [report["files"][0]]
    report["errors"] = []
    assert github.render(report, rules) == ""


# --- JUnit XML --------------------------------------------------------------------------------


def _junit_suite(report: Json, rules: list[Json]) -> ET.Element:
    text = junit.render(report, rules)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "editorial-lint"
    return suite


def test_junit_counts_and_names(report: Json, rules: list[Json]) -> None:
    suite = _junit_suite(report, rules)
    cases = suite.findall("testcase")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "3", "1")
    names = [case.get("name") for case in cases]
    assert names == [
        "news/clean.md",
        f"{TRICKY_PATH}:9:1 vague-attribution",
        f"{TRICKY_PATH}:14:3 agency-credit",
        "news/q.txt:2:5 unattributed-quote",
        "broken.txt:3",
    ]
    assert [case.get("classname") for case in cases[:4]] == [
        "news/clean.md",
        TRICKY_PATH,
        TRICKY_PATH,
        "news/q.txt",
    ]


def test_junit_clean_file_passes_and_failures_carry_details(report: Json, rules: list[Json]) -> None:
    cases = _junit_suite(report, rules).findall("testcase")
    assert len(list(cases[0])) == 0  # a passing testcase has no children
    failure = cases[2].find("failure")
    assert failure is not None
    assert failure.get("message") == TRICKY_MESSAGE
    assert failure.get("type") == "error"
    assert failure.text is not None
    for part in (
        "agency-credit",
        "error",
        TRICKY_MESSAGE,
        "Schluss.\nEnde",
        f"{TRICKY_PATH}:14:3-15:2",
    ):
        assert part in failure.text
    error = cases[4].find("error")
    assert error is not None and error.get("message") == "not valid UTF-8 at byte 1042"


def test_junit_survives_characters_xml_cannot_hold(report: Json, rules: list[Json]) -> None:
    report["files"][1]["findings"][0]["excerpt"] = "Seite\x0cUmbruch"
    suite = _junit_suite(report, rules)
    failure = suite.findall("testcase")[1].find("failure")
    assert failure is not None and failure.text is not None
    assert "Seite\\u000cUmbruch" in failure.text


# --- atomic output ----------------------------------------------------------------------------


def _leftovers(folder: Path, keep: str) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name != keep)


def test_write_atomic_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "neu „Zitat“\n")
    assert target.read_text(encoding="utf-8") == "neu „Zitat“\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path, "report.sarif") == []


def test_write_atomic_creates_new_file_with_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "new.xml"
    old_mask = os.umask(0o022)
    try:
        write_atomic(str(target), "x")
    finally:
        os.umask(old_mask)
    assert target.read_text(encoding="utf-8") == "x"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert _leftovers(tmp_path, "new.xml") == []


def test_write_atomic_failure_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path, "report.json") == []
