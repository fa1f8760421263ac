"""Shared fixtures: the loaded default pack, a linter factory, a CLI runner and the ../shared/ folder."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lint.checks.finding import FileResult
from lint.pack.loader import load_pack
from lint.pack.ruleset import RulePack
from lint.run.linter import Linter, Settings, select_rules

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the clone; EDITORIAL_LINT_SHARED points elsewhere; a git worktree (…/wt/<name>) finds it
# one level further up.
SHARED = Path(
    os.environ.get("EDITORIAL_LINT_SHARED")
    or next((p / "shared" for p in ROOT.parents if (p / "shared" / "DESIGN.md").exists()), ROOT.parent / "shared")
)
SEED = ROOT / "seeds" / "000_89733a5d9f8c67a3.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or a skip when this clone has none (tests must pass without it)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/ is only present beside CI and development clones)")
    return path


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The suite's caches (rule pack, results) in a folder of its own, not the user's: a test never
    reads a result cached by another checkout, and leaves nothing behind (subprocesses inherit it)."""
    if not os.environ.get("EDITORIAL_LINT_CACHE_DIR"):
        os.environ["EDITORIAL_LINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache") / "editorial-lint")


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_pack([])


@pytest.fixture(scope="session")
def lint_text(pack: RulePack) -> Callable[..., FileResult]:
    """lint_text(text, path="article.txt", **settings) with the default rule selection."""

    def run(text: str, path: str = "article.txt", fmt: str | None = None, **settings: object) -> FileResult:
        chosen = Settings(**settings)  # type: ignore[arg-type]
        return Linter(pack, select_rules(pack, chosen), chosen).lint_text(text, path, fmt)

    return run


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command in this process: `editorial-lint ARGS` through its main function, with the working
    directory, stdin, stdout and stderr of a run of its own (a subprocess costs ~0.3 s of start-up).
    Use run_cli_process where the process is the point (worker processes, interpreter start-up)."""
    from lint.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    data = (stdin or "").encode("utf-8")
    fake_stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    before = Path.cwd()
    saved_stdin = sys.stdin
    try:
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin = fake_stdin
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # --help, --version
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        sys.stdin = saved_stdin
        os.chdir(before)
    return subprocess.CompletedProcess(["editorial-lint", *args], code, out.getvalue(), err.getvalue())


def run_cli_process(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command as users run it: a subprocess of this interpreter's `python -m lint`."""
    return subprocess.run(
        [sys.executable, "-m", "lint", *args], capture_output=True, text=True, cwd=cwd, input=stdin, timeout=120
    )


def rules_of(result: FileResult) -> list[str]:
    return [f.rule for f in result.findings]
