"""Baselines through the command line: write, apply (multiset), moved text, stale entries, bad files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run_cli

UNCREDITED = "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen.\n"
VAGUE = (
    "---\nlang: de\n---\n"
    "Medienberichten zufolge steigen die Gebühren. Medienberichten zufolge sinken die Zuschüsse. (dpa)\n"
)


def _archive(root: Path) -> Path:
    for name, text in {"archive/a.md": UNCREDITED, "archive/b.md": VAGUE, "archive/c.md": UNCREDITED}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _json(done: Any) -> dict[str, Any]:
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_round_trip_reports_only_new_findings(tmp_path: Path) -> None:
    _archive(tmp_path)
    written = run_cli("--isolated", "--write-baseline", "baseline.json", "archive", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "wrote 4 finding(s) to the baseline baseline.json" in written.stderr
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert sorted(data["files"]) == ["archive/a.md", "archive/b.md", "archive/c.md"]
    assert len(data["files"]["archive/b.md"]["vague-attribution"]) == 2  # a multiset, by fingerprint

    report = _json(run_cli("--isolated", "--baseline", "baseline.json", "--format", "json", "archive", cwd=tmp_path))
    assert report["summary"]["findings"] == 0
    assert [(f["path"], f["baselined"]) for f in report["files"]] == [
        ("archive/a.md", 1),
        ("archive/b.md", 2),
        ("archive/c.md", 1),
    ]

    # Text moved down and a third vague source added: only the new one is reported.
    (tmp_path / "archive/b.md").write_text(
        VAGUE.replace("---\nMedien", "---\nEin neuer Absatz.\n\nMedien").replace(
            "(dpa)", "Medienberichten zufolge ist das neu. (dpa)"
        ),
        encoding="utf-8",
    )
    done = run_cli("--isolated", "--baseline", "baseline.json", "archive", cwd=tmp_path)
    assert done.returncode == 0  # info only
    assert done.stdout.splitlines()[0].startswith("archive/b.md:6:93: info vague-attribution")
    assert "Found 1 finding" in done.stdout and "no longer occur" not in done.stderr


def test_fixed_findings_are_counted_and_new_errors_fail(tmp_path: Path) -> None:
    _archive(tmp_path)
    assert run_cli("--isolated", "--write-baseline", "bl.json", "archive", cwd=tmp_path).returncode == 0
    (tmp_path / "archive/a.md").write_text(UNCREDITED.rstrip("\n") + " (dpa)\n", encoding="utf-8")
    (tmp_path / "archive/new.md").write_text(UNCREDITED, encoding="utf-8")
    done = run_cli("--isolated", "--baseline", "bl.json", "archive", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("archive/new.md:1:77: error agency-credit")
    assert "1 baseline entry no longer occurs in bl.json" in done.stderr
    # Entries of files not linted in this run (pre-commit passes a few) are not counted as gone.
    partial = run_cli("--isolated", "--baseline", "bl.json", "archive/c.md", cwd=tmp_path)
    assert partial.returncode == 0 and partial.stderr == ""


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path: Path) -> None:
    _archive(tmp_path)
    (tmp_path / "ci").mkdir()
    assert run_cli("--isolated", "--write-baseline", "ci/bl.json", "archive", cwd=tmp_path).returncode == 0
    assert "../archive/a.md" in json.loads((tmp_path / "ci/bl.json").read_text(encoding="utf-8"))["files"]
    done = run_cli("--isolated", "--baseline", "bl.json", "../archive", cwd=tmp_path / "ci")
    assert done.returncode == 0 and "Found 0 findings" in done.stdout


def test_bad_baseline_files_exit_2_with_a_message(tmp_path: Path) -> None:
    _archive(tmp_path)
    cases = {
        "missing.json": None,
        "broken.json": '{"version": 1,\n "files": [\n',
        "other.json": '{"version": 2, "files": {}}',
        "shape.json": '{"version": 1, "files": {"a.md": ["x"]}}',
    }
    expected = {
        "missing.json": "missing.json: no such baseline file (create one with --write-baseline)",
        "broken.json": "broken.json:3: not a baseline file: invalid JSON",
        "other.json": 'other.json: not a baseline file: expected {"version": 1, "files": {...}}',
        "shape.json": "shape.json: not a baseline file: 'a.md' must map rule ids to fingerprint lists",
    }
    for name, text in cases.items():
        if text is not None:
            (tmp_path / name).write_text(text, encoding="utf-8")
        done = run_cli("--isolated", "--baseline", name, "archive", cwd=tmp_path)
        assert done.returncode == 2 and done.stdout == "", name
        assert done.stderr.startswith(expected[name]) and len(done.stderr.splitlines()) == 1, done.stderr
