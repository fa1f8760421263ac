"""Empty and blank files are read and reported, with nothing to check."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import write

from conftest import run_cli


def test_empty_and_whitespace_only_files(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.txt", "")
    blank = write(tmp_path, "blank.md", " \n\t\n\n   \n")
    result = run_cli("--isolated", "--format", "json", str(empty), str(blank))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == [str(blank), str(empty)]
    assert all(f["findings"] == [] and f["language"] is None for f in report["files"])
    assert report["summary"]["files"] == 2 and report["errors"] == []
