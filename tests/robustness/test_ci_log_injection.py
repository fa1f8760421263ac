"""Item 2 of the hardening issue: a file name or a JSONL id with a newline cannot start a line of its own
(``::error …`` is a GitHub workflow command) — not in the text format's stdout, not in the ``path: message``
lines on stderr, not under ``--format github``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import ARTICLE, write

from lint.report.escape import for_github_data, for_github_property, for_stderr, for_terminal

from conftest import run_cli

FORGED = "a\n::error file=X,line=1::FORGED\n.md"


def _no_command_lines(text: str) -> None:
    forged = [line for line in text.splitlines() if line.startswith(("::error file=X", "::warning::FORGED"))]
    assert not forged and "\n::" not in text.replace("\n::notice ", "").replace("\n::error file=/", "").replace(
        "\n::warning file=/", ""
    )


@pytest.mark.skipif(os.name != "posix", reason="newlines in file names are POSIX")
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_file_name_with_a_newline(tmp_path: Path, fmt: str) -> None:
    write(tmp_path, FORGED, ARTICLE)
    write(tmp_path, "b\n::warning::FORGED\n.md", "---\ndate: 2024-02-30\n---\n" + ARTICLE)  # an error on stderr
    result = run_cli("--isolated", "--format", fmt, str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    _no_command_lines(result.stdout)
    _no_command_lines(result.stderr)
    if fmt == "text":
        assert "a\\n::error file=X,line=1::FORGED\\n.md:" in result.stdout
        assert "b\\n::warning::FORGED\\n.md:2:" in result.stderr
    else:
        assert "file=" + str(tmp_path).replace(",", "%2C").replace(":", "%3A") + "/a%0A%3A%3Aerror" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_jsonl_id_with_a_newline(tmp_path: Path, fmt: str) -> None:
    records = [
        {"id": "x\n::warning::FORGED", "body": ARTICLE},
        {"id": "y\r\n::error::FORGED", "body": "\ud800" + ARTICLE},  # written as a JSON escape: a lone surrogate
    ]
    export = write(tmp_path, "export.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    result = run_cli("--isolated", "--select", "all", "--format", fmt, str(export))
    assert "Traceback" not in result.stderr
    _no_command_lines(result.stdout)
    _no_command_lines(result.stderr)
    assert "FORGED" in result.stdout  # reported, escaped


def test_escapes_per_channel() -> None:
    assert for_terminal("a\nb\x1b[31m") == "a\\nb\\x1b[31m"
    assert for_stderr("x\r\n::error::y") == "x\\r\\n::error::y"
    assert for_github_data("line1\nline2 100%\x1b") == "line1%0Aline2 100%25\\x1b"
    assert for_github_property("a,b:c\n") == "a%2Cb%3Ac%0A"
    assert for_terminal("„Zitat“ – café 😀 C:\\Pfad") == "„Zitat“ – café 😀 C:\\Pfad"  # ordinary text untouched
