"""An 8 MB article is linted; a 50 MB one is refused with the size named; the others are still linted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ARTICLE, write

from conftest import run_cli


@pytest.mark.slow
def test_eight_megabytes_are_linted(tmp_path: Path) -> None:
    big = write(tmp_path, "big.txt", (ARTICLE + "\n") * (8 * 1024 * 1024 // (len(ARTICLE) + 1)))
    assert big.stat().st_size > 8_000_000
    result = run_cli("--isolated", "--format", "json", "--fail-on", "never", str(big))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["files"][0]["facts"]["quotes"] > 30_000


def test_fifty_megabytes_are_refused_and_others_still_linted(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:  # a sparse file: the size is what is checked, before anything is read
        out.truncate(50 * 1024 * 1024)
    good = write(tmp_path, "good.txt", ARTICLE)
    result = run_cli("--isolated", "--format", "json", str(huge), str(good))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"{huge}: file is 50 MB, 40 MB over the limit of 10 MB (max-file-size); refused")
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(good)]


def test_max_file_size_option(tmp_path: Path) -> None:
    article = write(tmp_path, "a.txt", ARTICLE)
    result = run_cli("--isolated", "--max-file-size", "100", str(article))
    assert result.returncode == 2 and "over the limit of 100 bytes (max-file-size)" in result.stderr
