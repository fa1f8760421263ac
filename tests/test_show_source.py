"""Text output that shows the finding: source line and ``^`` under the span, long lines cut around it,
notes on missing things, colour, --statistics and --quiet.

The terminal output of the fixtures in tests/fixtures/show_source/ (written for these tests) is compared
with snapshots in tests/snapshots/; after a deliberate change of the layout, regenerate them with
``EDITORIAL_LINT_UPDATE_SNAPSHOTS=1 pytest tests/test_show_source.py`` and read the diff before committing.
"""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pytest

import lint.cli.main as cli
from lint.report.text import TextOptions, _excerpt, color_wanted, render, shown

FIXTURES = Path(__file__).parent / "fixtures" / "show_source"
SNAPSHOTS = Path(__file__).parent / "snapshots"
ESC = "\x1b["


def snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("EDITORIAL_LINT_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with EDITORIAL_LINT_UPDATE_SNAPSHOTS=1 and review it"
    assert text == path.read_text(encoding="utf-8")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(
    args: list[str], monkeypatch: pytest.MonkeyPatch, tty: bool = False, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """`editorial-lint ARGS` in the fixture folder, stdout a terminal (or not) of 100 columns."""
    monkeypatch.chdir(FIXTURES)
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    out = Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    code = cli.main(["--isolated", *args])
    return code, out.getvalue()


# --- snapshots -----------------------------------------------------------------------------------


def test_show_source_without_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(["--show-source", "--color", "never", "feature.md", "wire.txt"], monkeypatch)
    assert code == 1 and ESC not in out
    snapshot("show_source.txt", out)


def test_show_source_with_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(["--show-source", "--color", "always", "feature.md", "wire.txt"], monkeypatch)
    assert code == 1
    assert f"{ESC}1;31merror{ESC}0m" in out and f"{ESC}1;33mwarning{ESC}0m" in out and f"{ESC}1;36minfo" in out
    snapshot("show_source_color.ansi", out)
    # Without the escape sequences it is exactly the uncoloured output.
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == (SNAPSHOTS / "show_source.txt").read_text(encoding="utf-8")


def test_statistics(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(["--statistics", "--color", "never", "feature.md", "wire.txt"], monkeypatch)
    assert code == 1
    snapshot("statistics.txt", out)
    assert out.splitlines()[0].split()[:3] == ["2", "error", "agency-credit"]  # most frequent first


def test_quiet_prints_the_findings_only(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(["--quiet", "--no-show-source", "feature.md", "wire.txt"], monkeypatch)
    assert code == 1
    snapshot("quiet.txt", out)
    assert "Found" not in out and len(out.splitlines()) == 4
    code, out = run(["--quiet", "--select", "vague-attribution", "wire.txt"], monkeypatch)
    assert (code, out) == (0, "")


# --- what the lines say ----------------------------------------------------------------------------


def test_long_line_is_cut_around_the_span(monkeypatch: pytest.MonkeyPatch) -> None:
    _code, out = run(["--show-source", "--color", "never", "--select", "unattributed-quote", "wire.txt"], monkeypatch)
    source, carets = out.splitlines()[2], out.splitlines()[3]
    assert len((FIXTURES / "wire.txt").read_text(encoding="utf-8")) > 400
    assert source.startswith("1 | …") and source.endswith("…") and len(source) <= 100
    quote = "„Wir werden jeden Euro dreimal umdrehen, bevor wir ihn ausgeben.“"
    start = source.index(quote)
    assert carets == "  | " + " " * (start - 4) + "^" * len(quote)


def test_missing_thing_says_where_it_was_looked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    _code, out = run(["--show-source", "--color", "never", "--select", "agency-credit", "feature.md"], monkeypatch)
    lines = out.splitlines()
    assert lines[0].startswith("feature.md:10:39: error agency-credit ")
    assert lines[2] == "10 | Die Busse fahren im Zehn-Minuten-Takt."
    assert lines[3] == "   | " + " " * 38 + "^"  # one caret just after the last character: where the credit belongs
    assert lines[4] == "   = note: nothing found in the tail, which starts at 10:1; front matter source: agency"
    assert lines[5].endswith("docs/rules.md#agency-credit")


def test_note_is_in_the_json_report(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    _code, out = run(["--format", "json", "--select", "agency-credit", "wire.txt"], monkeypatch)
    finding = json.loads(out)["files"][0]["findings"][0]
    assert finding["excerpt"] == "" and finding["note"] == "nothing found in the tail, which starts at 1:306"


def _finding(line: int, column: int, end_column: int, end_line: int | None = None) -> dict[str, object]:
    return {"line": line, "column": column, "end_line": end_line or line, "end_column": end_column}


def test_excerpt_alignment_with_tabs_wide_characters_and_controls() -> None:
    # A tab is four columns, a wide character two, a control character is shown as \x07 (four columns).
    code, carets = _excerpt("\tA 東京 \x07 said", _finding(1, 4, 6), 100)
    assert code == "    A 東京 \\x07 said"
    assert carets == " " * 6 + "^" * 4  # under the two wide characters
    _code, carets = _excerpt("\tA 東京 \x07 said", _finding(1, 7, 13), 100)
    assert carets == " " * 11 + "^" * 9  # under "\x07 said"


def test_excerpt_at_line_start_and_multi_line_span() -> None:
    line = "x" * 300
    code, carets = _excerpt(line, _finding(1, 1, 3), 60)
    assert code == "x" * 59 + "…" and carets == "^^"
    code, carets = _excerpt(line, _finding(1, 299, 301), 60)
    assert code == "…" + "x" * 59 and carets == " " * 58 + "^^"
    code, carets = _excerpt("short", _finding(1, 2, 3, end_line=4), 60)
    assert code == "short" and carets == " ^^^^"  # to the end of the line; the footer says where it ends


def test_continuation_and_unknown_source_lines() -> None:
    report = {
        "files": [
            {
                "path": "a.txt",
                "findings": [
                    {"rule": "r", "severity": "info", "message": "m", **_finding(2, 1, 3, end_line=5)},
                    {"rule": "r", "severity": "info", "message": "m", **_finding(7, 1, 1)},
                ],
            }
        ],
        "summary": {"files": 1, "findings": 2, "error": 0, "warning": 0, "info": 2},
    }
    out = render(
        report,
        [{"id": "r", "help_uri": "https://x.example/r"}],
        TextOptions(show_source=True),
        {"a.txt": {2: "abcdef"}},
    )
    assert "  | ^^^^^^ (continues to line 5)" in out
    # Line 7 is not known (e.g. a front-matter value): no source, but the link is still given.
    assert out.split("a.txt:7:1: info r m\n")[1].startswith("  = help: https://x.example/r\n")


def test_shown_makes_control_characters_visible() -> None:
    assert shown("a\x1b[31mb\u202ec") == "a\\x1b[31mb\\u202ec"
    assert shown("Straße – „gut“") == "Straße – „gut“"


# --- defaults ------------------------------------------------------------------------------------------


def test_show_source_and_colour_default_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    _code, out = run(["feature.md"], monkeypatch, tty=True)
    assert "10 | Die Busse fahren" in re.sub(r"\x1b\[[0-9;]*m", "", out) and ESC in out
    _code, out = run(["feature.md"], monkeypatch, tty=False)
    assert "10 | " not in out and ESC not in out
    _code, out = run(["feature.md"], monkeypatch, tty=True, env={"NO_COLOR": "1"})
    assert "10 | Die Busse fahren" in out and ESC not in out
    _code, out = run(["--no-show-source", "feature.md"], monkeypatch, tty=True)
    assert "10 | " not in out


def test_output_file_gets_no_source_or_colour_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    run(["--output", str(target), "feature.md"], monkeypatch, tty=True)
    text = target.read_text(encoding="utf-8")
    assert "feature.md:10:39: error agency-credit" in text and "10 | " not in text and ESC not in text


def test_color_wanted() -> None:
    assert color_wanted("always", False, {"NO_COLOR": "1"}) is True
    assert color_wanted("never", True, {}) is False
    assert color_wanted("auto", True, {}) is True
    assert color_wanted("auto", True, {"NO_COLOR": "1"}) is False
    assert color_wanted("auto", True, {"NO_COLOR": ""}) is True  # no-color.org: only a non-empty value counts
    assert color_wanted("auto", True, {"TERM": "dumb"}) is False
    assert color_wanted("auto", False, {}) is False


def test_configuration_sets_the_text_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "lint.yaml"
    config.write_text("show-source: true\ncolor: always\nstatistics: true\nquiet: true\n", encoding="utf-8")
    monkeypatch.chdir(FIXTURES)
    monkeypatch.setenv("COLUMNS", "100")
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert cli.main(["--config", str(config), "wire.txt"]) == 1
    first = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue().splitlines()[0])
    assert first.split()[:4] == ["1", "error", "agency-credit", "Agency"]
    assert ESC in out.getvalue() and "Found" not in out.getvalue()
    config.write_text("color: sometimes\n", encoding="utf-8")
    assert cli.main(["--config", str(config), "wire.txt"]) == 2


def test_notes_name_what_was_searched_and_why(lint_text) -> None:  # type: ignore[no-untyped-def]
    result = lint_text("---\nai_generated: true\nlang: de\nauthor: Ina Berg\n---\nDer Rat tagt am Montag.\n", "a.md")
    (finding,) = [f for f in result.findings if f.rule == "ai-disclosure"]
    assert finding.note == "nothing found in the article; front matter ai_generated: true"
    # A document-wide fact (the language) was not searched for in any part: no note.
    result = lint_text("1234 5678\n", "b.txt")
    (finding,) = [f for f in result.findings if f.rule == "unknown-language"]
    assert finding.note is None and "note" not in finding.as_dict()
    # Findings about something present have no note.
    result = lint_text("Die Stadt plant viel. Experten zufolge lohnt sich das. (dpa)\n", "c.txt")
    assert [f.note for f in result.findings] == [None]


@pytest.mark.parametrize(
    "command",
    [
        "editorial-lint --show-source tests/fixtures/show_source/feature.md",
        "editorial-lint --statistics seeds/ tests/fixtures/show_source/",
    ],
)
def test_readme_shows_real_output(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown_output = readme.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    monkeypatch.setenv("COLUMNS", "100")
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    cli.main(["--isolated", *command.split()[1:]])
    assert out.getvalue() == shown_output
