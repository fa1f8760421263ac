"""Symlink loops, paths that vanish during a run, and input files that are never written."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from helpers import ARTICLE, write

from lint.pack.loader import load_pack
from lint.run.inputs import lint_inputs
from lint.run.linter import Linter, Settings, select_rules

from conftest import run_cli


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this platform")
def test_symlink_loop_in_a_folder_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path, "news/a.txt", ARTICLE)
    (tmp_path / "news" / "again").symlink_to(tmp_path / "news", target_is_directory=True)
    (tmp_path / "news" / "self.txt").symlink_to(tmp_path / "news" / "self.txt")
    result = run_cli("--isolated", "--format", "json", str(tmp_path / "news"))
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == [str(tmp_path / "news" / "a.txt")]
    assert result.returncode == 2  # the link that points at itself cannot be read, and says so
    assert "self.txt" in result.stderr and "Traceback" not in result.stderr


def test_a_path_that_vanishes_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = write(tmp_path, "a.txt", ARTICLE)
    second = write(tmp_path, "b.txt", ARTICLE)
    pack = load_pack([])
    settings = Settings()
    linter = Linter(pack, select_rules(pack, settings), settings)
    original = Linter.lint_file

    def vanish_then_lint(self: Linter, path: Path, shown: str | None = None):  # type: ignore[no-untyped-def]
        if path == first:
            second.unlink()  # gone between discovery and reading
        return original(self, path, shown)

    monkeypatch.setattr(Linter, "lint_file", vanish_then_lint)
    results = lint_inputs(linter, [str(tmp_path)], None, jobs=1)
    assert [r.path for r in results] == [str(first), str(second)]
    assert results[0].findings and not results[0].errors
    assert results[1].errors == [{"path": str(second), "message": "no such file or folder"}]


def test_inputs_are_never_written_and_output_is_atomic(tmp_path: Path) -> None:
    articles = [write(tmp_path, f"a{i}.md", ARTICLE) for i in range(3)]
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in articles}
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    report.write_text("old report", encoding="utf-8")
    result = run_cli("--isolated", "--format", "json", "--output", str(report), *map(str, articles))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["files"] == 3
    assert sorted(p.name for p in report.parent.iterdir()) == ["report.json"]  # no temporary file left
    assert {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in articles} == before
