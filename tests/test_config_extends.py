"""``extends: PATH``: one desk's configuration serving many content repositories (lint/config.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run_cli

UNCREDITED = "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen.\n"
HOUSE_RULE = """id: agency-credit-desk
extends: agency-credit
severity: info
"""


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _report(cwd: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    done = run_cli("--format", "json", *args, cwd=cwd)
    return done.returncode, json.loads(done.stdout) if done.stdout else {}, done.stderr


def _found(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(entry["path"], f["rule"], f["severity"]) for entry in report["files"] for f in entry["findings"]]


def test_a_repository_extends_the_desk_configuration_and_wins_key_by_key(tmp_path: Path) -> None:
    _tree(
        tmp_path / "desk",
        {
            "editorial-lint.yaml": (
                "rules: [house]\n"
                "fail-on: never\n"
                "severity: {agency-credit: warning}\n"
                "exclude: [drafts]\n"
                "overrides:\n  - files: 'archive/**'\n    ignore: [agency-credit]\n"
            ),
            "house/agency-credit-desk.yaml": HOUSE_RULE,
        },
    )
    repo = _tree(
        tmp_path / "repo",
        {
            ".editorial-lint.yaml": "extends: ../desk/editorial-lint.yaml\nfail-on: warning\n",
            "news/a.md": UNCREDITED,
            "archive/b.md": UNCREDITED,
            "drafts/c.md": UNCREDITED,
        },
    )
    code, report, stderr = _report(repo / "news", "..")  # found upward; the desk's globs apply to the repo
    assert code == 1, stderr  # the repository's fail-on: warning beats the desk's never
    assert sorted(_found(report)) == [
        ("../archive/b.md", "agency-credit-desk", "info"),  # the override drops agency-credit, not the desk rule
        ("../news/a.md", "agency-credit", "warning"),
        ("../news/a.md", "agency-credit-desk", "info"),
    ]


def test_chains_work_in_pyproject_too_and_rules_stay_relative_to_the_file_naming_them(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "org/base.yaml": "rules: [house]\nignore: [agency-credit]\n",
            "org/house/agency-credit-desk.yaml": HOUSE_RULE,
            "desk/config.yaml": "extends: ../org/base.yaml\nseverity: {agency-credit-desk: error}\n",
            "repo/pyproject.toml": '[tool.editorial-lint]\nextends = "../desk/config.yaml"\n',
            "repo/a.md": UNCREDITED,
        },
    )
    code, report, stderr = _report(tmp_path / "repo")
    assert code == 1, stderr
    assert _found(report) == [("a.md", "agency-credit-desk", "error")]


def test_a_cycle_is_an_error_naming_the_files(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".editorial-lint.yaml": "extends: desk/a.yaml\n",
            "desk/a.yaml": "extends: b.yaml\n",
            "desk/b.yaml": "extends: ../.editorial-lint.yaml\n",
            "x.md": UNCREDITED,
        },
    )
    code, _, stderr = _report(tmp_path)
    assert code == 2
    assert "cycle" in stderr and "a.yaml" in stderr and "b.yaml" in stderr and ".editorial-lint.yaml" in stderr
    assert "Traceback" not in stderr


def test_a_missing_base_and_a_bad_key_in_a_base_name_the_right_file(tmp_path: Path) -> None:
    _tree(tmp_path, {".editorial-lint.yaml": "extends: desk.yaml\n", "x.md": UNCREDITED})
    code, _, stderr = _report(tmp_path)
    assert code == 2 and ".editorial-lint.yaml:1: 'extends': no such configuration file" in stderr
    _tree(tmp_path, {"desk.yaml": "ignore: [agency-credti]\n"})
    code, _, stderr = _report(tmp_path)
    assert code == 2 and "desk.yaml:1: 'ignore': unknown rule id 'agency-credti'" in stderr, stderr
    _tree(tmp_path, {"desk.yaml": "fail-onn: never\n"})
    code, _, stderr = _report(tmp_path)
    assert code == 2 and "desk.yaml:1: unknown key 'fail-onn'" in stderr, stderr
