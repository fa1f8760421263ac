"""``--diff-base REF`` against a real temporary git repository (lint/run/diffbase.py, DESIGN.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

IDENTITY = ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
VAGUE = "Medienberichten zufolge plant die Stadt eine neue Brücke.\n\nDer Rat berät am Montag darüber.\n\nDie Kosten sind noch offen.\n"
QUOTES = (
    "Die Stadt sperrt die Brücke am Montag.\n"
    "\n"
    '"Wir müssen jetzt schnell handeln,\n'
    "und die Pendler rechtzeitig\n"
    'über alle Umleitungen informieren."\n'
    "\n"
    "Der Verkehr rollt über die Umleitung.\n"
    "\n"
    '"Das wird noch Wochen dauern, bis alles wieder läuft."\n'
    "\n"
    "(dpa)\n"
)
# Different enough from every committed file for git not to take it for a renamed one.
ADDED = "Medienberichten zufolge schließt das Hallenbad im Sommer.\n\nDie Sanierung soll zwei Jahre dauern.\n"
ATTRIBUTED = (
    "Die Stadt sperrt die Brücke am Montag.\n"
    "\n"
    '"Wir müssen jetzt schnell handeln und die Pendler informieren."\n'
    "Das sagte Bürgermeister Peter Klein am Montag.\n"
    "\n"
    "(dpa)\n"
)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *IDENTITY, *args], cwd=repo, check=True, capture_output=True)


def _write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")


def _findings(cwd: Path, *args: str) -> tuple[int, set[tuple[str, str, int]], str]:
    done = run_cli("--isolated", "--format", "json", "--fail-on", "never", *args, cwd=cwd)
    report: dict[str, Any] = json.loads(done.stdout) if done.stdout else {"files": []}
    found = {(entry["path"], f["rule"], f["line"]) for entry in report["files"] for f in entry["findings"]}
    return done.returncode, found, done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "content"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _write(
        repo,
        {
            "news/unchanged.md": VAGUE,
            "news/modified.md": VAGUE,
            "news/quotes.md": QUOTES,
            "news/old-name.md": VAGUE,
            "news/deleted.md": VAGUE,
            "news/export.jsonl": "".join(
                json.dumps({"id": name, "body": VAGUE, "body_format": "text", "lang": "de"}) + "\n"
                for name in ("r1", "r2")
            ),
        },
    )
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "checkout", "-q", "-b", "feature")
    return repo


def test_only_changed_files_and_their_changed_lines_are_reported(repo: Path) -> None:
    # modified: only the middle paragraph changes (the vague attribution on line 1 stays as it was).
    _write(repo, {"news/modified.md": VAGUE.replace("am Montag", "am Dienstag")})
    # quotes: one line inside the first (multi-line, unattributed) quotation changes.
    _write(repo, {"news/quotes.md": QUOTES.replace("rechtzeitig", "frühzeitig")})
    # renamed with a change on its last line; deleted; added (committed); a JSONL record edited.
    _git(repo, "mv", "news/old-name.md", "news/new-name.md")
    _write(repo, {"news/new-name.md": VAGUE.replace("noch offen", "weiter offen")})
    _git(repo, "rm", "-q", "news/deleted.md")
    _write(repo, {"news/added.md": ADDED})
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "edits")
    lines = (repo / "news/export.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[1])
    record["body"] = record["body"].replace("am Montag", "am Freitag")
    lines[1] = json.dumps(record) + "\n"
    (repo / "news/export.jsonl").write_text("".join(lines), encoding="utf-8")  # not committed: the working tree
    _write(repo, {"news/untracked.md": VAGUE})  # git diff does not see untracked files

    code, found, stderr = _findings(repo, "--diff-base", "main")
    assert code == 0, stderr
    assert found == {
        # document-level findings of a changed file are kept wherever they point
        ("news/modified.md", "agency-credit", 5),
        ("news/quotes.md", "unattributed-quote", 3),  # spans lines 3-5; line 4 changed
        ("news/new-name.md", "agency-credit", 5),  # renamed; line 5 changed
        ("news/added.md", "vague-attribution", 1),  # a new file: every line is changed
        ("news/added.md", "agency-credit", 3),
        ("news/export.jsonl#r2", "vague-attribution", 1),  # the edited record, not r1
        ("news/export.jsonl#r2", "agency-credit", 5),
    }, stderr
    # Without --diff-base the same tree reports the findings on unchanged lines and files too.
    _, everything, _ = _findings(repo)
    assert ("news/unchanged.md", "vague-attribution", 1) in everything
    assert ("news/quotes.md", "unattributed-quote", 9) in everything
    assert ("news/modified.md", "vague-attribution", 1) in everything


def test_removing_lines_marks_their_neighbours_changed(repo: Path) -> None:
    # Deleting the attribution below a quotation leaves the quotation (an unchanged line) unattributed.
    _write(repo, {"news/said.md": ATTRIBUTED})
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "attributed")
    _git(repo, "branch", "-f", "main")
    assert _findings(repo, "--diff-base", "main", "news")[1] == set()
    _write(repo, {"news/said.md": ATTRIBUTED.replace("Das sagte Bürgermeister Peter Klein am Montag.\n", "")})
    _, found, stderr = _findings(repo, "--diff-base", "main", "news")
    assert found == {("news/said.md", "unattributed-quote", 3)}, stderr


def test_no_changed_article_exits_0_with_a_note(repo: Path) -> None:
    _write(repo, {"notes.py": "print('not an article')\n"})
    _git(repo, "add", "-A")
    code, found, stderr = _findings(repo, "--diff-base", "main")
    assert (code, found) == (0, set())
    assert "no article changed since main" in stderr
    # a folder that holds no article at all is still an error, --diff-base or not
    (repo / "empty").mkdir()
    code, _, stderr = _findings(repo, "--diff-base", "main", "empty")
    assert code == 2 and "empty: no file to lint" in stderr


def test_a_subfolder_as_working_directory_and_paths_limit_the_files(repo: Path) -> None:
    _write(repo, {"news/modified.md": VAGUE.replace("am Montag", "am Dienstag"), "other/x.md": VAGUE})
    _git(repo, "add", "-A")
    _, found, stderr = _findings(repo / "news", "--diff-base", "main", "modified.md", "unchanged.md")
    assert found == {("modified.md", "agency-credit", 5)}, stderr
    _, found, _ = _findings(repo, "--diff-base", "main", "other")
    assert found == {("other/x.md", "vague-attribution", 1), ("other/x.md", "agency-credit", 5)}


def test_bad_uses_are_clear_errors_before_linting(repo: Path, tmp_path: Path) -> None:
    code, _, stderr = _findings(repo, "--diff-base", "no-such-branch")
    assert code == 2 and "--diff-base no-such-branch: no such commit" in stderr and "Traceback" not in stderr
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    (outside / "a.md").write_text(VAGUE, encoding="utf-8")
    code, _, stderr = _findings(outside, "--diff-base", "main")
    assert code == 2 and "needs a git repository" in stderr
    code, _, stderr = _findings(repo, "--diff-base", "main", "--write-baseline", "b.json")
    assert code == 2 and "--write-baseline" in stderr and not (repo / "b.json").exists()


def test_a_pure_rename_reports_only_document_level_findings(repo: Path) -> None:
    _git(repo, "mv", "news/old-name.md", "news/moved.md")
    _, found, stderr = _findings(repo, "--diff-base", "main")
    assert found == {("news/moved.md", "agency-credit", 5)}, stderr  # not the vague attribution on line 1


def test_the_merge_base_keeps_the_targets_own_changes_out(repo: Path) -> None:
    """Why the docs pass the merge base: against the target's tip, its later edits look like the request's."""
    _write(repo, {"news/modified.md": VAGUE.replace("am Montag", "am Dienstag")})
    _git(repo, "commit", "-q", "-am", "the request's edit")
    _git(repo, "checkout", "-q", "main")
    _write(repo, {"news/unchanged.md": VAGUE.replace("Medienberichten zufolge plant", "Offenbar plant")})
    _git(repo, "commit", "-q", "-am", "an edit on main after the request branched off")
    _git(repo, "checkout", "-q", "feature")
    merge_base = subprocess.run(
        ["git", "merge-base", "main", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    _, found, stderr = _findings(repo, "--diff-base", merge_base)
    assert found == {("news/modified.md", "agency-credit", 5)}, stderr
    _, against_tip, _ = _findings(repo, "--diff-base", "main")
    assert ("news/unchanged.md", "vague-attribution", 1) in against_tip
