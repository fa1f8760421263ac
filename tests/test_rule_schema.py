"""The rule-file JSON Schema: valid draft 2020-12, in step with the loader, and every default rule passes it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from lint.checks.scopes import SCOPES
from lint.cli.test_rules import RULE_SCHEMA, schema_check
from lint.pack.loader import default_pack
from lint.pack.ruleset import PART_KEYS, RULE_KEYS
from lint.pack.yamlio import load_file

from conftest import run_cli

SCHEMA = json.loads(RULE_SCHEMA.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
RULE_FILES = sorted(default_pack().glob("*.yaml"))


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_describes_every_rule_key_and_scope() -> None:
    assert set(SCHEMA["properties"]) == RULE_KEYS
    assert set(SCHEMA["$defs"]["scope"]["enum"]) == set(SCOPES)
    assert set(SCHEMA["properties"]["also"]["items"]["propertyNames"]["enum"]) == PART_KEYS


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_default_rule_validates(path: Path) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(load_file(path))]
    assert not errors, errors


def _valid(**changes: object) -> dict[str, object]:
    rule: dict[str, object] = {
        "id": "demo",
        "type": "forbid",
        "severity": "info",
        "languages": ["de"],
        "pattern": "x",
        "message": {"de": "x"},
        "rationale": "r",
        "reference": "ref",
        "examples": {"pass": ["a"], "fail": [{"text": "x", "lang": "de", "expect": [{"line": 1}]}]},
    }
    rule.update(changes)
    return rule


@pytest.mark.parametrize(
    "change",
    [
        {"severity": "fatal"},
        {"scope": "footer"},
        {"unknown-key": 1},
        {"examples": {"pass": ["a"]}},  # no fail example
        {"examples": {"pass": ["a"], "fail": [{"text": "x", "expected": []}]}},
        {"when": {"frontmatter": {"type": "news"}}},  # misspelt condition
        {"pattern": {"vocabulary": 3}},
        {"also": [{"severity": "error"}]},  # severity is shared by every check of a rule
    ],
)
def test_schema_rejects(change: dict[str, object]) -> None:
    assert not VALIDATOR.is_valid(_valid(**change))


def test_schema_accepts_a_house_rule_that_only_extends() -> None:
    assert VALIDATOR.is_valid({"id": "agency-credit", "extends": "agency-credit", "severity": "warning"})
    assert VALIDATOR.is_valid(_valid())


def test_schema_check_reports_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "demo.yaml"
    bad.write_text(
        "id: demo\ntype: forbid\nseverity: fatal\nlanguages: [de]\npattern: x\nmessage: m\n"
        "rationale: r\nreference: r\nexamples: {pass: [a], fail: [x]}\n",
        encoding="utf-8",
    )
    problems = schema_check([str(bad)])
    assert problems and problems[0].startswith(f"{bad}:3: schema: severity")


def test_test_rules_validates_the_default_pack_with_the_schema() -> None:
    done = run_cli("test-rules", "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "schema" not in done.stderr
