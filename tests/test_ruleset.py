"""Rule pack validation: every problem named with file, line and rule, before anything is linted."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.pack.loader import load_pack
from lint.pack.ruleset import RuleError

VALID = (
    "id: {id}\ntype: forbid\nseverity: info\nlanguages: [de]\nscope: body\npattern: '{pattern}'\n"
    "message: m\nrationale: r\nreference: r\nexamples: {{pass: [gut], fail: [schlecht]}}\n"
)


def _problems(tmp_path: Path, name: str, text: str) -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_pack([tmp_path])
    return caught.value.lines()


def test_valid_house_rule_loads(tmp_path: Path) -> None:
    (tmp_path / "schlecht.yaml").write_text(VALID.format(id="schlecht", pattern="schlecht"), encoding="utf-8")
    assert "schlecht" in load_pack([tmp_path]).rules


def test_unknown_vocabulary(tmp_path: Path) -> None:
    text = VALID.format(id="x", pattern="x").replace("pattern: 'x'", "pattern: {vocabulary: nope}")
    assert _problems(tmp_path, "x.yaml", text) == [
        f"{tmp_path / 'x.yaml'}:6: rule 'x': 'pattern': unknown vocabulary 'nope'"
    ]


def test_unknown_named_list(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "x.yaml", VALID.format(id="x", pattern=r"\L<nope>"))
    assert problems == [f"{tmp_path / 'x.yaml'}:6: rule 'x': 'pattern': unknown vocabulary 'nope' in \\L<nope>"]


def test_unknown_scope_type_and_severity(tmp_path: Path) -> None:
    text = (
        VALID.format(id="x", pattern="x")
        .replace("scope: body", "scope: sidebar")
        .replace("type: forbid", "type: ban")
        .replace("severity: info", "severity: fatal")
    )
    problems = _problems(tmp_path, "x.yaml", text)
    assert any(":5: rule 'x': unknown scope 'sidebar'" in p for p in problems)
    assert any(":2: rule 'x': 'type' must be one of" in p for p in problems)
    assert any(":3: rule 'x': 'severity' must be one of" in p for p in problems)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "y.yaml", VALID.format(id="x", pattern="x"))
    assert problems == [f"{tmp_path / 'y.yaml'}:1: rule 'x': id must equal the file name ('y')"]


def test_rule_without_examples_does_not_load(tmp_path: Path) -> None:
    text = VALID.format(id="x", pattern="x").replace("examples: {pass: [gut], fail: [schlecht]}\n", "")
    problems = _problems(tmp_path, "x.yaml", text)
    assert any("missing required key 'examples'" in p for p in problems)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "x.yaml", "id: x\ntype: [forbid\n")
    assert problems[0].startswith(f"{tmp_path / 'x.yaml'}:3: invalid YAML")


def test_alias_bombs_are_refused(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
    )
    problems = _problems(tmp_path, "x.yaml", bomb)
    assert "aliases" in problems[0]


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID.format(id="a", pattern="(").replace("rationale: r\n", ""), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: b\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_pack([tmp_path])
    assert len(caught.value.problems) >= 4
