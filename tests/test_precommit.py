"""The pre-commit hooks end to end: a content repository uses this working tree as its hook repository,
through the `.pre-commit-config.yaml` snippet the README and docs/integrations.md document, as written
(only `repo:` points at the local copy) and pinned to the tag they name, created on the copy as they say.

pre-commit installs the hook from a local clone with pip, so the only network it may need is the
package index (hatchling to build, pyyaml, regex and pathspec to install). Its cache goes into tmp_path,
so the user's ~/.cache/pre-commit is never touched (and each run installs afresh: this test takes a while).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from lint import __version__

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
DOCUMENTED = (ROOT / "README.md", ROOT / "docs" / "integrations.md")
HOUSE_RULE = """id: agency-credit-house
extends: agency-credit
severity: warning
examples:
  pass:
    - text: "Der Rat tagte am Montag im alten Rathaus. (dpa)"
      lang: de
  fail:
    - text: "Der Rat tagte am Montag im alten Rathaus."
      lang: de
"""

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def documented_configs() -> list[tuple[Path, str]]:
    """Every YAML snippet in the README and docs/integrations.md that pins this repository for pre-commit."""
    found = []
    for path in DOCUMENTED:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"^([ \t]*)```yaml\n(.*?)^\1```", text, re.MULTILINE | re.DOTALL):
            block = textwrap.dedent(match.group(2))
            if "rev:" in block and "repos:" in block:
                found.append((path, block))
    return found


def test_every_documented_pin_names_the_release_tag_and_existing_hooks() -> None:
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks == {"editorial-lint", "editorial-lint-rules"}
    configs = documented_configs()
    assert {path.name for path, _ in configs} == {"README.md", "integrations.md"}
    for path, block in configs:
        (repo,) = yaml.safe_load(block)["repos"]
        assert repo["rev"] == f"v{__version__}", path  # the tag the docs tell users to create
        assert {hook["id"] for hook in repo["hooks"]} <= hooks, path
    for path in DOCUMENTED:  # pip pins in the CI snippets name the same tag
        for pin in re.findall(r"editorial-lint@([\w.\-]+)\"", path.read_text(encoding="utf-8")):
            assert pin == f"v{__version__}", path
    integrations = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    assert f'git tag -a v{__version__} -m "editorial-lint {__version__}"' in integrations


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


def _hook_repository(tmp_path: Path, tag: str) -> Path:
    """This working tree committed into a fresh repository, tagged ``tag`` as the docs say."""
    repo = tmp_path / "hook-repo"
    for name in _source_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "snapshot of the working tree for the pre-commit test", cwd=repo)
    _git("tag", "-a", tag, "-m", f"editorial-lint {__version__}", cwd=repo)
    return repo


def _content_repository(tmp_path: Path, hook_repo: Path, snippet: str) -> Path:
    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    (content / "house").mkdir()
    (content / "news" / "good.md").write_text(GOOD, encoding="utf-8")
    (content / "news" / "bad.md").write_text(BAD, encoding="utf-8")
    (content / "house" / "agency-credit-house.yaml").write_text(HOUSE_RULE, encoding="utf-8")
    (content / ".editorial-lint.yaml").write_text("rules: [house]\n", encoding="utf-8")
    # The documented snippet as written; only its placeholder URL becomes the local copy.
    config, count = re.subn(r"(?m)^(\s*- repo: )\S+.*$", lambda m: m.group(1) + hook_repo.as_posix(), snippet)
    assert count == 1
    (content / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
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
@needs_git
def test_documented_hooks_fail_on_the_bad_article_and_pass_once_it_is_fixed(tmp_path: Path) -> None:
    source, snippet = next((path, block) for path, block in documented_configs() if path.name == "integrations.md")
    (repo,) = yaml.safe_load(snippet)["repos"]
    assert {hook["id"] for hook in repo["hooks"]} == {"editorial-lint", "editorial-lint-rules"}, source
    hook_repo = _hook_repository(tmp_path, repo["rev"])
    content = _content_repository(tmp_path, hook_repo, snippet)
    cache = tmp_path / "pre-commit-cache"

    failed = _pre_commit(content, cache, "--all-files")
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "editorial-lint" in output and "Failed" in output, output
    assert "news/bad.md:6:" in output and "agency-credit" in output, output
    assert "news/good.md:" not in output, output
    assert re.search(r"editorial-lint rule examples\.+Passed", output), output  # the house pack's examples hold

    (content / "news" / "bad.md").write_text(GOOD, encoding="utf-8")
    _git("add", "news/bad.md", cwd=content)
    passed = _pre_commit(content, cache, "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    # A house rule whose example no longer holds is caught when its file changes.
    broken = HOUSE_RULE.replace("im alten Rathaus. (dpa)", "im alten Rathaus.")
    (content / "house" / "agency-credit-house.yaml").write_text(broken, encoding="utf-8")
    _git("add", "house", cwd=content)
    failed = _pre_commit(content, cache, "--files", "house/agency-credit-house.yaml")
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "FAIL agency-credit-house::pass[0]" in output, output
