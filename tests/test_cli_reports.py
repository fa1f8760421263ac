"""Report formats through the command line: SARIF validates, GitHub commands and JUnit XML parse."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from conftest import SEED, run_cli, shared_path

ARTICLE = """---
title: Brücke gesperrt
---
Die Stadt hat die Brücke am Montag gesperrt.

"Wir müssen jetzt schnell handeln und die Pendler informieren."

Medienberichten zufolge dauert die Sanierung ein Jahr.
"""
CLEAN = "Die Stadt hat die Brücke am Montag gesperrt. Die Sanierung beginnt im Mai. (dpa)\n"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "bruecke.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news" / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def _validate_sarif(text: str) -> dict[str, Any]:
    import jsonschema

    schema = json.loads(shared_path("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    log = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    return log


def test_sarif_for_the_seed_validates_and_describes_every_rule() -> None:
    done = run_cli("--isolated", "--format", "sarif", str(SEED))
    assert done.returncode == 0, done.stderr
    log = _validate_sarif(done.stdout)
    run = log["runs"][0]
    listed = run_cli("rules", "--isolated").stdout.split("\n")
    loaded = sorted(line.split()[0] for line in listed if line.strip())
    assert sorted(r["id"] for r in run["tool"]["driver"]["rules"]) == loaded
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["ruleId"] for r in run["results"]] == ["vague-attribution", "vague-attribution"]


def test_sarif_with_findings_validates_with_regions_and_stable_fingerprints(articles: Path) -> None:
    first = run_cli("--isolated", "--format", "sarif", "news", cwd=articles)
    assert first.returncode == 1, first.stderr
    log = _validate_sarif(first.stdout)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("unattributed-quote", "warning"),
        ("vague-attribution", "note"),
        ("agency-credit", "error"),
    ]
    quote = results[0]["locations"][0]["physicalLocation"]
    assert quote["artifactLocation"]["uri"] == "news/bruecke.md"
    assert quote["region"]["startLine"] == 6 and quote["region"]["startColumn"] == 1
    uris = {a["location"]["uri"] for a in log["runs"][0]["artifacts"]}
    assert uris == {"news/bruecke.md", "news/clean.md"}

    # A paragraph added above moves every finding down, but the fingerprints stay.
    path = articles / "news" / "bruecke.md"
    path.write_text(
        ARTICLE.replace("---\nDie Stadt", "---\nEin neuer erster Absatz steht hier.\n\nDie Stadt"), encoding="utf-8"
    )
    moved = json.loads(run_cli("--isolated", "--format", "sarif", "news", cwd=articles).stdout)["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved] == [8, 10, 10]
    assert [r["partialFingerprints"] for r in moved] == [r["partialFingerprints"] for r in results]


def test_output_file_is_written_and_stdout_stays_empty(articles: Path) -> None:
    done = run_cli("--isolated", "--format", "sarif", "--output", "report.sarif", "news", cwd=articles)
    assert done.returncode == 1 and done.stdout == ""
    _validate_sarif((articles / "report.sarif").read_text(encoding="utf-8"))
    missing = run_cli("--isolated", "--output", "no/such/folder/r.txt", "news", cwd=articles)
    assert missing.returncode == 2 and "no/such/folder/r.txt: cannot write the report" in missing.stderr


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    assert line.startswith("::"), line
    head, _, data = line[2:].partition("::")
    name, _, props = head.partition(" ")
    unescape = {"%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ",", "%25": "%"}

    def plain(value: str) -> str:
        for escaped, char in unescape.items():
            value = value.replace(escaped, char)
        return value

    properties = dict(pair.split("=", 1) for pair in props.split(",")) if props else {}
    return name, {k: plain(v) for k, v in properties.items()}, plain(data)


def test_github_output_parses_into_one_annotation_per_finding(articles: Path) -> None:
    done = run_cli("--isolated", "--format", "github", "news", cwd=articles)
    assert done.returncode == 1
    commands = [_parse_command(line) for line in done.stdout.splitlines()]
    assert [c[0] for c in commands] == ["warning", "notice", "error"]
    _, props, message = commands[0]
    assert props["file"] == "news/bruecke.md" and props["line"] == "6" and props["col"] == "1"
    assert props["title"] == "editorial-lint (unattributed-quote)"
    assert message.startswith("Zitat ohne Sprecher oder Quelle")
    # --min-severity hides the info finding in this format too, but not from the exit code.
    shown = run_cli("--isolated", "--format", "github", "--min-severity", "warning", "news", cwd=articles)
    assert [c[0] for c in map(_parse_command, shown.stdout.splitlines())] == ["warning", "error"]


def test_junit_output_parses_with_a_case_per_finding_and_per_clean_file(articles: Path) -> None:
    done = run_cli("--isolated", "--format", "junit", "news", cwd=articles)
    assert done.returncode == 1
    root = ET.fromstring(done.stdout.encode("utf-8"))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [
        "news/bruecke.md:6:1 unattributed-quote",
        "news/bruecke.md:8:1 vague-attribution",
        "news/bruecke.md:8:55 agency-credit",
        "news/clean.md",
    ]
    assert [c.find("failure") is not None for c in cases] == [True, True, True, False]
    assert root.get("tests") == "4" and root.get("failures") == "3"
