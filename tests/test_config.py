"""Configuration files through the command line: discovery, precedence, overrides and clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run_cli

UNCREDITED = "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen.\n"
QUOTE = 'Die Stadt sperrt die Brücke.\n\n"Wir müssen jetzt schnell handeln und die Pendler informieren."\n\n(dpa)\n'


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _findings(cwd: Path, *args: str) -> tuple[int, list[tuple[str, str, str]], dict[str, Any]]:
    done = run_cli("--format", "json", *args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    found = [(entry["path"], f["rule"], f["severity"]) for entry in report["files"] for f in entry["findings"]]
    return done.returncode, found, report


def test_yaml_config_is_found_from_a_subfolder_and_paths_are_relative_to_it(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".editorial-lint.yaml": "exclude: [drafts/**]\nseverity: {agency-credit: warning}\nfail-on: never\n",
            "news/a.md": UNCREDITED,
            "drafts/b.md": UNCREDITED,
        },
    )
    code, found, _ = _findings(tmp_path)
    assert (code, found) == (0, [("news/a.md", "agency-credit", "warning")])
    # From news/ the same file is found upward, and drafts/** still means <config folder>/drafts.
    code, found, _ = _findings(tmp_path / "news", ".", "../drafts/b.md")
    assert (code, found) == (0, [("a.md", "agency-credit", "warning")])


def test_pyproject_table_is_read_and_a_pyproject_without_it_is_passed_over(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.editorial-lint]\nignore = ["agency-credit"]\n',
            "site/pyproject.toml": "[project]\nname = 'site'\n",
            "site/a.md": UNCREDITED,
        },
    )
    assert _findings(tmp_path / "site")[1] == []
    assert _findings(tmp_path / "site", "--isolated")[1] == [("a.md", "agency-credit", "error")]


def test_yaml_file_beats_pyproject_in_the_same_folder_and_config_names_one(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.editorial-lint]\nignore = ["agency-credit"]\n',
            ".editorial-lint.yaml": "severity: {agency-credit: info}\n",
            "other.yaml": "select: [unattributed-quote]\n",
            "a.md": UNCREDITED,
        },
    )
    assert _findings(tmp_path)[1] == [("a.md", "agency-credit", "info")]
    assert _findings(tmp_path, "--config", "other.yaml")[1] == []
    assert _findings(tmp_path, "--config", "pyproject.toml")[1] == []


def test_command_line_wins_over_the_file(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".editorial-lint.yaml": "fail-on: never\nmin-severity: error\nformat: github\nignore: [agency-credit]\n",
            "a.md": UNCREDITED,
        },
    )
    from_file = run_cli(cwd=tmp_path)
    assert (from_file.returncode, from_file.stdout) == (0, "")  # ignored by the file, github format
    cli = run_cli("--fail-on", "error", "--format", "text", "--extend-select", "agency-credit", cwd=tmp_path)
    assert cli.returncode == 1
    assert "a.md:1:77: error agency-credit" in cli.stdout


def test_overrides_change_rules_severity_and_language_per_path(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".editorial-lint.yaml": (
                "overrides:\n"
                "  - files: archive/**\n"
                "    ignore: [agency-credit]\n"
                "  - files: [wire/*.md]\n"
                "    severity: {agency-credit: warning}\n"
                "  - files: english/**\n"
                "    lang: en\n"
            ),
            "archive/2001/a.md": UNCREDITED,
            "wire/b.md": UNCREDITED,
            "news/c.md": UNCREDITED,
            "english/d.md": "Council approved. (AP)\n",
        },
    )
    code, found, report = _findings(tmp_path)
    assert code == 1
    assert found == [("news/c.md", "agency-credit", "error"), ("wire/b.md", "agency-credit", "warning")]
    languages = {entry["path"]: entry["language"] for entry in report["files"]}
    assert languages["english/d.md"] == "en"


def test_front_matter_keys_map_cms_fields(tmp_path: Path) -> None:
    article = "---\nmeta:\n  byline: Anna Schmidt\n---\n" + UNCREDITED
    _tree(tmp_path, {".editorial-lint.yaml": "front-matter-keys: {author: meta.byline}\n", "a.md": article})
    assert _findings(tmp_path)[1] == []
    assert _findings(tmp_path, "--isolated")[1] == [("a.md", "agency-credit", "error")]


def test_rules_and_include_in_the_config(tmp_path: Path) -> None:
    rule = (
        "id: no-exclamation\ntype: forbid\nseverity: warning\nlanguages: [any]\nscope: body\n"
        "pattern: '!'\nmessage: No exclamation marks.\nrationale: Calm tone.\nreference: house style\n"
        "examples:\n  pass: ['Calm.']\n  fail: ['Loud!']\n"
    )
    _tree(
        tmp_path,
        {
            "site/.editorial-lint.yaml": "rules: [../house]\nselect: [no-exclamation]\ninclude: ['*.txt']\n",
            "house/no-exclamation.yaml": rule,
            "site/a.txt": "Wow! (dpa)\n",
            "site/b.md": "Wow! (dpa)\n",
        },
    )
    assert _findings(tmp_path / "site")[1] == [("a.txt", "no-exclamation", "warning")]


def _error(tmp_path: Path, config: str, name: str = ".editorial-lint.yaml") -> str:
    _tree(tmp_path, {name: config, "a.md": UNCREDITED})
    done = run_cli(cwd=tmp_path)
    assert done.returncode == 2, done.stdout
    assert done.stdout == "" and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    return line


def test_unknown_key_names_file_key_and_line(tmp_path: Path) -> None:
    line = _error(tmp_path, "fail-on: warning\nmin_severity: info\n")
    assert line.endswith(".editorial-lint.yaml:2: unknown key 'min_severity' (did you mean 'min-severity'?)")


def test_bad_values_and_unknown_rule_ids_are_errors(tmp_path: Path) -> None:
    assert _error(tmp_path, "fail-on: sometimes\n").endswith(
        ".editorial-lint.yaml:1: 'fail-on': must be one of info, warning, error, never (got 'sometimes')"
    )
    assert _error(tmp_path, "jobs: -1\n").endswith(":1: 'jobs': must be a whole number >= 0 (got -1)")
    assert _error(tmp_path, "severity: {agency-credit: fatal}\n").endswith(
        ":1: 'severity': must be a map of rule id to info, warning, error (got {'agency-credit': 'fatal'})"
    )
    assert _error(tmp_path, "select: [agency-credits]\n").endswith(
        ":1: 'select': unknown rule id 'agency-credits' (did you mean 'agency-credit'?) (see 'editorial-lint rules')"
    )
    assert _error(tmp_path, "overrides:\n  - files: a/**\n    ignore: [nope]\n").endswith(
        ":3: 'overrides[0].ignore': unknown rule id 'nope' (see 'editorial-lint rules')"
    )
    assert _error(tmp_path, "overrides:\n  - ignore: [agency-credit]\n").endswith(
        ":2: 'overrides[0]': needs 'files' (a glob or a list of globs)"
    )
    assert _error(tmp_path, "lang: fr\n").endswith(":1: 'lang': no language profile 'fr' (have: auto, de, en)")
    assert _error(tmp_path, "fail-on: [\n").count(".editorial-lint.yaml:") == 1


def test_pyproject_errors_name_the_key_and_line(tmp_path: Path) -> None:
    line = _error(
        tmp_path, '[project]\nname = "x"\n\n[tool.editorial-lint]\nfail-on = "warning"\nbogus = 1\n', "pyproject.toml"
    )
    assert line.endswith("pyproject.toml:6: unknown key 'bogus'")
    (tmp_path / "pyproject.toml").unlink()
    assert "pyproject.toml: not valid TOML" in _error(tmp_path, "[tool.editorial-lint]\nx = \n", "pyproject.toml")


def test_missing_config_named_on_the_command_line(tmp_path: Path) -> None:
    done = run_cli("--config", "nope.yaml", ".", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.strip() == "nope.yaml: no such configuration file"
