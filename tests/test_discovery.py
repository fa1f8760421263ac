"""What a run lints in a content repository: ignore files, dependency folders, JSONL exports, named files,
"no files to lint" (DESIGN.md, Command line); and the usage fixes of issue 16 (--encoding, test-rules, audit)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli

UNCREDITED = "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen.\n"
RECORD = {"id": "a1", "title": "Haushalt", "body": UNCREDITED, "body_format": "text", "lang": "de"}


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _linted(cwd: Path, *args: str) -> tuple[int, list[str], str]:
    done = run_cli("--format", "json", "--isolated", *args, cwd=cwd)
    report = json.loads(done.stdout)
    return done.returncode, [entry["path"] for entry in report["files"]], done.stderr


def test_a_walk_skips_git_ignored_and_dependency_folders_and_takes_jsonl_exports(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": "drafts/\n*.tmp.md\n",
            "news/a.md": UNCREDITED,
            "news/b.tmp.md": UNCREDITED,
            "news/.gitignore": "local/\n",
            "news/local/c.md": UNCREDITED,
            "drafts/d.md": UNCREDITED,
            "node_modules/pkg/README.md": UNCREDITED,
            "site/vendor/theme/README.md": UNCREDITED,
            "build/page.html": f"<p>{UNCREDITED}</p>",
            "exports/cms.jsonl": json.dumps(RECORD) + "\n",
        },
    )
    (tmp_path / ".git").mkdir()  # the top of a repository: ignore files are read from here down
    code, paths, stderr = _linted(tmp_path)
    assert code == 1, stderr
    assert paths == ["exports/cms.jsonl#a1", "news/a.md"]


def test_ignore_files_are_read_from_the_repository_top_when_a_subfolder_is_walked(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "news/old/\n", "news/a.md": UNCREDITED, "news/old/b.md": UNCREDITED})
    (tmp_path / ".git").mkdir()
    assert _linted(tmp_path / "news", ".")[1] == ["a.md"]
    assert _linted(tmp_path, "news")[1] == ["news/a.md"]


def test_editorial_lintignore_ignores_more_and_can_re_include_what_git_ignores(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": "generated/\n",
            ".editorial-lintignore": "!generated/\ncorrections/\n",
            "generated/a.md": UNCREDITED,
            "corrections/b.md": UNCREDITED,
            "c.md": UNCREDITED,
        },
    )
    assert _linted(tmp_path)[1] == ["c.md", "generated/a.md"]


def test_a_folder_with_no_article_is_an_error_naming_it(tmp_path: Path) -> None:
    _tree(tmp_path, {"news/a.md": UNCREDITED, "empty/notes.rst": "nothing to lint\n", "only-deps/vendor/x.md": ""})
    code, paths, stderr = _linted(tmp_path, "news", "empty", "only-deps")
    assert code == 2
    assert "empty: no file to lint" in stderr and "only-deps: no file to lint" in stderr
    assert "news" not in stderr.replace("no file to lint", "")
    assert "news/a.md" in paths  # the other path is still linted and reported


def test_named_files_all_excluded_by_configuration_exit_0_with_a_note(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".editorial-lint.yaml": "exclude: [archive]\n",
            "archive/a.md": UNCREDITED,
            "archive/b.md": UNCREDITED,
            "news/c.md": UNCREDITED,
        },
    )
    done = run_cli("archive/a.md", "archive/b.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "excluded" in done.stderr and "archive/a.md, archive/b.md" in done.stderr
    # A folder whose every file is excluded yields no file: that is an error, not a note.
    done = run_cli("archive", cwd=tmp_path)
    assert done.returncode == 2 and "archive: no file to lint" in done.stderr


def test_force_exclude_skips_named_files_a_walk_would_skip(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "drafts/\n", "drafts/a.md": UNCREDITED, "node_modules/p/README.md": UNCREDITED})
    (tmp_path / ".git").mkdir()
    named = ["drafts/a.md", "node_modules/p/README.md"]
    code, paths, _ = _linted(tmp_path, *named)
    assert (code, paths) == (1, named)  # named explicitly: linted
    code, paths, stderr = _linted(tmp_path, "--force-exclude", *named)
    assert (code, paths) == (0, []) and "nothing to lint" in stderr
    _tree(tmp_path, {".editorial-lint.yaml": "force-exclude: true\n"})
    done = run_cli("--format", "json", *named, cwd=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["files"] == []


def test_a_file_named_and_inside_a_named_folder_is_linted_once(tmp_path: Path) -> None:
    _tree(tmp_path, {"news/a.md": UNCREDITED, "news/b.md": UNCREDITED})
    assert _linted(tmp_path, "news", "news/a.md", "news/")[1] == ["news/a.md", "news/b.md"]


def test_a_path_that_does_not_exist_is_still_an_error(tmp_path: Path) -> None:
    done = run_cli("--isolated", "nwes", cwd=tmp_path)
    assert done.returncode == 2 and "nwes: no such file or folder" in done.stderr


# --- issue 16, items 3 and 4 --------------------------------------------------------------------


def test_an_unknown_encoding_is_one_usage_error_before_any_file(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.md": UNCREDITED, "b.md": UNCREDITED, "c.md": UNCREDITED})
    done = run_cli("--isolated", "--encoding", "latin9x", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("latin9x") == 1, done.stderr
    assert done.stdout == ""  # nothing was linted
    audit = run_cli("audit", "--isolated", "--encoding", "latin9x", ".", cwd=tmp_path)
    assert audit.returncode == 2 and audit.stderr.count("latin9x") == 1


HOUSE_RULE = """id: agency-credit-house
extends: agency-credit
severity: warning
"""


def test_test_rules_without_arguments_tests_the_configurations_rules(tmp_path: Path) -> None:
    desk = _tree(
        tmp_path / "desk", {"house/agency-credit-house.yaml": HOUSE_RULE, ".editorial-lint.yaml": "rules: [house]\n"}
    )
    done = run_cli("test-rules", cwd=desk / "house")  # the configuration is found upward, its paths relative to it
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok   agency-credit-house::" in done.stdout and "ok   agency-credit::" in done.stdout
    (tmp_path / "elsewhere").mkdir()
    bare = run_cli("test-rules", cwd=tmp_path / "elsewhere")  # no configuration: the shipped pack only
    assert bare.returncode == 0 and "ok   agency-credit::" in bare.stdout
    assert "agency-credit-house" not in bare.stdout


def test_test_rules_no_default_rules_accepts_a_house_rule_extending_a_default_one(tmp_path: Path) -> None:
    _tree(tmp_path, {"house/agency-credit-house.yaml": HOUSE_RULE})
    done = run_cli("test-rules", "--no-default-rules", "house", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    tested = [line for line in done.stdout.splitlines() if line.startswith(("ok", "FAIL"))]
    assert tested and all("agency-credit-house" in line for line in tested)  # only the house pack is tested
    # check too: the default rules do not run, the house rule built on one does.
    _tree(tmp_path, {"a.md": UNCREDITED})
    check = run_cli("--isolated", "--no-default-rules", "--rules", "house", "--format", "json", "a.md", cwd=tmp_path)
    rules = {f["rule"] for entry in json.loads(check.stdout)["files"] for f in entry["findings"]}
    assert rules == {"agency-credit-house"}, check.stderr


def test_audit_defaults_to_the_working_directory_as_check_does(tmp_path: Path) -> None:
    _tree(tmp_path, {"news/a.md": UNCREDITED, "news/b.md": UNCREDITED.rstrip("\n") + " (dpa)\n"})
    done = run_cli("audit", "--isolated", "--json", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["articles"] == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_real_git_repository_with_a_global_style_ignore(tmp_path: Path) -> None:
    """The same rules inside a real `git init` tree, including .git/info/exclude."""
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    _tree(tmp_path, {"news/a.md": UNCREDITED, "scratch/b.md": UNCREDITED})
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("scratch/\n", encoding="utf-8")
    assert _linted(tmp_path)[1] == ["news/a.md"]
