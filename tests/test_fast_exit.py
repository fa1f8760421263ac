"""The console entry point ends the process without the interpreter's teardown (lint/cli/main.py run/exit_now):
the report, the exit code and the exit handlers are those of an ordinary exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_ARTICLE = (  # an article without an agency credit: findings at error level
    "---\ntitle: Probe\n---\n\n"
    "Der Pegel der Elbe stieg über Nacht um einen halben Meter, teilte die Stadtverwaltung mit.\n"
    "„Wir sind vorbereitet“, hieß es.\n"
)

# An exit handler that reports on stderr, and optionally a worker thread that is still running when the
# run ends: the ordinary exit waits for it, so its file must exist afterwards.
_PROBE = """
import atexit, sys, threading, time
from pathlib import Path
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
class Teardown:
    def __del__(self):
        print("torn down", file=sys.stderr)
kept = Teardown()  # freed only by the interpreter's teardown
if sys.argv[1] == "thread":
    marker = Path(sys.argv[2])
    threading.Thread(target=lambda: (time.sleep(0.3), marker.write_text("done"))).start()
sys.argv = ["editorial-lint", *sys.argv[3:]]
from lint.cli.main import {entry}
{call}
"""


def _probe(tmp_path: Path, entry: str, mode: str, *args: str) -> subprocess.CompletedProcess[str]:
    call = "run()" if entry == "run" else "raise SystemExit(main())"
    return subprocess.run(
        [sys.executable, "-c", _PROBE.format(entry=entry, call=call), mode, str(tmp_path / "marker"), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "meldung.md"
    path.write_text(_ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("fail_on", ["error", "never"])
def test_report_exit_code_and_exit_handlers_are_those_of_an_ordinary_exit(
    tmp_path: Path, article: Path, fail_on: str
) -> None:
    args = ("--isolated", "--no-cache", "--fail-on", fail_on, "--format", "json", str(article))
    fast = _probe(tmp_path, "run", "plain", *args)
    ordinary = _probe(tmp_path, "main", "plain", *args)
    assert fast.stdout and fast.stdout == ordinary.stdout
    assert fast.returncode == ordinary.returncode
    assert "exit handler ran" in fast.stderr and "exit handler ran" in ordinary.stderr
    assert "torn down" in ordinary.stderr and "torn down" not in fast.stderr  # the teardown was skipped
    assert fast.returncode == (1 if fail_on == "error" else 0)


def test_a_thread_still_running_gets_the_ordinary_exit(tmp_path: Path, article: Path) -> None:
    done = _probe(tmp_path, "run", "thread", "--isolated", "--no-cache", "--fail-on", "never", str(article))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "marker").read_text() == "done"
    assert "exit handler ran" in done.stderr
