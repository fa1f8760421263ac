"""Item 7 of the hardening issue: terminal control sequences from article text or file names — ESC (colours,
cursor moves), OSC 52 clipboard writes, backspace, bidi overrides — are shown as visible escapes in the
text output, in excerpts and paths alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import write

from conftest import run_cli

RULE = (
    "id: shout\ntype: forbid\nseverity: warning\nlanguages: [any]\nscope: body\npattern: 'Alarm[^ ]*'\n"
    "message: 'Found {match}'\nrationale: r\nreference: r\nexamples: {pass: [ruhig], fail: [Alarm]}\n"
)
SEQUENCES = {
    "csi": "\x1b[2J\x1b[31m",
    "osc52": "\x1b]52;c;ZWNobyBoaQ==\x07",
    "backspace": "\x08\x08\x08ok",
    "bidi": "\u202edm.txt",
    "c1": "\x9b31m",
}
RAW = ("\x1b", "\x07", "\x08", "\u202e", "\x9b")


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_sequences_in_excerpts_are_visible(tmp_path: Path, name: str) -> None:
    write(tmp_path / "pack", "shout.yaml", RULE)
    article = write(tmp_path, "a.txt", f"Der Rat tagte. Alarm{SEQUENCES[name]} im Rathaus.\n")
    result = run_cli("--isolated", "--no-default-rules", "--rules", str(tmp_path / "pack"), str(article))
    assert result.returncode == 0, result.stderr
    assert "warning shout Found Alarm" in result.stdout
    assert not any(char in result.stdout for char in RAW)
    assert "\\x" in result.stdout or "\\u202e" in result.stdout


@pytest.mark.skipif(os.name != "posix", reason="control characters in file names are POSIX")
@pytest.mark.parametrize("name", ["csi", "osc52", "backspace", "bidi"])
def test_sequences_in_file_names_are_visible(tmp_path: Path, name: str) -> None:
    write(tmp_path / "pack", "shout.yaml", RULE)
    write(
        tmp_path,
        f"x{SEQUENCES[name].replace('/', '')}.txt",
        "Der Rat tagte lange.\n\nDanach gab es Alarm im Rathaus.\n",
    )
    write(tmp_path, f"y{SEQUENCES[name].replace('/', '')}.txt", b"\xff\xfe\x00broken")  # an error on stderr
    result = run_cli("--isolated", "--no-default-rules", "--rules", str(tmp_path / "pack"), str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert not any(char in stream for char in RAW)
    assert "shout" in result.stdout and "y" in result.stderr
