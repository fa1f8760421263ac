"""Item 6 of the hardening issue: a folder that cannot be read is an error naming it (exit 2), never a
silent skip; only regular files are read — a FIFO (walked, named, as --baseline, as a rule file) or a device
is refused without being opened; the size limit holds while reading, stdin and JSONL lines included."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import ARTICLE, write

from lint.pack.loader import load_pack
from lint.run.inputs import lint_inputs
from lint.run.linter import Linter, Settings, select_rules

from conftest import SEED, run_cli

fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def test_an_unreadable_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "news/a.txt", ARTICLE)
    locked = tmp_path / "news" / "locked"
    write(locked, "b.txt", ARTICLE)
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # as for a folder of mode 000 (root could read it anyway)
        if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    pack = load_pack([])
    settings = Settings()
    results = lint_inputs(Linter(pack, select_rules(pack, settings), settings), [str(tmp_path / "news")], None)
    errors = [e for r in results for e in r.errors]
    assert [r.path for r in results if not r.errors] == [str(tmp_path / "news" / "a.txt")]
    assert errors and errors[0]["path"] == str(locked)
    assert "cannot read the folder: Permission denied" in errors[0]["message"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads folders of mode 000")
def test_an_unreadable_folder_exits_2(tmp_path: Path) -> None:
    write(tmp_path, "news/a.txt", ARTICLE)
    locked = tmp_path / "news" / "locked"
    write(locked, "b.txt", ARTICLE)
    locked.chmod(0)
    try:
        result = run_cli("--isolated", str(tmp_path / "news"))
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2 and str(locked) in result.stderr


@fifo_only
def test_fifos_are_never_opened(tmp_path: Path) -> None:
    write(tmp_path, "news/a.txt", ARTICLE)
    fifo = tmp_path / "news" / "trap.txt"
    os.mkfifo(fifo)
    walked = run_cli("--isolated", "--format", "json", str(tmp_path / "news"))  # the run's timeout catches a hang
    assert walked.returncode == 2 and f"{fifo}: a FIFO, not a regular file; not read" in walked.stderr
    assert [f["path"] for f in json.loads(walked.stdout)["files"]] == [str(tmp_path / "news" / "a.txt")]
    named = run_cli("--isolated", str(fifo))
    assert named.returncode == 2 and "a FIFO, not a regular file" in named.stderr
    baseline = run_cli("--isolated", "--baseline", str(fifo), str(SEED))
    assert baseline.returncode == 2 and "a FIFO" in baseline.stderr
    jsonl = tmp_path / "export.jsonl"
    os.mkfifo(jsonl)
    assert "a FIFO" in run_cli("--isolated", str(jsonl)).stderr
    rules = tmp_path / "pack"
    rules.mkdir()
    os.mkfifo(rules / "x.yaml")
    refused = run_cli("--isolated", "--rules", str(rules), str(SEED))
    assert refused.returncode == 2 and "a FIFO" in refused.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused() -> None:
    result = run_cli("--isolated", "/dev/zero")
    assert result.returncode == 2 and "/dev/zero: a character device, not a regular file" in result.stderr


def test_stdin_obeys_max_file_size() -> None:
    result = run_cli("--isolated", "--max-file-size", "1000", "-", stdin="Text. " * 500)
    assert result.returncode == 2 and "-: input is over the limit of 1000 bytes (max-file-size)" in result.stderr


def test_an_endless_jsonl_line_is_cut_off(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    with export.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "a", "body": ARTICLE}) + "\n")
        out.write('{"id": "b", "body": "' + "x" * 3_000_000 + '"}\n')
        out.write(json.dumps({"id": "c", "body": ARTICLE}) + "\n")
    result = run_cli("--isolated", "--format", "json", "--max-file-size", "100000", str(export))
    assert result.returncode == 2 and f"{export}:2: record is" in result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [f"{export}#a", f"{export}#c"]
