"""The pre-commit hook end to end: a content repository uses this working tree as its hook repository.

pre-commit installs the hook from a local clone with pip, so the only network it may need is the
package index (hatchling to build, pyyaml and regex to install). Its cache goes into tmp_path, so the
user's ~/.cache/pre-commit is never touched (and each run installs afresh: this test takes a while).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IDENTITY = [
    "-c",
    "user.name=editorial-lint tests",
    "-c",
    "user.email=tests@editorial-lint.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "init.defaultBranch=main",
]
SKIP_PARTS = {
    ".git",
    ".venv",
    ".venv-ci",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "build",
    "dist",
}

BAD = """---
title: Haushalt beschlossen
---
Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen.

Die Opposition stimmte geschlossen dagegen, die Mehrheit war dennoch deutlich.
"""
GOOD = BAD.rstrip("\n") + " (dpa)\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *IDENTITY, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def _source_files() -> list[Path]:
    """The working tree as a commit would hold it: tracked and untracked files, without ignored ones."""
    if shutil.which("git") and (ROOT / ".git").exists():
        listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
        return [Path(name) for name in listed.split("\0") if name and (ROOT / name).is_file()]
    return [
        p.relative_to(ROOT) for p in ROOT.rglob("*") if p.is_file() and not SKIP_PARTS & set(p.relative_to(ROOT).parts)
    ]


def _hook_repository(tmp_path: Path) -> tuple[Path, str]:
    """This working tree committed into a fresh repository: (its path, the commit)."""
    repo = tmp_path / "hook-repo"
    for name in _source_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "snapshot of the working tree for the pre-commit test", cwd=repo)
    return repo, _git("rev-parse", "HEAD", cwd=repo).strip()


def _content_repository(tmp_path: Path, hook_repo: Path, rev: str) -> Path:
    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    (content / "news" / "good.md").write_text(GOOD, encoding="utf-8")
    (content / "news" / "bad.md").write_text(BAD, encoding="utf-8")
    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: editorial-lint\n",
        encoding="utf-8",
    )
    _git("init", "-q", cwd=content)
    _git("add", "-A", cwd=content)
    _git("commit", "-q", "-m", "two articles", cwd=content)
    return content


def _pre_commit(content: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(cache),
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=content,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


@pytest.mark.slow
def test_hook_fails_on_the_bad_article_and_passes_once_it_is_fixed(tmp_path: Path) -> None:
    hook_repo, rev = _hook_repository(tmp_path)
    content = _content_repository(tmp_path, hook_repo, rev)
    cache = tmp_path / "pre-commit-cache"

    failed = _pre_commit(content, cache, "--all-files")
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "editorial-lint" in output and "Failed" in output, output
    assert "news/bad.md:6:" in output and "agency-credit" in output, output
    assert "news/good.md:" not in output, output

    (content / "news" / "bad.md").write_text(GOOD, encoding="utf-8")
    _git("add", "news/bad.md", cwd=content)
    passed = _pre_commit(content, cache, "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
