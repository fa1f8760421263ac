"""Item 10 of the hardening issue, the smaller ones: symlinks leaving the linted tree (skipped with a note
unless --follow-symlinks), SIGTERM with workers, --encoding undefined, --max-file-size -1, a leading ``--``,
UTF-16 JSONL exports with a BOM, and the backtracking warning for alternations of identical branches."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ARTICLE, write

from lint.pack.backtrack import risky

from conftest import SEED, run_cli


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_symlinks_leaving_the_tree_are_skipped_with_a_note(tmp_path: Path) -> None:
    secret = write(tmp_path, "outside/secret.txt", "Geheimes Passwort: hunter2\n")
    write(tmp_path, "outside/more/b.txt", ARTICLE)
    news = tmp_path / "news"
    write(news, "a.txt", ARTICLE)
    (news / "leak.txt").symlink_to(secret)
    (news / "folder").symlink_to(tmp_path / "outside" / "more", target_is_directory=True)
    (news / "inside.txt").symlink_to(news / "a.txt")  # stays in the tree: linted
    result = run_cli("--isolated", "--format", "json", str(news))
    assert result.returncode == 0, result.stderr
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [str(news / "a.txt"), str(news / "inside.txt")]
    assert "hunter2" not in result.stdout + result.stderr
    assert f"{news / 'leak.txt'}: a symlink leaving the linted folder" in result.stderr
    assert f"{news / 'folder'}: a symlink leaving the linted folder" in result.stderr
    followed = run_cli("--isolated", "--format", "json", "--follow-symlinks", str(news))
    followed_paths = [f["path"] for f in json.loads(followed.stdout)["files"]]
    assert str(news / "leak.txt") in followed_paths and str(news / "folder" / "b.txt") in followed_paths


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix" or not hasattr(os, "fork"), reason="forked workers and SIGTERM are POSIX")
def test_sigterm_with_workers_is_clean(tmp_path: Path) -> None:
    for i in range(300):
        write(tmp_path, f"news/a{i:03d}.md", ARTICLE * 40)
    process = subprocess.Popen(
        [sys.executable, "-m", "lint", "--isolated", "--jobs", "2", str(tmp_path / "news")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)  # past start-up, inside the worker pool
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert process.returncode in (128 + signal.SIGTERM, -signal.SIGTERM, 0)


@pytest.mark.parametrize("name", ["undefined", "rot13", "no-such-codec"])
def test_encodings_that_are_not_text_encodings(name: str) -> None:
    result = run_cli("--isolated", "--encoding", name, str(SEED))
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert (
        f"'{name}' is not a text encoding" in result.stderr or f"--encoding {name}: unknown encoding" in result.stderr
    )


@pytest.mark.parametrize("value", ["-1", "0", "ten"])
def test_max_file_size_must_be_positive(value: str) -> None:
    result = run_cli("--isolated", "--max-file-size", value, str(SEED))
    assert result.returncode == 2 and "--max-file-size" in result.stderr and "Traceback" not in result.stderr


def test_a_leading_double_dash_keeps_paths_that_look_like_options(tmp_path: Path) -> None:
    write(tmp_path, "-draft.md", ARTICLE)
    write(tmp_path, "rules", ARTICLE)  # a file named like a subcommand
    for name in ("-draft.md", "rules"):
        result = run_cli("--isolated", "--format", "json", "--", name, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert [f["path"] for f in json.loads(result.stdout)["files"]] == [name]


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE], ids=["le", "be"])
def test_utf16_jsonl_with_a_bom(tmp_path: Path, bom: bytes) -> None:
    records = [{"id": "eins", "body": ARTICLE}, {"id": "zwei", "body": "Köln – " + ARTICLE}]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in records)
    export = tmp_path / "export.jsonl"
    export.write_bytes(bom + text.encode("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"))
    result = run_cli("--isolated", "--format", "json", str(export))
    assert result.returncode == 0, result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [f"{export}#eins", f"{export}#zwei"]


@pytest.mark.parametrize("pattern", ["(a|a)*", "(?:foo|foo)+", "(x|y|x){2,}"])
def test_identical_branches_are_flagged(pattern: str) -> None:
    assert risky(pattern) is not None


def test_distinct_branches_are_not_flagged() -> None:
    assert risky("(?:senior|acting)+") is None
