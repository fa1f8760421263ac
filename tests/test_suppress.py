"""Inline suppression through the command line: every form, reasons in the report, unused suppressions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from conftest import ROOT, run_cli

STORY = (
    "Die Stadt hat die Brücke am Montag gesperrt.\n"
    "\n"
    '"Wir müssen jetzt schnell handeln und die Pendler informieren."\n'
    "\n"
    "Medienberichten zufolge dauert die Sanierung ein Jahr.\n"
)
FRONT = "---\ntitle: Brücke gesperrt\n---\n"


def _lint(tmp_path: Path, name: str, text: str, *args: str) -> tuple[int, dict[str, Any]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = run_cli("--isolated", "--format", "json", *args, name, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    schema = json.loads((ROOT / "lint" / "schemas" / "report-v1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    [entry] = report["files"]
    return done.returncode, entry


def _rules(entry: dict[str, Any]) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in entry["findings"]]


def test_without_suppressions_the_story_has_three_findings(tmp_path: Path) -> None:
    code, entry = _lint(tmp_path, "a.md", FRONT + STORY)
    assert code == 1
    assert _rules(entry) == [("unattributed-quote", 6), ("vague-attribution", 8), ("agency-credit", 8)]
    assert entry["suppressed"] == 0 and "suppressions" not in entry


def test_disable_next_line_with_a_reason(tmp_path: Path) -> None:
    text = FRONT + STORY.replace(
        '"Wir', '<!-- editorial-lint-disable-next-line unattributed-quote -- sign on the bridge, not speech -->\n"Wir'
    )
    _, entry = _lint(tmp_path, "a.md", text)
    assert _rules(entry) == [("vague-attribution", 9), ("agency-credit", 9)]
    assert entry["suppressed"] == 1
    assert entry["suppressions"] == [
        {
            "rule": "unattributed-quote",
            "kind": "disable-next-line",
            "line": 6,
            "reason": "sign on the bridge, not speech",
            "used": True,
            "suppressed": 1,
        }
    ]


def test_disable_enable_region_with_several_rules(tmp_path: Path) -> None:
    text = FRONT + STORY.replace(
        '"Wir', '<!-- editorial-lint-disable unattributed-quote,vague-attribution -- court documents -->\n"Wir'
    ).replace("Jahr.\n", 'Jahr.\n<!-- editorial-lint-enable -->\n\n"Dies ist ein neues Zitat ohne jede Quelle."\n')
    _, entry = _lint(tmp_path, "a.md", text)
    # The quotation after the enable is reported again; the two inside the region are not.
    assert [r for r, _ in _rules(entry)] == ["unattributed-quote", "agency-credit"]
    assert _rules(entry)[0][1] == 12
    assert entry["suppressed"] == 2
    assert [(s["rule"], s["used"], s["reason"]) for s in entry["suppressions"]] == [
        ("unattributed-quote", True, "court documents"),
        ("vague-attribution", True, "court documents"),
    ]


def test_a_missing_credit_is_suppressed_by_a_region_to_the_end_of_the_file(tmp_path: Path) -> None:
    text = FRONT + "<!-- editorial-lint-disable agency-credit -- wire copy from 1998, credit lost -->\n" + STORY
    code, entry = _lint(tmp_path, "a.md", text, "--select", "agency-credit")
    assert (code, _rules(entry), entry["suppressed"]) == (0, [], 1)
    assert entry["suppressions"][0]["reason"] == "wire copy from 1998, credit lost"


def test_front_matter_ignore_with_reason(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Brücke gesperrt\neditorial-lint:\n  ignore: [agency-credit, vague-attribution]\n"
        "  reason: press release, published unchanged\n---\n" + STORY
    )
    _, entry = _lint(tmp_path, "a.md", text)
    assert _rules(entry) == [("unattributed-quote", 9)]
    assert entry["suppressed"] == 2
    assert {(s["rule"], s["kind"], s["line"], s["reason"]) for s in entry["suppressions"]} == {
        ("agency-credit", "front-matter", 3, "press release, published unchanged"),
        ("vague-attribution", "front-matter", 3, "press release, published unchanged"),
    }


def test_html_comments_suppress_in_html_files(tmp_path: Path) -> None:
    html = (
        "<p>Die Stadt hat die Brücke am Montag gesperrt.</p>\n"
        "<!-- editorial-lint-disable-next-line vague-attribution -- quoted from the ruling -->\n"
        "<p>Medienberichten zufolge dauert die Sanierung ein Jahr. (dpa)</p>\n"
    )
    code, entry = _lint(tmp_path, "a.html", html)
    assert (code, _rules(entry), entry["suppressed"]) == (0, [], 1)


def test_unused_and_unknown_suppressions_are_reported_as_info(tmp_path: Path) -> None:
    text = (
        FRONT
        + "<!-- editorial-lint-disable-next-line anonymous-source -->\n"
        + "<!-- editorial-lint-disable-next-line agency-credt -- typo -->\n"
        + "<!-- editorial-lint-disabel agency-credit -->\n"
        + STORY
        + "(dpa)\n"
    )
    code, entry = _lint(tmp_path, "a.md", text, "--fail-on", "warning")
    unused = [f for f in entry["findings"] if f["rule"] == "unused-suppression"]
    assert [(f["line"], f["severity"]) for f in unused] == [(4, "info"), (5, "info"), (6, "info")]
    assert unused[0]["message"] == 'Unnötige Unterdrückung "anonymous-source": hier gibt es nichts zu unterdrücken.'
    assert "keine solche Regel" in unused[1]["message"] and '"agency-credt"' in unused[1]["message"]
    assert "keine gültige Anweisung" in unused[2]["message"]
    assert code == 1  # the unattributed quotation (warning); info findings alone would not fail


def test_unused_suppression_can_be_ignored_and_not_run_rules_are_not_judged(tmp_path: Path) -> None:
    text = FRONT + "<!-- editorial-lint-disable-next-line anonymous-source -->\n" + STORY + "(dpa)\n"
    _, entry = _lint(tmp_path, "a.md", text, "--ignore", "unused-suppression")
    assert "unused-suppression" not in [r for r, _ in _rules(entry)]
    _, entry = _lint(tmp_path, "a.md", text, "--select", "unused-suppression,agency-credit")
    assert _rules(entry) == []  # anonymous-source did not run, so its suppression is not judged
    assert entry["suppressions"][0]["used"] is False


def test_suppressed_findings_do_not_fail_the_run_and_file_is_unchanged(tmp_path: Path) -> None:
    text = "---\neditorial-lint: {ignore: [agency-credit, unattributed-quote]}\n---\n" + STORY
    code, entry = _lint(tmp_path, "a.md", text, "--fail-on", "warning")
    assert code == 0 and entry["suppressed"] == 2
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text
