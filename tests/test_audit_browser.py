"""The HTML audit report in a real browser: headless Chromium renders it, the charts are in the DOM with
bars and points, and a screenshot is taken. Skips only where no Chromium can be found (.ci/run installs
the Debian package `chromium`)."""

from __future__ import annotations

import itertools
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


class Points(HTMLParser):
    """Each month point of the time chart (cx, month, article count, hollow?) and the count labels."""

    def __init__(self) -> None:
        super().__init__()
        self.points: list[tuple[float, str, int, bool]] = []
        self.counts: list[str] = []
        self.gaps = 0
        self._count = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "circle" and "point" in classes:
            self.points.append(
                (float(a["cx"] or 0), a["data-month"] or "", int(a["data-articles"] or 0), "few" in classes)
            )
        elif tag == "line" and "gap" in classes:
            self.gaps += 1
        self._count = tag == "text" and "count" in classes

    def handle_data(self, data: str) -> None:
        if self._count:
            self.counts.append(data)
            self._count = False


# Two months long before the rest, one article each: the axis must show the gap to scale, and a
# one-article month must not look as solid as a month of nine.
EARLY = {
    "2022-11": "---\ndate: 2022-11-08\nsection: politik\n---\nDer Landtag beriet am Dienstag über den Etat. (dpa)\n",
    "2023-02": "---\ndate: 2023-02-14\nsection: politik\n---\nDer Landtag tagte erneut zum Etat der Schulen.\n",
}


def month_index(key: str) -> int:
    year, month = key.split("-")
    return int(year) * 12 + int(month)


@pytest.mark.slow
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    binary = chromium()
    archive.build(tmp_path)
    for month, text in EARLY.items():
        (tmp_path / "archive" / f"early-{month}.md").write_text(text, encoding="utf-8")
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
    assert charts.found["chart-months"]["lines"] == 1  # through 2024-01..06; 2022-11 and 2023-02 stand alone
    assert "Editorial compliance audit" in dumped.stdout

    # The time axis is to scale: x distance per month is the same across the gap and within 2024.
    points = Points()
    points.feed(dumped.stdout)
    xs = {month: x for x, month, _n, _few in points.points}
    keys = sorted(xs, key=month_index)
    per_month = [(xs[b] - xs[a]) / (month_index(b) - month_index(a)) for a, b in itertools.pairwise(keys)]
    assert keys[:2] == ["2022-11", "2023-02"] and max(per_month) - min(per_month) < 0.5
    assert points.gaps == 2  # dashed lines across 2022-12..2023-01 and 2023-03..2023-12
    # Every point carries its article count; the one-article months are hollow, the others solid.
    counts = {m["key"]: m["articles"] for m in dated_months}
    assert points.counts == [str(counts[month]) for _x, month, _n, _few in points.points]
    assert [month for _x, month, _n, few in points.points if few] == ["2022-11", "2023-02"]
    # The undated share is stated under the chart.
    undated = audit["summary"]["undated"]
    total = audit["summary"]["articles"]
    assert undated and f"{undated} ({100 * undated / total:.0f} %) are undated and not in the chart" in dumped.stdout
    # Pass rates by section: rules as rows, at most six groups a table, no horizontal scrolling.
    assert "overflow-x" not in dumped.stdout
    grouped = dumped.stdout.split('<section id="grouped">')[1].split("</section>")[0]
    assert grouped.count("<tr><td><code>") == len(audit["rules"]) * grouped.count('<table class="grouped">')
    # Articles with the most errors: each article's path once, its error lines grouped by rule.
    top = dumped.stdout.split('<section id="top-articles">')[1].split("</section>")[0]
    for article in audit["top_articles"]:
        assert top.count(f">{article['path']}</a>") == 1

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
    # Laid out in a 1000 px window, no table is wider than the page (a test copy measures it with a script;
    # the report itself has none).
    measured = tmp_path / "measured.html"
    probe = (
        "<script>document.body.setAttribute('data-overflow', Math.max(...Array.from("
        "document.querySelectorAll('table'), t => t.scrollWidth - t.parentElement.clientWidth)))</script>"
    )
    measured.write_text(report.read_text(encoding="utf-8").replace("</body>", probe + "</body>"), encoding="utf-8")
    laid_out = browser(binary, tmp_path / "profile-wide", "--window-size=1000,800", "--dump-dom", measured.as_uri())
    overflow = laid_out.stdout.split('data-overflow="', 1)[1].split('"', 1)[0]
    assert int(overflow) <= 0, f"a table is {overflow} px wider than the page"
    keep = os.environ.get("EDITORIAL_LINT_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
