"""NUL bytes, invalid UTF-8 (with the byte offset), UTF-16 with a BOM, mixed line endings."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import ARTICLE, offset, write

from conftest import run_cli


def test_nul_bytes_are_a_clear_error(tmp_path: Path) -> None:
    binary = write(tmp_path, "image.txt", b"GIF89a\x00\x01\x02 not an article")
    result = run_cli("--isolated", str(binary))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{binary}: contains NUL bytes at character 6 (binary file?)"
    assert "Traceback" not in result.stderr


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    data = ARTICLE.encode("utf-8")
    broken = write(tmp_path, "broken.txt", data[:40] + b"\xff" + data[40:])
    result = run_cli("--isolated", str(broken))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{broken}: not valid UTF-8 at byte 40 (try --encoding)"


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    wide = write(tmp_path, "wide.txt", ARTICLE.encode("utf-16"))
    plain = write(tmp_path, "plain.txt", ARTICLE)
    reports = [json.loads(run_cli("--isolated", "--format", "json", str(p)).stdout)["files"][0] for p in (wide, plain)]
    assert reports[0]["findings"] == reports[1]["findings"] and reports[0]["findings"]
    assert reports[0]["facts"] == reports[1]["facts"]


def test_mixed_line_endings_keep_positions_right(tmp_path: Path) -> None:
    text = "Erste Zeile ohne Punkt\r\n\r\nDer Rat tagte.\rKim soll Geld angenommen haben.\n\nNoch ein Satz.\r\n"
    mixed = write(tmp_path, "mixed.txt", text.encode("utf-8"))
    report = json.loads(run_cli("--isolated", "--format", "json", str(mixed)).stdout)["files"][0]
    claim = next(f for f in report["findings"] if f["rule"] == "unattributed-claim")
    assert (claim["line"], claim["column"]) == (4, 5)
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    start = offset(text, claim["line"], claim["column"])
    assert normalised[start : start + len(claim["excerpt"])] == claim["excerpt"]
