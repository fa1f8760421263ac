"""Item 3 of the hardening issue: one impossible value — a front-matter date that does not exist, an hour
25, an integer of thousands of digits, a JSONL text with a lone surrogate — is an error naming the file and
line for that input (exit 2), and every other file is still linted; all-zero placeholder dates are undated.
The same in rule files, configurations and baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ARTICLE, write

from conftest import SEED, run_cli

HUGE = "9" * 5000
BAD_FRONT_MATTER = {
    "impossible-day": ("date: 2024-02-30", "impossible date"),
    "hour-25": ("date: 2024-01-01 25:00:00", "impossible date or time"),
    "huge-int": (f"word_count: {HUGE}", "5000 digits"),
}


@pytest.mark.parametrize("case", sorted(BAD_FRONT_MATTER))
def test_a_bad_front_matter_value_fails_only_its_file(tmp_path: Path, case: str) -> None:
    line, expected = BAD_FRONT_MATTER[case]
    bad = write(tmp_path, "bad.md", f"---\ntitle: Titel\n{line}\n---\n{ARTICLE}")
    good = write(tmp_path, "good.md", ARTICLE)
    result = run_cli("--isolated", "--format", "json", str(bad), str(good))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{bad}:3: ") and expected in result.stderr
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == [str(good)]  # the other file is still linted
    assert report["files"][0]["findings"]


@pytest.mark.parametrize("placeholder", ["0000-00-00", "0000-00-00 00:00:00", "0001-01-01"])
def test_placeholder_dates_are_undated(tmp_path: Path, placeholder: str) -> None:
    article = write(tmp_path, "a.md", f"---\ntitle: Titel\ndate: {placeholder}\n---\n{ARTICLE}")
    result = run_cli("audit", "--isolated", "--json", "-", str(article))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["undated"] == 1


def test_jsonl_lone_surrogate_and_huge_number(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok", "body": ARTICLE}),
        '{"id": "broken", "body": "Text \\ud800 mehr Text"}',
        '{"id": "big", "body": "Text", "count": ' + HUGE + "}",
        json.dumps({"id": "ok2", "body": ARTICLE}),
    ]
    export = write(tmp_path, "export.jsonl", "\n".join(lines) + "\n")
    result = run_cli("--isolated", "--format", "json", str(export))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{export}:2: record field 'body' holds a lone surrogate" in result.stderr
    assert f"{export}:3: not a value this tool reads" in result.stderr
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [f"{export}#ok", f"{export}#ok2"]


RULE = (
    "id: x\ntype: forbid\nseverity: info\nlanguages: [de]\nscope: body\npattern: schlecht\n"
    "message: m\nrationale: r\nreference: r\nexamples: {pass: [gut], fail: [schlecht]}\n"
)


@pytest.mark.parametrize("value", ["2024-02-30", HUGE])
def test_bad_values_in_rule_files(tmp_path: Path, value: str) -> None:
    write(tmp_path / "pack", "x.yaml", RULE + f"summary-date: {value}\n")
    result = run_cli("--isolated", "--rules", str(tmp_path / "pack"), str(SEED))
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{tmp_path / 'pack' / 'x.yaml'}:11: ")


@pytest.mark.parametrize("value", ["2024-02-30", HUGE])
def test_bad_values_in_configs(tmp_path: Path, value: str) -> None:
    config = write(tmp_path, ".editorial-lint.yaml", f"lang: de\nmax-file-size: {value}\n")
    result = run_cli("--config", str(config), str(SEED))
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{config}:2: ")


def test_bad_values_in_baselines(tmp_path: Path) -> None:
    baseline = write(tmp_path, "baseline.json", '{"version": 1, "files": {}, "n": ' + HUGE + "}")
    result = run_cli("--isolated", "--baseline", str(baseline), str(SEED))
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{baseline}: not a baseline file")


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_a_yaml_error_after_a_unicode_line_separator_names_the_files_line(tmp_path: Path, separator: str) -> None:
    # YAML counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks; the file's lines do not,
    # so the error must name the line as an editor shows it (found by the property test).
    bad = write(tmp_path, "bad.md", f"---\ntitle: Titel{separator}x\nbroken: a: b\n---\n{ARTICLE}")
    result = run_cli("--isolated", "--format", "json", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{bad}:3: front matter: invalid YAML"), result.stderr  # not 4
