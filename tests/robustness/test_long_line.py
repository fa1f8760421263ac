"""A single 1 MB line (an archive that lost its line breaks) is linted in time linear with its size."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from helpers import ARTICLE, write

from conftest import run_cli


@pytest.mark.slow
def test_one_megabyte_on_one_line(tmp_path: Path) -> None:
    line = write(tmp_path, "line.txt", ARTICLE.replace("\n", " ") * (1024 * 1024 // len(ARTICLE)))
    started = time.monotonic()
    result = run_cli("--isolated", "--format", "json", "--fail-on", "never", str(line))
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert findings and all(f["line"] == 1 for f in findings)
    # Not a speed target (bench/speed.py measures those): a guard against the quadratic scans this
    # shape once caused (two minutes for one megabyte).
    assert elapsed < 60
