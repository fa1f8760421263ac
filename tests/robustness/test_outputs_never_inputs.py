"""Item 5 of the hardening issue: no output replaces an input — ``--output`` aimed at an article (directly,
through a symlink, or a hard link), ``--write-baseline INPUT``, ``audit --json INPUT`` are refused (exit 2);
an output that exists and is not a regular file (FIFO, device) is never replaced; ``-`` and ``/dev/stdout``
are standard output."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from helpers import ARTICLE, write

from conftest import run_cli


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return write(tmp_path / "news", "story.txt", ARTICLE)


def _refused(result: object, path: Path, before: str) -> None:
    assert result.returncode == 2, result.stderr  # type: ignore[attr-defined]
    assert "inputs are never overwritten; nothing was written" in result.stderr  # type: ignore[attr-defined]
    assert _digest(path) == before


def test_output_onto_an_article_in_a_linted_folder(story: Path) -> None:
    before = _digest(story)
    _refused(run_cli("--isolated", "--output", str(story), str(story.parent)), story, before)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_output_through_a_symlink_or_hard_link(story: Path, tmp_path: Path) -> None:
    before = _digest(story)
    soft = tmp_path / "report.txt"
    soft.symlink_to(story)
    _refused(run_cli("--isolated", "--output", str(soft), str(story)), story, before)
    hard = tmp_path / "hard.txt"
    os.link(story, hard)
    _refused(run_cli("--isolated", "--output", str(hard), str(story)), story, before)


def test_write_baseline_onto_an_input(story: Path) -> None:
    before = _digest(story)
    _refused(run_cli("--isolated", "--write-baseline", str(story), str(story)), story, before)


def test_audit_json_and_html_onto_an_input(story: Path, tmp_path: Path) -> None:
    before = _digest(story)
    _refused(run_cli("audit", "--isolated", "--json", str(story), str(story)), story, before)
    export = write(tmp_path, "export.jsonl", '{"id": 1, "body": "Text."}\n')
    export_before = _digest(export)
    _refused(run_cli("audit", "--isolated", "--html", str(export), str(export)), export, export_before)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_output_is_not_replaced(story: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    result = run_cli("--isolated", "--output", str(fifo), str(story))
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_output_is_not_replaced(story: Path) -> None:
    result = run_cli("--isolated", "--output", "/dev/null", str(story))
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_are_stdout(story: Path, name: str) -> None:
    if name == "/dev/stdout" and not Path(name).exists():
        pytest.skip("no /dev/stdout")
    result = run_cli("--isolated", "--format", "json", "--output", name, str(story))
    assert result.returncode == 0, result.stderr
    assert '"files"' in result.stdout
    assert not (story.parent / "-").exists()
