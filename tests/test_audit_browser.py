"""The HTML audit report in a real browser: headless Chromium renders it, the charts are in the DOM with
bars and points, and a screenshot is taken. Skips only where no Chromium can be found (.ci/run installs
the Debian package `chromium`)."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import lint.cli.main as cli

import audit_archive as archive

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium() -> str:
    for name in (os.environ.get("CHROMIUM"), *CANDIDATES):
        found = shutil.which(name) if name else None
        if found:
            return found
    pytest.skip("headless Chromium not found (install the Debian package 'chromium'; .ci/run does where it can)")


def browser(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=120)


class Charts(HTMLParser):
    """Counts, inside each <svg id=...>: bars (rect.bar with a width), points (circle.point) and polylines."""

    def __init__(self) -> None:
        super().__init__()
        self.svg: str | None = None
        self.found: dict[str, dict[str, int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "svg":
            self.svg = a.get("id") or "?"
            self.found[self.svg] = {"bars": 0, "points": 0, "lines": 0}
            return
        if self.svg is None:
            return
        classes = (a.get("class") or "").split()
        if tag == "rect" and "bar" in classes and float(a.get("width") or 0) > 0:
            self.found[self.svg]["bars"] += 1
        elif tag == "circle" and "point" in classes:
            self.found[self.svg]["points"] += 1
        elif tag == "polyline" and len((a.get("points") or "").split()) > 1:
            self.found[self.svg]["lines"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.svg = None


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.slow
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    binary = chromium()
    archive.build(tmp_path)
    report, audit_json = tmp_path / "report.html", tmp_path / "audit.json"
    assert (
        cli.main(
            [
                "audit",
                "--isolated",
                "--jobs",
                "1",
                "--progress",
                "never",
                str(tmp_path / "archive"),
                str(tmp_path / "export.jsonl"),
                "--html",
                str(report),
                "--json",
                str(audit_json),
            ]
        )
        == 0
    )
    audit = json.loads(audit_json.read_text(encoding="utf-8"))

    dumped = browser(binary, tmp_path / "profile-dom", "--dump-dom", report.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    charts = Charts()
    charts.feed(dumped.stdout)
    rules_with_bars = [r for r in audit["rules"] if r["pass_percent"]]  # 0 % and "applies to none" draw no bar
    dated_months = [m for m in audit["months"] if m["key"] != "unknown"]
    assert charts.found["chart-rules"]["bars"] == len(rules_with_bars) > 5
    assert charts.found["chart-months"]["points"] == len(dated_months) >= 6
    assert charts.found["chart-months"]["lines"] == 1
    assert "Editorial compliance audit" in dumped.stdout

    shot = tmp_path / "report.png"
    taken = browser(
        binary,
        tmp_path / "profile-shot",
        "--hide-scrollbars",
        "--window-size=1200,2400",
        f"--screenshot={shot}",
        report.as_uri(),
    )
    assert taken.returncode == 0 and shot.exists(), taken.stderr[-2000:]
    assert png_size(shot) == (1200, 2400)
    assert shot.stat().st_size > 40_000  # a blank page of this size compresses to a few kilobytes
    keep = os.environ.get("EDITORIAL_LINT_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
