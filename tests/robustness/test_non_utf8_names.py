"""Item 8 of the hardening issue: a file name that is not UTF-8 is reported in every format and written
into every output file (``--output``, ``--write-baseline``) with an escaped name, never a UnicodeEncodeError;
a baseline written for such a file applies to it again."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from helpers import ARTICLE

from conftest import run_cli

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="file names must be able to hold arbitrary bytes"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "news"
    articles.mkdir()
    (articles / os.fsdecode(b"caf\xe9.md")).write_text(ARTICLE, encoding="utf-8")  # a Latin-1 name
    return articles


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_every_format_reports_the_file(folder: Path, tmp_path: Path, fmt: str) -> None:
    result = run_cli("--isolated", "--format", fmt, str(folder))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stdout
    output = tmp_path / f"report.{fmt}"
    written = run_cli("--isolated", "--format", fmt, "--output", str(output), str(folder))
    assert written.returncode == 0, written.stderr
    data = output.read_bytes()
    data.decode("utf-8")  # valid UTF-8, whatever the name
    if fmt == "json":
        paths = [entry["path"] for entry in json.loads(data)["files"]]
        assert paths == [str(folder / os.fsdecode(b"caf\xe9.md"))]  # the JSON escape gives the very name back
    if fmt == "sarif":
        assert "caf%E9.md" in data.decode("utf-8")  # the artifact URI percent-encodes the byte


def test_write_baseline_and_apply_it(folder: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    wrote = run_cli("--isolated", "--fail-on", "info", "--write-baseline", str(baseline), str(folder))
    assert wrote.returncode == 0 and "Traceback" not in wrote.stderr
    baseline.read_bytes().decode("utf-8")
    again = run_cli("--isolated", "--fail-on", "info", "--baseline", str(baseline), str(folder))
    assert again.returncode == 0 and "Found 0 findings" in again.stdout
